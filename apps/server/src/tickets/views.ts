// Views: saved filters with a sort, personal or shared, with live counts. The four built-in ones
// (my_open, unassigned, all_unsolved, recently_solved) come with migration 0002.
import type { z } from 'zod';
import type { Actor, Ctx } from '../platform/context.js';
import { type Executor, transaction } from '../platform/db/index.js';
import type { ViewRow } from '../platform/db/types.js';
import { AppError } from '../platform/errors.js';
import { can, requirePermission } from '../platform/rbac.js';
import * as repo from './repo.js';
import {
  type CreateViewBody,
  TicketFilters,
  TicketSort,
  type UpdateViewBody,
  type ViewTicketsQuery,
} from './schema.js';
import { pageOfTickets, resolveFilters } from './service.js';
import { scopeOf } from './visibility.js';

function parse(row: ViewRow) {
  return {
    filters: TicketFilters.parse(JSON.parse(row.filters)),
    sort: TicketSort.catch('updated_desc').parse(row.sort),
  };
}

function toDto(row: ViewRow, count: number) {
  const { filters, sort } = parse(row);
  return {
    id: row.id,
    name: row.name,
    systemKey: row.system_key,
    shared: row.owner_id === null,
    ownerId: row.owner_id,
    filters,
    sort,
    position: row.position,
    count,
  };
}

async function countOf(db: Executor, actor: Actor, row: ViewRow): Promise<number> {
  return repo.countTickets(db, await resolveFilters(db, actor, parse(row).filters), await scopeOf(db, actor));
}

/** A view the actor may use (shared, or their own); others are 404. */
async function usableView(db: Executor, actor: Actor, id: number): Promise<ViewRow> {
  const row = await repo.findView(db, id);
  if (!row || (row.owner_id !== null && row.owner_id !== actor.userId)) throw new AppError('view_not_found');
  return row;
}

function assertMayEdit(actor: Actor, row: ViewRow | { owner_id: number | null }) {
  if (row.owner_id === null ? !can(actor, 'views.manage_shared') : row.owner_id !== actor.userId) {
    throw new AppError('view_readonly');
  }
}

export async function listViews(ctx: Ctx) {
  const actor = requirePermission(ctx, 'tickets.work');
  const db = ctx.deps.db.kysely;
  const rows = await repo.listViews(db, actor.userId);
  const items = [];
  for (const row of rows) items.push(toDto(row, await countOf(db, actor, row)));
  return { items };
}

export async function viewCounts(ctx: Ctx) {
  const actor = requirePermission(ctx, 'tickets.work');
  const db = ctx.deps.db.kysely;
  const counts: Record<string, number> = {};
  for (const row of await repo.listViews(db, actor.userId)) counts[String(row.id)] = await countOf(db, actor, row);
  return { counts };
}

export async function viewTickets(ctx: Ctx, id: number, query: z.output<typeof ViewTicketsQuery>) {
  const actor = requirePermission(ctx, 'tickets.work');
  const row = await usableView(ctx.deps.db.kysely, actor, id);
  const { filters, sort } = parse(row);
  return pageOfTickets(ctx, actor, filters, { sort, limit: query.limit, cursor: query.cursor });
}

export async function createView(ctx: Ctx, input: z.output<typeof CreateViewBody>) {
  const actor = requirePermission(ctx, 'tickets.work');
  const owner = input.shared ? null : actor.userId;
  assertMayEdit(actor, { owner_id: owner });
  const now = ctx.deps.clock.now();
  const view = await transaction(ctx.deps.db, async (trx) => {
    await resolveFilters(trx, actor, input.filters); // unknown custom fields are refused by name
    const id = await repo.insertView(trx, {
      owner_id: owner,
      system_key: null,
      name: input.name,
      filters: JSON.stringify(input.filters),
      sort: input.sort,
      position: input.position,
      created_at: now,
      updated_at: now,
    });
    const row = (await repo.findView(trx, id))!;
    return toDto(row, await countOf(trx, actor, row));
  });
  await publishViews(ctx, view.shared ? undefined : [actor.userId]);
  return { view };
}

export async function updateView(ctx: Ctx, id: number, input: z.output<typeof UpdateViewBody>) {
  const actor = requirePermission(ctx, 'tickets.work');
  const now = ctx.deps.clock.now();
  const view = await transaction(ctx.deps.db, async (trx) => {
    const row = await usableView(trx, actor, id);
    assertMayEdit(actor, row);
    const owner = input.shared === undefined ? row.owner_id : input.shared ? null : actor.userId;
    if (owner !== row.owner_id) assertMayEdit(actor, { owner_id: owner });
    if (input.filters) await resolveFilters(trx, actor, input.filters);
    await repo.updateView(trx, id, {
      owner_id: owner,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.filters !== undefined ? { filters: JSON.stringify(input.filters) } : {}),
      ...(input.sort !== undefined ? { sort: input.sort } : {}),
      ...(input.position !== undefined ? { position: input.position } : {}),
      updated_at: now,
    });
    const after = (await repo.findView(trx, id))!;
    return toDto(after, await countOf(trx, actor, after));
  });
  await publishViews(ctx);
  return { view };
}

export async function deleteView(ctx: Ctx, id: number) {
  const actor = requirePermission(ctx, 'tickets.work');
  await transaction(ctx.deps.db, async (trx) => {
    const row = await usableView(trx, actor, id);
    assertMayEdit(actor, row);
    await repo.deleteView(trx, id);
  });
  await publishViews(ctx);
}

async function publishViews(ctx: Ctx, userIds?: number[]) {
  await ctx.deps.bus.publish({ type: 'views.changed', data: {}, ...(userIds ? { userIds } : {}) });
}
