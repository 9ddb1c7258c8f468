// The query engine: metrics × dimensions over a set of ticket facts. Pure: the service hands it the
// facts the database selected (the fast path) and the property test hands it facts folded from raw
// events (the definition); both must give the same figures.
import type { TicketFacts } from './facts.js';
import { Accumulator, anchorTime, METRICS, type MetricRef } from './kpi.js';
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

function combinations(lists: DimValue[][]): DimValue[][] {
  let out: DimValue[][] = [[]];
  for (const list of lists) out = out.flatMap((prefix) => list.map((v) => [...prefix, v]));
  return out;
}

export function evaluate(facts: Iterable<TicketFacts>, spec: QuerySpec): QueryResult {
  const clock = new LocalClock(spec.tz);
  const defs = spec.metrics.map((m) => METRICS[m.name]);
  const groups = new Map<string, { dims: DimValue[]; acc: Accumulator[] }>();
  const totals = defs.map((d) => new Accumulator(d));
  for (const f of facts) {
    if (!matchesFilters(f, spec.filters)) continue;
    defs.forEach((def, i) => {
      const t = anchorTime(f, def.anchor, spec.now);
      if (t === null) return;
      if (def.anchor !== 'now' && (t < spec.start || t >= spec.end)) return;
      totals[i]!.add(f, spec.now);
      if (!spec.dimensions.length) return;
      for (const dims of combinations(spec.dimensions.map((d) => dimValues(f, d, t, clock, spec.now)))) {
        const key = JSON.stringify(dims);
        let g = groups.get(key);
        if (!g) {
          g = { dims, acc: defs.map((d) => new Accumulator(d)) };
          groups.set(key, g);
        }
        g.acc[i]!.add(f, spec.now);
      }
    });
  }
  // A single time dimension lists every bucket of the period, empty ones too.
  const only = spec.dimensions.length === 1 ? spec.dimensions[0]! : null;
  if (only && (TIME_DIMENSIONS as readonly string[]).includes(only)) {
    for (const b of bucketsOf(spec.from, spec.to, only as TimeUnit)) {
      const key = JSON.stringify([b]);
      if (!groups.has(key)) groups.set(key, { dims: [b], acc: defs.map((d) => new Accumulator(d)) });
    }
  }
  const rows = [...groups.values()]
    .sort((a, b) => compareDims(a.dims, b.dims))
    .map((g) => {
      const row: Row = {};
      spec.dimensions.forEach((d, i) => {
        row[d] = g.dims[i]!;
      });
      spec.metrics.forEach((m, i) => {
        row[m.key] = g.acc[i]!.result(m.stat);
      });
      return row;
    });
  return {
    rows,
    totals: Object.fromEntries(spec.metrics.map((m, i) => [m.key, totals[i]!.result(m.stat)])),
  };
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
