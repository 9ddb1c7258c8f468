// HTTP routes of the signed-in user's notifications.
import type { App } from '../platform/http/types.js';
import {
  MarkReadBody,
  NotificationList,
  NotificationListQuery,
  NotificationPreferences,
  UnreadCount,
} from './schema.js';
import * as notifications from './service.js';

export function registerNotificationRoutes(app: App): void {
  const tags = ['notifications'];
  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first, with the unread count',
        querystring: NotificationListQuery,
        response: { 200: NotificationList },
      },
    },
    (req) => notifications.listNotifications(req.ctx, req.query),
  );
  app.post(
    '/api/v1/notifications/read',
    { schema: { tags, summary: 'Mark notifications read', body: MarkReadBody, response: { 200: UnreadCount } } },
    (req) => notifications.markNotificationsRead(req.ctx, req.body),
  );
  app.get(
    '/api/v1/notifications/preferences',
    { schema: { tags, summary: 'How I want to be notified', response: { 200: NotificationPreferences } } },
    (req) => notifications.getPreferences(req.ctx),
  );
  app.put(
    '/api/v1/notifications/preferences',
    {
      schema: {
        tags,
        summary: 'Set how I want to be notified',
        body: NotificationPreferences,
        response: { 200: NotificationPreferences },
      },
    },
    (req) => notifications.putPreferences(req.ctx, req.body),
  );
}
