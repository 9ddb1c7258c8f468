// Collision detection: who is viewing or typing on a ticket. Browsers report it up the live socket;
// it fans out over the EventBus (so across nodes), and nothing is stored — an entry expires in the
// browser when its refreshes stop.
import { z } from 'zod';
import { userBriefs } from '../people/service.js';
import type { Deps } from '../platform/context.js';
import type { LiveHandler } from '../platform/live/routes.js';
import * as repo from './repo.js';
import { scopeOf } from './visibility.js';

const Presence = z.object({
  number: z.number().int().positive(),
  typing: z.boolean().default(false),
  left: z.boolean().default(false),
});

export function presenceHandler(deps: Deps): LiveHandler {
  return async (actor, data) => {
    const parsed = Presence.safeParse(data);
    if (!parsed.success) return;
    const { number, typing, left } = parsed.data;
    const db = deps.db.kysely;
    const ticket = await repo.findTicketByNumber(db, number);
    // Only about a ticket the sender may see (the broadcast carries just its number and the name).
    if (!ticket || !(await repo.canSee(db, ticket.id, await scopeOf(db, actor)))) return;
    const name = (await userBriefs(db, [actor.userId])).get(actor.userId)?.name ?? '';
    await deps.bus.publish({ type: 'ticket.presence', data: { number, userId: actor.userId, name, typing, left } });
  };
}
