// "At risk now": the tickets the viewer may see whose SLA target has run out or is in its last
// quarter and counting, most overdue first, for the SLA dashboard and leads' morning look.
import type { Ctx } from '../platform/context.js';
import { requirePermission } from '../platform/rbac.js';
import { visibleSummaries } from '../tickets/service.js';
import * as repo from './repo.js';

export async function ticketsAtRisk(ctx: Ctx, query: { limit: number; teamId?: number[] | undefined }) {
  requirePermission(ctx, 'tickets.work');
  const now = ctx.deps.clock.now();
  // Read more than asked: some may be outside what the viewer sees.
  const ids = await repo.ticketIdsAtRisk(ctx.deps.db.kysely, now, query.limit * 4, query.teamId);
  const items = (await visibleSummaries(ctx, ids)).slice(0, query.limit);
  return { items, at: new Date(now).toISOString() };
}
