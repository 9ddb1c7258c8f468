// GET /api/v1/live: a WebSocket that carries EventBus events to the signed-in user's browser.
import { isCredentialValid } from '../auth/service.js';
import type { Actor, Deps } from '../context.js';
import type { App } from '../http/types.js';
import { requirePermission } from '../rbac.js';

/** WebSocket close code for "your sign-in ended": the browser signs in again rather than reconnect. */
export const CLOSE_SIGNED_OUT = 4401;

/** Handles one kind of message a browser sends up the socket (presence on a ticket, say). */
export type LiveHandler = (actor: Actor, data: unknown) => Promise<void>;

export function registerLiveRoutes(
  app: App,
  deps: Deps,
  recheckMs: number,
  handlers: Record<string, LiveHandler> = {},
): void {
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
      const actor = req.ctx.actor!;
      const userId = actor.userId;
      const unsubscribe = deps.bus.subscribe((event) => {
        if (event.userIds && !event.userIds.includes(userId)) return;
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: event.type, data: event.data }));
      });
      // A socket outlives the request that opened it: sign-out, revocation or deactivation must end it too.
      const recheck = setInterval(() => {
        isCredentialValid(deps, actor)
          .then((valid) => {
            if (!valid) socket.close(CLOSE_SIGNED_OUT, 'signed out');
          })
          .catch((err: unknown) => req.log.warn({ err }, 'could not recheck a live socket'));
      }, recheckMs);
      const stop = () => {
        clearInterval(recheck);
        unsubscribe();
      };
      socket.on('message', (raw: Buffer) => {
        let msg: { type?: unknown; data?: unknown };
        try {
          msg = JSON.parse(raw.toString('utf8')) as typeof msg;
        } catch {
          return;
        }
        const handler = typeof msg.type === 'string' ? handlers[msg.type] : undefined;
        handler?.(actor, msg.data).catch((err: unknown) => req.log.warn({ err }, 'a live message failed'));
      });
      socket.on('close', stop);
      socket.on('error', stop);
      socket.send(JSON.stringify({ type: 'hello', data: { userId } }));
    },
  );
}
