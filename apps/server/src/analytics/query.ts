// The query engine: metrics × dimensions over a set of ticket facts. Pure: the service hands it the
// facts the database selected (the fast path) and the property test hands it facts folded from raw
// events (the definition); both must give the same figures.
import type { TicketFacts } from './facts.js';
import {
  Accumulator,
  ANCHOR_USES,
  type Anchor,
  anchorTime,
  type FactKey,
  METRICS,
  type MetricDef,
  type MetricRef,
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

/** Every fact a query reads: the database need not return the others. */
export function factsNeeded(spec: Pick<QuerySpec, 'metrics' | 'dimensions' | 'filters'>): Set<FactKey> {
  const keys = new Set<FactKey>();
  for (const m of spec.metrics) {
    const def: MetricDef = METRICS[m.name];
    for (const k of [...def.uses, ...ANCHOR_USES[def.anchor]]) keys.add(k);
  }
  for (const d of spec.dimensions) for (const k of DIM_USES[d]) keys.add(k);
  for (const [name, value] of Object.entries(spec.filters)) {
    if (value !== undefined) keys.add(FILTER_USES[name as keyof Filters]);
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

export function evaluate(facts: Iterable<TicketFacts>, spec: QuerySpec): QueryResult {
  const clock = new LocalClock(spec.tz);
  const defs: MetricDef[] = spec.metrics.map((m) => METRICS[m.name]);
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
    for (const i of idxs) g.acc[i]!.add(f, spec.now);
  };

  for (const f of facts) {
    if (!matchesFilters(f, spec.filters)) continue;
    let staticDone = false;
    for (const [anchor, idxs] of anchors) {
      const t = anchorTime(f, anchor, spec.now);
      if (t === null) continue;
      if (anchor !== 'now' && (t < spec.start || t >= spec.end)) continue;
      for (const i of idxs) totals[i]!.add(f, spec.now);
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
  // A single time dimension lists every bucket of the period, empty ones too.
  const only = dims.length === 1 ? dims[0]! : null;
  if (only && (TIME_DIMENSIONS as readonly string[]).includes(only)) {
    for (const b of bucketsOf(spec.from, spec.to, only as TimeUnit)) {
      const key = keyOf([b]);
      if (!groups.has(key)) groups.set(key, { dims: [b], acc: defs.map((d) => new Accumulator(d)) });
    }
  }
  const rows = [...groups.values()]
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
  return {
    rows,
    totals: Object.fromEntries(spec.metrics.map((m, i) => [m.key, totals[i]!.result(m.stat)])),
  };
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
      return def.value(f, now) !== null;
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
  const def: MetricDef = METRICS[spec.metrics[0]!.name];
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
