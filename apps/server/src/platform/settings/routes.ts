import type { App } from '../http/types.js';
import { SettingsEnvelope, UpdateSettingsBody } from './schema.js';
import { getSettings, updateSettings } from './service.js';

export function registerSettingsRoutes(app: App): void {
  const tags = ['settings'];
  app.get(
    '/api/v1/settings',
    { schema: { tags, summary: 'Organisation settings', response: { 200: SettingsEnvelope } } },
    (req) => getSettings(req.ctx),
  );
  app.patch(
    '/api/v1/settings',
    {
      schema: {
        tags,
        summary: 'Change organisation settings',
        body: UpdateSettingsBody,
        response: { 200: SettingsEnvelope },
      },
    },
    (req) => updateSettings(req.ctx, req.body),
  );
}
