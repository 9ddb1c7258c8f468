// Analytics: keeping each ticket's KPI facts, and answering metric queries for the people allowed
// to see them.

import { z } from 'zod';
import { organisationNames } from '../customers/service.js';
import { presenceIntervals, teamBriefs, teamIdsOfUser, userBriefs } from '../people/service.js';
import type { Ctx } from '../platform/context.js';
import type { Executor } from '../platform/db/index.js';
import { AppError, fieldError } from '../platform/errors.js';
import { decodeCursor, encodeCursor } from '../platform/http/cursor.js';
import { can, requirePermission } from '../platform/rbac.js';
import { readSettingsFor } from '../platform/settings/service.js';
import { calendarsOfTeams } from '../sla/calendars.js';
import { visibleSummaries } from '../tickets/service.js';
import { type AlertRules, defaultAlertRules, emergingTags, kpiFlags, WATCHED } from './alerts.js';
import {
  type Anchor,
  anchorOf,
  type CalendarOf,
  isActivityMetric,
  kindOf,
  type MetricRef,
  metricKeys,
  metricNames,
  parseMetric,
} from './kpi.js';
import { presenceByHourOfWeek } from './presence.js';
import {
  ACTIVITY_DIMENSIONS,
  activityFactsNeeded,
  activityTicketsBehind,
  type Cell,
  DIMENSIONS,
  type Dimension,
  evaluate,
  type Filters,
  factsNeeded,
  type QueryResult,
  type QuerySpec,
  TIME_DIMENSIONS,
  ticketsBehind,
} from './query.js';
import * as repo from './repo.js';
import type { AnalyticsPresenceQueryIn, AnalyticsQueryIn, AnalyticsTicketsQueryIn } from './schema.js';
import { addDays, daysBetween, isRealDate, periodOf } from './time.js';

// ---------- queries ----------

/** A validated query: what the route parsed, before the viewer's scope is applied. */
export interface QueryInput extends Omit<QuerySpec, 'now' | 'filters'> {
  filters: Filters;
}

export interface QueryAnswer extends QueryResult {
  /** Names for the ids in `agent`, `team` and `organisation` columns. */
  labels: Partial<Record<'agent' | 'team' | 'organisation', Record<string, string>>>;
  /** The same metrics over the period just before, as long as this one (when asked for). */
  previous?: Record<string, number | null>;
}

/**
 * What a viewer may see. Admins and managers: everything. Leads: their teams' tickets. Agents:
 * their own tickets, or their teams' tickets as a whole (the team average), never another agent's
 * figures.
 */
async function scopeFilters(
  ctx: Ctx,
  spec: QueryInput,
  /** Narrow what the viewer may not see instead of refusing (a report someone shared with them). */
  lenient = false,
): Promise<{ filters: Filters; ownOnly: number | null }> {
  const actor = requirePermission(ctx, 'analytics.read');
  if (can(actor, 'analytics.see_all')) return { filters: spec.filters, ownOnly: null };
  const db = ctx.deps.db.kysely;
  const own = spec.filters.agentIds;
  if (!can(actor, 'analytics.see_agents')) {
    if (own?.some((id) => id !== actor.userId) && !lenient) {
      throw new AppError('forbidden', { permission: 'analytics.see_agents' });
    }
    // Their own figures, wherever their tickets sit.
    if (own)
      return { filters: { ...spec.filters, agentIds: own.filter((id) => id === actor.userId) }, ownOnly: actor.userId };
  }
  const mine = await teamIdsOfUser(db, actor.userId);
  const asked = spec.filters.teamIds;
  const teamIds = asked ? asked.filter((t) => t !== null && mine.includes(t)) : mine;
  if (asked && teamIds.length < asked.length && !lenient) {
    throw new AppError('forbidden', { permission: 'analytics.see_all' });
  }
  return {
    filters: { ...spec.filters, teamIds },
    ownOnly: can(actor, 'analytics.see_agents') ? null : actor.userId,
  };
}

/** The teams' business calendars when a `_bh` metric is asked for (read once per query). */
async function calendarsFor(db: Executor, metrics: MetricRef[]): Promise<CalendarOf | undefined> {
  return metrics.some((m) => m.name.endsWith('_bh')) ? calendarsOfTeams(db) : undefined;
}

