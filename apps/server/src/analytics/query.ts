// The query engine: metrics × dimensions over a set of ticket facts and agent activity. Pure: the
// service hands it what the database selected (the fast path) and the property test hands it facts
// and activity folded from raw events (the definition); both must give the same figures.
import type { AgentActivity } from './activity.js';
import type { TicketFacts } from './facts.js';
import {
  ACTIVITY_METRICS,
  Accumulator,
  type ActivityMetricDef,
  type ActivityMetricName,
  ANCHOR_USES,
  type Anchor,
  AROUND_THE_CLOCK,
  anchorTime,
  type CalendarOf,
  type FactKey,
  isActivityMetric,
  METRICS,
  type MetricDef,
  type MetricRef,
  round1,
  type Stat,
  type TicketMetricName,
} from './kpi.js';
import { bucketsOf, LocalClock, type TimeUnit } from './time.js';

export const TIME_DIMENSIONS = ['hour', 'day', 'week', 'month'] as const;
export const DIMENSIONS = [
  'agent',
  'team',
  'channel',
  'priority',
  'type',
  'organisation',
  'tag',
  ...TIME_DIMENSIONS,
  'weekday',
  'hour_of_day',
  'backlog_age',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** What the activity metrics break down by: everything but the backlog's age. */
export const ACTIVITY_DIMENSIONS = DIMENSIONS.filter((d) => d !== 'backlog_age');
export type DimValue = string | number | null;

export interface Filters {
  agentIds?: number[] | undefined;
  /** null in the list: tickets without a team. */
  teamIds?: (number | null)[] | undefined;
  channels?: string[] | undefined;
  priorities?: string[] | undefined;
  types?: string[] | undefined;
  tags?: string[] | undefined;
  organisationIds?: number[] | undefined;
}

export interface QuerySpec {
  metrics: MetricRef[];
  dimensions: Dimension[];
  /** Local dates, inclusive, and the moments they span: [start, end). */
  from: string;
  to: string;
  start: number;
  end: number;
  tz: string;
  filters: Filters;
  now: number;
  /** The calendar each team counts in, for the `_bh` metrics (default: around the clock). */
  calendarOf?: CalendarOf;
}

export type Row = Record<string, DimValue>;
export interface QueryResult {
  rows: Row[];
  totals: Record<string, number | null>;
}

/** Backlog age buckets, for the `backlog_age` dimension. */
const AGE_BUCKETS: [number, string][] = [
  [86_400_000, '0-1d'],
  [3 * 86_400_000, '1-3d'],
  [7 * 86_400_000, '3-7d'],
  [30 * 86_400_000, '7-30d'],
  [Number.POSITIVE_INFINITY, '30d+'],
];

export function ageBucket(ms: number): string {
  return AGE_BUCKETS.find(([limit]) => ms < limit)![1];
}

export function matchesFilters(f: TicketFacts, filters: Filters): boolean {
  if (filters.agentIds && !(f.assigneeId !== null && filters.agentIds.includes(f.assigneeId))) return false;
  if (filters.teamIds && !filters.teamIds.includes(f.teamId)) return false;
  return matchesTicketFilters(f, filters);
}

/** The filters on what a ticket is (not on who has it): activity is filtered by these and its own agent and team. */
function matchesTicketFilters(f: TicketFacts, filters: Filters): boolean {
  if (filters.channels && !filters.channels.includes(f.channel)) return false;
  if (filters.priorities && !filters.priorities.includes(f.priority)) return false;
  if (filters.types && !filters.types.includes(f.type)) return false;
  if (filters.organisationIds && !(f.organisationId !== null && filters.organisationIds.includes(f.organisationId)))
    return false;
  if (filters.tags && !filters.tags.some((t) => f.tags.includes(t))) return false;
  return true;
}

/** The values a ticket takes for one dimension (a ticket with two tags is in two tag rows). */
function dimValues(f: TicketFacts, d: Dimension, t: number, clock: LocalClock, now: number): DimValue[] {
  switch (d) {
    case 'agent':
      return [f.assigneeId];
    case 'team':
      return [f.teamId];
    case 'channel':
      return [f.channel];
    case 'priority':
      return [f.priority];
    case 'type':
      return [f.type];
    case 'organisation':
      return [f.organisationId];
    case 'tag':
      return f.tags.length ? f.tags : [null];
    case 'weekday':
      return [clock.weekday(t)];
    case 'hour_of_day':
      return [clock.hourOfDay(t)];
    case 'backlog_age':
      return [ageBucket(now - f.createdAt)];
    default:
      return [clock.bucket(t, d as TimeUnit)];
  }
}

/** The facts each dimension and filter reads (see MetricDef.uses). */
const DIM_USES: Record<Dimension, readonly FactKey[]> = {
  agent: ['assigneeId'],
  team: ['teamId'],
  channel: ['channel'],
  priority: ['priority'],
  type: ['type'],
  organisation: ['organisationId'],
  tag: ['tags'],
  hour: [],
  day: [],
  week: [],
  month: [],
  weekday: [],
  hour_of_day: [],
  backlog_age: ['createdAt'],
};
const FILTER_USES: Record<keyof Filters, FactKey> = {
  agentIds: 'assigneeId',
  teamIds: 'teamId',
  channels: 'channel',
  priorities: 'priority',
  types: 'type',
  tags: 'tags',
  organisationIds: 'organisationId',
};

/** Every fact a query's ticket metrics read: the database need not return the others. */
export function factsNeeded(spec: Pick<QuerySpec, 'metrics' | 'dimensions' | 'filters'>): Set<FactKey> {
  const keys = new Set<FactKey>();
  for (const m of spec.metrics) {
    if (isActivityMetric(m.name)) continue;
    const def: MetricDef = METRICS[m.name];
    for (const k of [...def.uses, ...ANCHOR_USES[def.anchor]]) keys.add(k);
  }
  for (const d of spec.dimensions) for (const k of DIM_USES[d]) keys.add(k);
  for (const [name, value] of Object.entries(spec.filters)) {
    if (value !== undefined) keys.add(FILTER_USES[name as keyof Filters]);
  }
  return keys;
}

/** The facts of the ticket its activity metrics read: agent and team are the activity's own. */
export function activityFactsNeeded(spec: Pick<QuerySpec, 'dimensions' | 'filters'>): Set<FactKey> {
  const keys = new Set<FactKey>();
  for (const d of spec.dimensions) if (d !== 'agent' && d !== 'team') for (const k of DIM_USES[d]) keys.add(k);
  for (const [name, value] of Object.entries(spec.filters)) {
    if (value !== undefined && name !== 'agentIds' && name !== 'teamIds') keys.add(FILTER_USES[name as keyof Filters]);
  }
  return keys;
}

const isTimeDim = (d: Dimension) =>
  (TIME_DIMENSIONS as readonly string[]).includes(d) || d === 'weekday' || d === 'hour_of_day';

/** A map key for a tuple of dimension values that keeps null, numbers and strings apart. */
function keyOf(values: DimValue[]): string {
  let k = '';
  for (const v of values) k += v === null ? '\u0000|' : typeof v === 'number' ? `#${v}|` : `$${v}|`;
  return k;
}

/** An agent's activity on a ticket, with the ticket's facts (those the query reads). */
export type ActivityItem = AgentActivity & { ticketId: number; ticket: TicketFacts };

/** A query's figures: its ticket metrics over the facts, its activity metrics over the activity. */
export function evaluate(
  facts: Iterable<TicketFacts>,
  spec: QuerySpec,
  activity: Iterable<ActivityItem> = [],
): QueryResult {
  const onActivity = spec.metrics.filter((m) => isActivityMetric(m.name));
  const onTickets = spec.metrics.filter((m) => !isActivityMetric(m.name));
  if (!onActivity.length) return evaluateTickets(facts, spec);
  if (!onTickets.length) return evaluateActivity(activity, spec);
  const a = evaluateTickets(facts, { ...spec, metrics: onTickets });
  const b = evaluateActivity(activity, { ...spec, metrics: onActivity });
  // A row only one part has gets the other part's figures of nothing (no tickets solved, 0 replies).
  const none = {
    ...evaluateTickets([], { ...spec, metrics: onTickets, dimensions: [] }).totals,
    ...evaluateActivity([], { ...spec, metrics: onActivity, dimensions: [] }).totals,
  };
  const groups = new Map<string, { dims: DimValue[]; row: Row }>();
  for (const r of [...a.rows, ...b.rows]) {
    const dims = spec.dimensions.map((d) => r[d]!);
    const g = groups.get(keyOf(dims));
    if (g) Object.assign(g.row, r);
    else groups.set(keyOf(dims), { dims, row: { ...none, ...r } });
  }
  const inOrder = (row: Row): Row =>
    Object.fromEntries([...spec.dimensions.map((d) => [d, row[d]!]), ...spec.metrics.map((m) => [m.key, row[m.key]!])]);
  return {
    rows: [...groups.values()].sort((x, y) => compareDims(x.dims, y.dims)).map((g) => inOrder(g.row)),
    totals: Object.fromEntries(
      spec.metrics.map((m) => [m.key, (isActivityMetric(m.name) ? b : a).totals[m.key] ?? null]),
    ),
  };
}

function evaluateTickets(facts: Iterable<TicketFacts>, spec: QuerySpec): QueryResult {
  const clock = new LocalClock(spec.tz);
  const defs: MetricDef[] = spec.metrics.map((m) => METRICS[m.name as TicketMetricName]);
  // Metrics grouped by the moment that places a ticket in the period.
  const byAnchor = new Map<Anchor, number[]>();
  defs.forEach((d, i) => {
    byAnchor.set(d.anchor, [...(byAnchor.get(d.anchor) ?? []), i]);
  });
  const anchors = [...byAnchor.entries()];
  const dims = spec.dimensions;
  const timeDependent = dims.some(isTimeDim);
  const groups = new Map<string, { dims: DimValue[]; acc: Accumulator[] }>();
  const totals = defs.map((d) => new Accumulator(d));
  const lists: DimValue[][] = dims.map(() => []);

  const addTo = (values: DimValue[], idxs: number[], f: TicketFacts) => {
    const key = keyOf(values);
    let g = groups.get(key);
    if (!g) {
      g = { dims: [...values], acc: defs.map((d) => new Accumulator(d)) };
      groups.set(key, g);
    }
    for (const i of idxs) g.acc[i]!.add(f, spec.now, spec.calendarOf);
  };

  for (const f of facts) {
    if (!matchesFilters(f, spec.filters)) continue;
    let staticDone = false;
    for (const [anchor, idxs] of anchors) {
      const t = anchorTime(f, anchor, spec.now);
      if (t === null) continue;
      if (anchor !== 'now' && (t < spec.start || t >= spec.end)) continue;
      for (const i of idxs) totals[i]!.add(f, spec.now, spec.calendarOf);
      if (!dims.length) continue;
      if (!staticDone || timeDependent) {
        dims.forEach((d, j) => {
          lists[j] = dimValues(f, d, t, clock, spec.now);
        });
        staticDone = true;
      }
      if (lists.every((l) => l.length === 1)) {
        addTo(
          lists.map((l) => l[0]!),
          idxs,
          f,
        );
      } else {
        let combos: DimValue[][] = [[]];
        for (const l of lists) combos = combos.flatMap((prefix) => l.map((v) => [...prefix, v]));
        for (const values of combos) addTo(values, idxs, f);
      }
    }
  }
  return {
    rows: rowsOf(groups, spec, () => defs.map((d) => new Accumulator(d))),
    totals: Object.fromEntries(spec.metrics.map((m, i) => [m.key, totals[i]!.result(m.stat)])),
  };
}

/** The rows of the groups, in order; a single time dimension lists every bucket, empty ones too. */
function rowsOf(
  groups: Map<string, { dims: DimValue[]; acc: { result(stat: Stat | null): number | null }[] }>,
  spec: QuerySpec,
  fresh: () => { result(stat: Stat | null): number | null }[],
): Row[] {
  const dims = spec.dimensions;
  const only = dims.length === 1 ? dims[0]! : null;
  if (only && (TIME_DIMENSIONS as readonly string[]).includes(only)) {
    for (const b of bucketsOf(spec.from, spec.to, only as TimeUnit)) {
      const key = keyOf([b]);
      if (!groups.has(key)) groups.set(key, { dims: [b], acc: fresh() });
    }
  }
  return [...groups.values()]
    .sort((a, b) => compareDims(a.dims, b.dims))
    .map((g) => {
      const row: Row = {};
      dims.forEach((d, i) => {
        row[d] = g.dims[i]!;
      });
      spec.metrics.forEach((m, i) => {
        row[m.key] = g.acc[i]!.result(m.stat);
      });
      return row;
    });
}

// ---------- agent activity ----------

/**
 * An agent and a ticket as one number (Set lookups on numbers are far cheaper than on strings, and
 * there is a row per agent, ticket and quarter hour); a string only for ids too large to pack.
 */
function agentTicket(userId: number, ticketId: number): number | string {
  return userId < 2 ** 20 && ticketId < 2 ** 32 ? userId * 2 ** 32 + ticketId : `${userId}:${ticketId}`;
}

/** Collects one activity metric's per-row contributions, then states the figure. */
class ActivityAccumulator {
  private replies = 0;
  private readonly tickets = new Set<number | string>();
  /** Per local day, for the per-agent-day averages: a ticket touched on two days counts on each. */
  private readonly ticketsByDay = new Map<number, Set<number | string>>();
  private readonly agentDays = new Set<number | string>();

  constructor(private readonly def: ActivityMetricDef) {}

  /** `day`: the row's local day number (read by the per-agent-day averages only). */
  add(a: ActivityItem, day: number): void {
    const d = this.def;
    if (d.of === 'replies') this.replies += a.replies;
    else if (!d.perAgentDay) this.tickets.add(agentTicket(a.userId, a.ticketId));
    else {
      let set = this.ticketsByDay.get(day);
      if (!set) {
        set = new Set();
        this.ticketsByDay.set(day, set);
      }
      set.add(agentTicket(a.userId, a.ticketId));
    }
    if (d.perAgentDay) this.agentDays.add(a.userId < 2 ** 30 ? a.userId * 2 ** 16 + day : `${a.userId}:${day}`);
  }

  result(): number | null {
    let n: number;
    if (this.def.of === 'replies') n = this.replies;
    else if (!this.def.perAgentDay) n = this.tickets.size;
    else {
      n = 0;
      for (const set of this.ticketsByDay.values()) n += set.size;
    }
    if (!this.def.perAgentDay) return n;
    return this.agentDays.size ? round1(n / this.agentDays.size) : null;
  }
}

/** Who acted and the ticket's team then are the activity's own; the rest is the ticket's. */
function matchesActivity(a: ActivityItem, filters: Filters): boolean {
  if (filters.agentIds && !filters.agentIds.includes(a.userId)) return false;
  if (filters.teamIds && !filters.teamIds.includes(a.teamId)) return false;
  return matchesTicketFilters(a.ticket, filters);
}

function activityDimValues(a: ActivityItem, d: Dimension, clock: LocalClock, now: number): DimValue[] {
  if (d === 'agent') return [a.userId];
  if (d === 'team') return [a.teamId];
  return dimValues(a.ticket, d, a.slotStart, clock, now);
}

function evaluateActivity(activity: Iterable<ActivityItem>, spec: QuerySpec): QueryResult {
  const clock = new LocalClock(spec.tz);
  const defs = spec.metrics.map((m) => ACTIVITY_METRICS[m.name as ActivityMetricName] as ActivityMetricDef);
  const byDay = defs.some((d) => d.perAgentDay);
  const groups = new Map<string, { dims: DimValue[]; acc: ActivityAccumulator[] }>();
  const totals = defs.map((d) => new ActivityAccumulator(d));
  for (const a of activity) {
    if (a.slotStart < spec.start || a.slotStart >= spec.end || !matchesActivity(a, spec.filters)) continue;
    // Local day number; under 2^16 until the year 2149, so it packs beside an agent id.
    const day = byDay ? Math.floor(clock.wall(a.slotStart).getTime() / 86_400_000) : 0;
    for (const acc of totals) acc.add(a, day);
    if (!spec.dimensions.length) continue;
    let combos: DimValue[][] = [[]];
    for (const d of spec.dimensions) {
      const values = activityDimValues(a, d, clock, spec.now);
      combos = combos.flatMap((prefix) => values.map((v) => [...prefix, v]));
    }
    for (const values of combos) {
      const key = keyOf(values);
      let g = groups.get(key);
      if (!g) {
        g = { dims: values, acc: defs.map((d) => new ActivityAccumulator(d)) };
        groups.set(key, g);
      }
      for (const acc of g.acc) acc.add(a, day);
    }
  }
  return {
    rows: rowsOf(groups, spec, () => defs.map((d) => new ActivityAccumulator(d))),
    totals: Object.fromEntries(spec.metrics.map((m, i) => [m.key, totals[i]!.result()])),
  };
}

/**
 * The tickets behind an activity figure: those the agents in the filters replied on (reply metrics)
 * or touched in the cell, most recently worked on first.
 */
export function activityTicketsBehind(activity: Iterable<ActivityItem>, spec: QuerySpec, cell: Cell): number[] {
  const def = ACTIVITY_METRICS[spec.metrics[0]!.name as ActivityMetricName] as ActivityMetricDef;
  const clock = new LocalClock(spec.tz);
  const latest = new Map<number, number>();
  const cellDims = Object.entries(cell) as [Dimension, DimValue][];
  for (const a of activity) {
    if (a.slotStart < spec.start || a.slotStart >= spec.end || !matchesActivity(a, spec.filters)) continue;
    if (def.of === 'replies' && a.replies === 0) continue;
    if (!cellDims.every(([d, v]) => activityDimValues(a, d, clock, spec.now).includes(v))) continue;
    latest.set(a.ticketId, Math.max(latest.get(a.ticketId) ?? 0, a.slotStart));
  }
  return [...latest.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0]).map(([id]) => id);
}

