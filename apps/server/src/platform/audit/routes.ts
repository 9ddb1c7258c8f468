import type { App } from '../http/types.js';
import { AuditList, AuditQuery } from './schema.js';
import { listAuditLog } from './service.js';

export function registerAuditRoutes(app: App): void {
  app.get(
    '/api/v1/audit-log',
    {
      schema: {
        tags: ['audit'],
        summary: 'Admin-level changes, newest first',
        querystring: AuditQuery,
        response: { 200: AuditList },
      },
    },
    (req) => listAuditLog(req.ctx, req.query),
  );
}