export async function runQuery(
  ctx: Ctx,
  input: QueryInput & { compare?: boolean },
  options: { lenient?: boolean } = {},
): Promise<QueryAnswer> {
  const { filters, ownOnly } = await scopeFilters(ctx, input, options.lenient);
  const now = ctx.deps.clock.now();
  const spec: QuerySpec = { ...input, filters, now, calendarOf: await calendarsFor(ctx.deps.db.kysely, input.metrics) };
  const length = spec.end - spec.start;
  // The previous period's totals come from the same read of the facts (one query, not two).
  const results = await evaluateFastMany(ctx.deps.db.kysely, [
    spec,
    ...(input.compare ? [{ ...spec, dimensions: [], start: spec.start - length, end: spec.start }] : []),
  ]);
  const result = results[0]!;
  const prev = results[1];
  // An agent sees the team as a whole, and in an agent breakdown only their own row.
  if (ownOnly !== null && spec.dimensions.includes('agent')) {
    result.rows = result.rows.filter((r) => r.agent === ownOnly);
  }
  const answer: QueryAnswer = { ...result, labels: await labelsOf(ctx.deps.db.kysely, spec.dimensions, result) };
  if (prev) answer.previous = prev.totals;
  return answer;
}

/** The fast path: the database selects the facts in the period, the engine does the rest. */
export async function evaluateFast(db: Executor, spec: QuerySpec): Promise<QueryResult> {
  return (await evaluateFastMany(db, [spec]))[0]!;
}

/**
 * Several queries with the same filters over one read of the facts (and of the agent activity, for
 * activity metrics) that covers all their periods.
 */
async function evaluateFastMany(db: Executor, specs: QuerySpec[]): Promise<QueryResult[]> {
  const { filters } = specs[0]!;
  // A filter the viewer's scope emptied selects nothing.
  if (filters.teamIds?.length === 0 || filters.agentIds?.length === 0) return specs.map((s) => evaluate([], s));
  const metrics = specs.flatMap((s) => s.metrics);
  const anchors = new Set<Anchor>(
    metrics.flatMap((m) => (isActivityMetric(m.name) ? [] : [anchorOf(m.name) as Anchor])),
  );
  const start = Math.min(...specs.map((s) => s.start));
  const end = Math.max(...specs.map((s) => s.end));
  const facts = anchors.size
    ? await repo.selectFacts(db, {
        anchors,
        start,
        end,
        filters,
        fields: new Set(specs.flatMap((s) => [...factsNeeded(s)])),
      })
    : [];
  const activity = metrics.some((m) => isActivityMetric(m.name))
    ? await repo.selectActivity(db, {
        start,
        end,
        filters,
        fields: new Set(specs.flatMap((s) => [...activityFactsNeeded(s)])),
      })
    : [];
  return specs.map((s) => evaluate(facts, s, activity));
}

async function labelsOf(db: Executor, dims: Dimension[], result: QueryResult): Promise<QueryAnswer['labels']> {
  const ids = (d: Dimension) =>
    dims.includes(d)
      ? [...new Set(result.rows.map((r) => r[d]).filter((v): v is number => typeof v === 'number'))]
      : [];
  const labels: QueryAnswer['labels'] = {};
  const agents = ids('agent');
  if (agents.length) {
    labels.agent = Object.fromEntries([...(await userBriefs(db, agents)).values()].map((u) => [u.id, u.name]));
  }
  const teams = ids('team');
  if (teams.length) {
    labels.team = Object.fromEntries([...(await teamBriefs(db, teams)).values()].map((t) => [t.id, t.name]));
  }
  const orgs = ids('organisation');
  if (orgs.length) labels.organisation = Object.fromEntries(await organisationNames(db, orgs));
  return labels;
}

// ---------- validating a query ----------

const MAX_METRICS = 20;
const MAX_DIMENSIONS = 2;
const MAX_DAYS = 3 * 366;

/** Turns the API's parameters into a query, or a 400 that names the problem and the allowed values. */
export async function prepareQuery(ctx: Ctx, q: AnalyticsQueryIn): Promise<QueryInput & { compare: boolean }> {
  requirePermission(ctx, 'analytics.read');
  if (!q.metrics.length) throw fieldError('metrics', 'required');
  if (q.metrics.length > MAX_METRICS) throw fieldError('metrics', 'too_many');
  const metrics = q.metrics.map((key) => parseMetric(key));
  if (metrics.some((m) => m === null)) {
    throw new AppError('validation_failed', { fields: { metrics: 'unknown_metric' }, allowed: metricKeys });
  }
  const refs = metrics as MetricRef[];
  const dims = [...new Set(q.dimensions ?? [])];
  if (dims.some((d) => !(DIMENSIONS as readonly string[]).includes(d))) {
    throw new AppError('validation_failed', { fields: { dimensions: 'unknown_dimension' }, allowed: DIMENSIONS });
  }
  if (dims.length > MAX_DIMENSIONS) throw fieldError('dimensions', 'too_many');
  const dimensions = dims as Dimension[];
  if (
    refs.some((m) => isActivityMetric(m.name)) &&
    dimensions.some((d) => !(ACTIVITY_DIMENSIONS as readonly string[]).includes(d))
  ) {
    throw new AppError('validation_failed', {
      fields: { dimensions: 'not_for_activity' },
      allowed: ACTIVITY_DIMENSIONS,
    });
  }
  const momentary = refs.some((m) => anchorOf(m.name) === 'now');
  const byTime = dimensions.some(
    (d) => (TIME_DIMENSIONS as readonly string[]).includes(d) || d === 'weekday' || d === 'hour_of_day',
  );
  if (momentary && byTime) throw fieldError('dimensions', 'not_by_time');
  if (dimensions.includes('backlog_age') && refs.some((m) => anchorOf(m.name) !== 'now')) {
    throw fieldError('dimensions', 'backlog_only');
  }

  if (dimensions.includes('hour') && daysBetween(q.from, q.to) >= 31) {
    throw fieldError('dimensions', 'too_many_buckets');
  }
  return { metrics: refs, dimensions, ...(await periodAndFilters(ctx, q)), compare: q.compare === 'previous' };
}

