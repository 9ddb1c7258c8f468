// GET /api/v1/live: a WebSocket that carries EventBus events to the signed-in user's browser.
import type { Deps } from '../context.js';
import type { App } from '../http/types.js';
import { requirePermission } from '../rbac.js';

export function registerLiveRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/live',
    {
      websocket: true,
      schema: { tags: ['live'], summary: 'WebSocket of live events (users.changed, teams.changed, …)' },
      preHandler: async (req) => {
        requirePermission(req.ctx, 'live.subscribe');
      },
    },
    (socket, req) => {
      const userId = req.ctx.actor!.userId;
      const unsubscribe = deps.bus.subscribe((event) => {
        if (event.userIds && !event.userIds.includes(userId)) return;
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: event.type, data: event.data }));
      });
      socket.on('close', unsubscribe);
      socket.on('error', unsubscribe);
      socket.send(JSON.stringify({ type: 'hello', data: { userId } }));
    },
  );
}
