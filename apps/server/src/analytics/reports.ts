// Saved reports (the report builder): a query definition with a moving or fixed period, shared with
// roles and pinned to the dashboard. Running one runs its query as the viewer, so a report shared
// with a role that may not see some figures shows that role only what it may see.

import type { z } from 'zod';
import { userBriefs } from '../people/service.js';
import { iso } from '../platform/auth/dto.js';
import type { Actor, Ctx } from '../platform/context.js';
import { transaction } from '../platform/db/index.js';
import type { AnalyticsReportRow } from '../platform/db/types.js';
import { AppError } from '../platform/errors.js';
import { requirePermission } from '../platform/rbac.js';
import { readSettingsFor } from '../platform/settings/service.js';
import * as repo from './repo.js';
import type { CreateReportBody, ReportDefinitionDto, UpdateReportBody } from './schema.js';
import { prepareQuery, runQuery } from './service.js';
import { addDays, localToday } from './time.js';

type Preset = Extract<ReportDefinitionDto['period'], { preset: string }>['preset'];

/** A preset's local dates on the day it is run. */
export function presetDates(preset: Preset, today: string): { from: string; to: string } {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'last_7_days':
      return { from: addDays(today, -6), to: today };
    case 'last_30_days':
      return { from: addDays(today, -29), to: today };
    case 'last_90_days':
      return { from: addDays(today, -89), to: today };
    case 'this_month':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'last_month': {
      const firstOfThis = `${today.slice(0, 7)}-01`;
      const lastOfPrev = addDays(firstOfThis, -1);
      return { from: `${lastOfPrev.slice(0, 7)}-01`, to: lastOfPrev };
    }
  }
}

const canSee = (actor: Actor, r: AnalyticsReportRow) =>
  r.owner_id === actor.userId || (JSON.parse(r.shared_roles) as string[]).includes(actor.role);
const canEdit = (actor: Actor, r: AnalyticsReportRow) => r.owner_id === actor.userId || actor.role === 'admin';

async function toDtos(ctx: Ctx, actor: Actor, rows: AnalyticsReportRow[]) {
  const owners = await userBriefs(
    ctx.deps.db.kysely,
    rows.map((r) => r.owner_id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    ownerId: r.owner_id,
    ownerName: owners.get(r.owner_id)?.name ?? '',
    definition: JSON.parse(r.definition) as ReportDefinitionDto,
    sharedRoles: JSON.parse(r.shared_roles) as Actor['role'][],
    pinned: r.pinned === 1,
    editable: canEdit(actor, r),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  }));
}

async function visibleReport(ctx: Ctx, actor: Actor, id: number) {
  const row = await repo.findReport(ctx.deps.db.kysely, id);
  if (!row || !canSee(actor, row)) throw new AppError('report_not_found');
  return row;
}

/** Local dates a report covers instead of its own period (a scheduled mail's week or month). */
export type PeriodDates = { from: string; to: string };

/** Checks a definition the way running it would (unknown metric → 400 with the allowed ones …). */
async function checkDefinition(ctx: Ctx, d: ReportDefinitionDto, tz?: string, over?: PeriodDates) {
  const zone = tz ?? (await readSettingsFor(ctx.deps.db.kysely)).defaultTimeZone;
  const dates =
    over ?? ('preset' in d.period ? presetDates(d.period.preset, localToday(zone, ctx.deps.clock.now())) : d.period);
  return prepareQuery(ctx, {
    metrics: d.metrics,
    dimensions: d.dimensions,
    ...dates,
    tz: zone,
    ...d.filters,
  });
}

export async function listReports(ctx: Ctx) {
  const actor = requirePermission(ctx, 'analytics.read');
  const rows = (await repo.listReports(ctx.deps.db.kysely)).filter((r) => canSee(actor, r));
  return { items: await toDtos(ctx, actor, rows) };
}

export async function getReport(ctx: Ctx, id: number) {
  const actor = requirePermission(ctx, 'analytics.read');
  const [report] = await toDtos(ctx, actor, [await visibleReport(ctx, actor, id)]);
  return { report: report! };
}

export async function createReport(ctx: Ctx, input: z.output<typeof CreateReportBody>) {
  const actor = requirePermission(ctx, 'analytics.read');
  await checkDefinition(ctx, input.definition);
  const now = ctx.deps.clock.now();
  const { id } = await transaction(ctx.deps.db, (trx) =>
    repo.insertReport(trx, {
      owner_id: actor.userId,
      name: input.name,
      definition: JSON.stringify(input.definition),
      shared_roles: JSON.stringify([...new Set(input.sharedRoles)]),
      pinned: input.pinned ? 1 : 0,
      created_at: now,
      updated_at: now,
    }),
  );
  return getReport(ctx, id);
}

export async function updateReport(ctx: Ctx, id: number, input: z.output<typeof UpdateReportBody>) {
  const actor = requirePermission(ctx, 'analytics.read');
  const row = await visibleReport(ctx, actor, id);
  if (!canEdit(actor, row)) throw new AppError('forbidden', { permission: 'report owner' });
  if (input.definition) await checkDefinition(ctx, input.definition);
  await transaction(ctx.deps.db, (trx) =>
    repo.updateReport(trx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.definition !== undefined ? { definition: JSON.stringify(input.definition) } : {}),
      ...(input.sharedRoles !== undefined ? { shared_roles: JSON.stringify([...new Set(input.sharedRoles)]) } : {}),
      ...(input.pinned !== undefined ? { pinned: input.pinned ? 1 : 0 } : {}),
      updated_at: ctx.deps.clock.now(),
    }),
  );
  return getReport(ctx, id);
}

export async function deleteReport(ctx: Ctx, id: number): Promise<void> {
  const actor = requirePermission(ctx, 'analytics.read');
  const row = await visibleReport(ctx, actor, id);
  if (!canEdit(actor, row)) throw new AppError('forbidden', { permission: 'report owner' });
  await transaction(ctx.deps.db, (trx) => repo.deleteReport(trx, id));
}

/**
 * Runs a report as the viewer, its period resolved today in `tz` (default the organisation's) unless
 * `options.dates` gives one; `options.compare` adds the totals of the period before.
 */
export async function runReportAnswer(
  ctx: Ctx,
  id: number,
  tz?: string,
  options: { dates?: PeriodDates; compare?: boolean } = {},
) {
  const actor = requirePermission(ctx, 'analytics.read');
  const row = await visibleReport(ctx, actor, id);
  const [report] = await toDtos(ctx, actor, [row]);
  const q = await checkDefinition(ctx, report!.definition, tz, options.dates);
  // Shared with a role that may not see some of it: that viewer gets the part they may see.
  const answer = await runQuery(ctx, { ...q, compare: options.compare ?? false }, { lenient: true });
  return { report: report!, q, answer };
}

export async function runReport(ctx: Ctx, id: number, tz?: string) {
  const { q, answer } = await runReportAnswer(ctx, id, tz);
  return {
    from: q.from,
    to: q.to,
    tz: q.tz,
    metrics: q.metrics.map((m) => m.key),
    dimensions: q.dimensions,
    ...answer,
  };
}