/** The period (local dates in a zone) and the filters of a query, checked. */
async function periodAndFilters(ctx: Ctx, q: Omit<AnalyticsQueryIn, 'metrics' | 'dimensions' | 'compare'>) {
  const actor = requirePermission(ctx, 'analytics.read');
  if (!isRealDate(q.from)) throw fieldError('from', 'not_a_date');
  if (!isRealDate(q.to)) throw fieldError('to', 'not_a_date');
  const days = daysBetween(q.from, q.to);
  if (days < 0) throw fieldError('to', 'before_from');
  if (days >= MAX_DAYS) throw fieldError('to', 'range_too_long');
  const tz = q.tz ?? (await readSettingsFor(ctx.deps.db.kysely)).defaultTimeZone;
  const { start, end } = periodOf(tz, q.from, q.to);
  const filters: Filters = {
    ...(q.team ? { teamIds: q.team.map((t) => (t === 'none' ? null : t)) } : {}),
    ...(q.agent ? { agentIds: q.agent.map((a) => (a === 'me' ? actor.userId : a)) } : {}),
    ...(q.channel ? { channels: q.channel } : {}),
    ...(q.priority ? { priorities: q.priority } : {}),
    ...(q.type ? { types: q.type } : {}),
    ...(q.tag ? { tags: q.tag } : {}),
    ...(q.organisation ? { organisationIds: q.organisation } : {}),
  };
  return { from: q.from, to: q.to, start, end, tz, filters };
}

export function metricCatalogue(ctx: Ctx) {
  requirePermission(ctx, 'analytics.read');
  return {
    metrics: metricNames.map((name) => ({
      name,
      kind: kindOf(name),
      anchor: anchorOf(name),
      keys: metricKeys.filter((k) => k === name || k.startsWith(`${name}.`)),
    })),
    dimensions: [...DIMENSIONS],
  };
}

// ---------- drill-down ----------

const DrillCursor = z.object({ o: z.number().int().min(0) });

/** The tickets behind one number of a query, newest first, a page at a time. */
export async function ticketsBehindNumber(ctx: Ctx, q: AnalyticsTicketsQueryIn) {
  const ref = parseMetric(q.metric);
  if (!ref) throw new AppError('validation_failed', { fields: { metric: 'unknown_metric' }, allowed: metricKeys });
  const anchor = anchorOf(ref.name);
  const cell: Cell = {};
  for (const d of ['hour', 'day', 'week', 'month', 'weekday', 'hour_of_day', 'backlog_age'] as const) {
    if (q[d] !== undefined) cell[d] = q[d];
  }
  if (anchor === 'now' && Object.keys(cell).some((d) => d !== 'backlog_age')) throw fieldError('metric', 'not_by_time');
  if (anchor !== 'now' && cell.backlog_age !== undefined) throw fieldError('backlog_age', 'backlog_only');
  const spec: QueryInput = { metrics: [ref], dimensions: [], ...(await periodAndFilters(ctx, q)) };
  const { filters, ownOnly } = await scopeFilters(ctx, spec);
  // An agent's drill-downs are their own tickets only.
  const scoped = ownOnly !== null && !filters.agentIds ? { ...filters, agentIds: [ownOnly] } : filters;
  const full: QuerySpec = { ...spec, filters: scoped, now: ctx.deps.clock.now() };
  if (full.filters.teamIds?.length === 0 || full.filters.agentIds?.length === 0) {
    return { items: [], nextCursor: null, total: 0 };
  }
  const read = { start: full.start, end: full.end, filters: full.filters };
  const cellDims = { ...full, dimensions: Object.keys(cell) as Dimension[] };
  const ids =
    anchor === 'activity'
      ? activityTicketsBehind(
          await repo.selectActivity(ctx.deps.db.kysely, { ...read, fields: activityFactsNeeded(cellDims) }),
          full,
          cell,
        )
      : ticketsBehind(
          await repo.selectFacts(ctx.deps.db.kysely, {
            ...read,
            anchors: new Set([anchor]),
            fields: factsNeeded(cellDims),
          }),
          full,
          cell,
        );
  const offset = q.cursor ? decodeCursor(q.cursor, DrillCursor).o : 0;
  const page = ids.slice(offset, offset + q.limit);
  return {
    items: await visibleSummaries(ctx, page),
    nextCursor: offset + q.limit < ids.length ? encodeCursor({ o: offset + q.limit }) : null,
    total: ids.length,
  };
}