/** Whether a ticket counts in a metric at all (is one of the tickets behind its number). */
function contributes(def: MetricDef, f: TicketFacts, now: number): boolean {
  switch (def.kind) {
    case 'count':
      return def.include(f);
    case 'sum':
      return def.value(f) > 0;
    case 'rate':
      return def.base(f);
    case 'average':
      return def.value(f) !== null;
    case 'time':
      // Whether there is a value does not depend on the calendar.
      return def.value(f, now, AROUND_THE_CLOCK) !== null;
  }
}

/** One cell of a breakdown: a value per dimension. */
export type Cell = Partial<Record<Dimension, DimValue>>;

/**
 * The tickets behind one number: those that count in the (single) metric of `spec` and fall in the
 * cell, newest first by the moment that placed them in the period.
 */
export function ticketsBehind(
  facts: Iterable<TicketFacts & { ticketId: number }>,
  spec: QuerySpec,
  cell: Cell,
): number[] {
  const def: MetricDef = METRICS[spec.metrics[0]!.name as TicketMetricName];
  const clock = new LocalClock(spec.tz);
  const hits: [number, number][] = [];
  const cellDims = Object.entries(cell) as [Dimension, DimValue][];
  for (const f of facts) {
    if (!matchesFilters(f, spec.filters)) continue;
    const t = anchorTime(f, def.anchor, spec.now);
    if (t === null) continue;
    if (def.anchor !== 'now' && (t < spec.start || t >= spec.end)) continue;
    if (!contributes(def, f, spec.now)) continue;
    if (!cellDims.every(([d, v]) => dimValues(f, d, t, clock, spec.now).includes(v))) continue;
    hits.push([t, f.ticketId]);
  }
  return hits.sort((a, b) => b[0] - a[0] || b[1] - a[1]).map(([, id]) => id);
}

function compareDims(a: DimValue[], b: DimValue[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}
