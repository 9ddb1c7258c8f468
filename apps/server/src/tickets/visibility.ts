// Who may see which ticket: the rule every read and every command about one ticket starts with.

import { teamIdsOfUser } from '../people/service.js';
import type { Actor } from '../platform/context.js';
import type { Executor } from '../platform/db/index.js';
import type { TicketRow } from '../platform/db/types.js';
import { AppError } from '../platform/errors.js';
import { can } from '../platform/rbac.js';
import * as repo from './repo.js';

/** null: the actor sees every ticket. */
export async function scopeOf(db: Executor, actor: Actor): Promise<repo.Scope | null> {
  if (can(actor, 'tickets.see_all')) return null;
  return { userId: actor.userId, teamIds: await teamIdsOfUser(db, actor.userId) };
}

/** The ticket, if the actor may see it; otherwise 404 (never 403: that would tell it exists). */
export async function visibleTicket(db: Executor, actor: Actor, number: number): Promise<TicketRow> {
  const row = await repo.findTicketByNumber(db, number);
  if (!row || !(await repo.canSee(db, row.id, await scopeOf(db, actor)))) throw new AppError('ticket_not_found');
  return row;
}