// ---------- trend flags ----------

/** The settings' alert rules (admins may change them), with defaults. */
export async function alertRules(db: Executor): Promise<AlertRules> {
  const s = await readSettingsFor(db);
  return { ...defaultAlertRules, thresholdPct: s.analyticsAlertThresholdPct, minVolume: s.analyticsAlertMinVolume };
}

/**
 * What got significantly worse in the period against the one before (per team and for the whole
 * desk), and tags whose daily volume in the period's last two days jumped above the 28 days before.
 */
export async function analyticsAlerts(ctx: Ctx, q: Omit<AnalyticsQueryIn, 'metrics' | 'dimensions' | 'compare'>) {
  const period = await periodAndFilters(ctx, q);
  const { filters } = await scopeFilters(ctx, { metrics: [], dimensions: [], ...period });
  return computeAlerts(ctx.deps.db.kysely, { ...period, filters }, ctx.deps.clock.now());
}

/** The flags for a period and (already scoped) filters. */
export async function computeAlerts(
  db: Executor,
  period: { from: string; to: string; start: number; end: number; tz: string; filters: Filters },
  now: number,
) {
  const kpiMetrics = [...new Set(WATCHED.flatMap((w) => [w.metric, w.volume]))].map((k) => parseMetric(k)!);
  const base: QuerySpec = { metrics: kpiMetrics, dimensions: ['team'], ...period, now };
  const length = period.end - period.start;
  const current = await evaluateFast(db, base);
  const previous = await evaluateFast(db, { ...base, start: period.start - length, end: period.start });
  const rules = await alertRules(db);

  const RECENT = 2;
  const from = addDays(period.to, -(28 + RECENT - 1));
  const tags = await evaluateFast(db, {
    metrics: [parseMetric('tickets_created')!],
    dimensions: ['tag', 'day'],
    from,
    to: period.to,
    ...periodOf(period.tz, from, period.to),
    tz: period.tz,
    filters: period.filters,
    now,
  });
  const days = Array.from({ length: 28 + RECENT }, (_, i) => addDays(from, i));
  const flags = [...kpiFlags(current, previous, rules), ...emergingTags(tags, days, RECENT, rules)];
  const teamIds = flags.flatMap((f) => (f.kind === 'kpi_worse' && typeof f.team === 'number' ? [f.team] : []));
  const teams = teamIds.length ? await teamBriefs(db, teamIds) : new Map<number, { id: number; name: string }>();
  return {
    from: period.from,
    to: period.to,
    tz: period.tz,
    flags,
    labels: { team: Object.fromEntries([...teams.values()].map((t) => [t.id, t.name])) },
  };
}

// ---------- agents online ----------

/**
 * Agents online by weekday × local hour over a period: the time-weighted average number of people
 * online (and away) in each slot (presence.ts). The same scope as the figures: an agent sees only
 * themselves, a lead the members of their teams, managers and admins everybody. Teams are today's
 * members (membership has no history).
 */
export async function agentsOnline(ctx: Ctx, q: AnalyticsPresenceQueryIn) {
  const period = await periodAndFilters(ctx, q);
  const { filters, ownOnly } = await scopeFilters(ctx, { metrics: [], dimensions: [], ...period });
  const agentIds = ownOnly !== null ? (filters.agentIds ?? [ownOnly]).filter((id) => id === ownOnly) : filters.agentIds;
  // An agent's own line does not depend on their teams; a team they asked for still narrows it.
  const teamIds = ownOnly !== null && !q.team ? undefined : filters.teamIds?.filter((t): t is number => t !== null);
  const now = ctx.deps.clock.now();
  const intervals =
    agentIds?.length === 0 || teamIds?.length === 0
      ? []
      : await presenceIntervals(ctx.deps.db.kysely, {
          start: period.start,
          end: period.end,
          userIds: agentIds,
          teamIds,
        });
  const cells = presenceByHourOfWeek(
    intervals.map((i) => ({
      status: i.status,
      start: Number(i.started_at),
      end: i.ended_at === null ? null : Number(i.ended_at),
    })),
    { start: period.start, end: period.end, tz: period.tz, now },
  );
  const round = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
  return {
    from: period.from,
    to: period.to,
    tz: period.tz,
    cells: cells.map((c) => ({ ...c, online: round(c.online), away: round(c.away), hours: round(c.hours)! })),
    people: new Set(intervals.map((i) => i.user_id)).size,
  };
}
