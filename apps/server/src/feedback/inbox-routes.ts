// HTTP routes of the feedback inbox.
import type { App } from '../platform/http/types.js';

export function registerFeedbackInboxRoutes(_app: App): void {}
