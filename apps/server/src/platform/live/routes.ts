// GET /api/v1/live: a WebSocket that carries EventBus events to the signed-in user's browser.
import { isCredentialValid } from '../auth/service.js';
import type { Actor, Deps } from '../context.js';
import type { LiveEvent } from '../events/bus.js';
import type { App } from '../http/types.js';
import { requirePermission } from '../rbac.js';

/** WebSocket close code for "your sign-in ended": the browser signs in again rather than reconnect. */
export const CLOSE_SIGNED_OUT = 4401;

/** Handles one kind of message a browser sends up the socket (presence on a ticket, say). */
export type LiveHandler = (actor: Actor, data: unknown) => Promise<void>;

/**
 * How often a socket carries tickets.changed at most. Every browser refetches its ticket lists and
 * view counts on each one (a count per view: tens of ms on a million tickets), so a busy desk's stream
 * of changes (each reply, note, assignment …) would have every browser refetching all the time. The
 * first change is sent at once; those that follow within the window go out together at its end, as
 * one message naming every ticket.
 */
export const TICKETS_CHANGED_EVERY_MS = 1000;

/** Sends tickets.changed at most once per `everyMs`, merging the ticket numbers of those held back. */
function ticketsChangedMerger(send: (event: Pick<LiveEvent, 'type' | 'data'>) => void, everyMs: number) {
  let held: Set<number> | null = null;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    if (!held) return;
    const numbers = [...held];
    held = null;
    send({ type: 'tickets.changed', data: { numbers } });
    timer = setTimeout(flush, everyMs);
  };
  return {
    push(numbers: unknown) {
      const list = Array.isArray(numbers) ? numbers.filter((n): n is number => typeof n === 'number') : [];
      if (timer === undefined) {
        send({ type: 'tickets.changed', data: { numbers: list } });
        timer = setTimeout(flush, everyMs);
        return;
      }
      held ??= new Set();
      for (const n of list) held.add(n);
    },
    stop: () => clearTimeout(timer),
  };
}

export function registerLiveRoutes(
  app: App,
  deps: Deps,
  recheckMs: number,
  handlers: Record<string, LiveHandler> = {},
  ticketsChangedEveryMs = TICKETS_CHANGED_EVERY_MS,
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
      const send = (event: Pick<LiveEvent, 'type' | 'data'>) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: event.type, data: event.data }));
      };
      const ticketsChanged = ticketsChangedMerger(send, ticketsChangedEveryMs);
      const unsubscribe = deps.bus.subscribe((event) => {
        if (event.userIds && !event.userIds.includes(userId)) return;
        if (event.type === 'tickets.changed') ticketsChanged.push(event.data.numbers);
        else send(event);
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
        ticketsChanged.stop();
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
