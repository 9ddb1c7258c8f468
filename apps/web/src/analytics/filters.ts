// The analytics filters: kept in the URL so a dashboard can be bookmarked and shared, turned into the
// query API's parameters, and the period they name as local dates in the viewer's time zone.
import {
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_TYPES,
  type TicketChannel,
  type TicketPriority,
  type TicketType,
} from '../tickets/api';

export const PRESETS = ['today', 'last7', 'last30', 'last90', 'thisMonth', 'lastMonth', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];
export const DEFAULT_PRESET: Preset = 'last30';

export interface AnalyticsFilters {
  preset: Preset;
  /** Only for the custom preset: local dates, both included. */
  from: string | null;
  to: string | null;
  team: (number | 'none')[];
  agent: number[];
  channel: TicketChannel[];
  priority: TicketPriority[];
  type: TicketType[];
  tag: string[];
}

export const EMPTY_FILTERS: AnalyticsFilters = {
  preset: DEFAULT_PRESET,
  from: null,
  to: null,
  team: [],
  agent: [],
  channel: [],
  priority: [],
  type: [],
  tag: [],
};

/** A period of whole local days, both included, as YYYY-MM-DD. */
export interface Period {
  from: string;
  to: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

export function isLocalDate(value: string | null | undefined): value is string {
  if (!value || !DATE.test(value)) return false;
  const t = new Date(toUtc(value));
  return t.toISOString().slice(0, 10) === value;
}

export function addDays(date: string, days: number): string {
  return new Date(toUtc(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days in the period, both ends counted. */
export function daysIn(period: Period): number {
  return Math.round((toUtc(period.to) - toUtc(period.from)) / DAY_MS) + 1;
}

/** Today's date where the viewer is. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const format = (zone: string | undefined) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  try {
    return format(timeZone);
  } catch {
    // An unknown zone name must not break the page; the browser's own zone is the best guess.
    return format(undefined);
  }
}

/** The dates a preset stands for on `today`; custom falls back to the default when a date is missing. */
export function presetPeriod(preset: Preset, today: string): Period {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'last90':
      return { from: addDays(today, -89), to: today };
    case 'thisMonth':
      return { from: `${today.slice(0, 8)}01`, to: today };
    case 'lastMonth': {
      const lastDay = addDays(`${today.slice(0, 8)}01`, -1);
      return { from: `${lastDay.slice(0, 8)}01`, to: lastDay };
    }
    default:
      return { from: addDays(today, -29), to: today };
  }
}

/** The period the filters name; a custom range given backwards is turned around. */
export function periodOf(filters: AnalyticsFilters, today: string): Period {
  if (filters.preset !== 'custom') return presetPeriod(filters.preset, today);
  const fallback = presetPeriod(DEFAULT_PRESET, today);
  const from = filters.from ?? fallback.from;
  const to = filters.to ?? fallback.to;
  return from <= to ? { from, to } : { from: to, to: from };
}

/** The period of the same length just before, which the server compares with (compare=previous). */
export function previousPeriod(period: Period): Period {
  const days = daysIn(period);
  return { from: addDays(period.from, -days), to: addDays(period.from, -1) };
}

export type TimeBucket = 'hour' | 'day' | 'week';

/** How finely a trend over the period is drawn: hours of a single day, days up to 60 days, then weeks. */
export function bucketOf(period: Period): TimeBucket {
  const days = daysIn(period);
  if (days <= 1) return 'hour';
  return days > 60 ? 'week' : 'day';
}

// ---------- URL search parameters ----------

function list(params: URLSearchParams, name: string): string[] {
  return (params.get(name) ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

function pick<T extends string>(all: readonly T[], values: string[]): T[] {
  return values.filter((v): v is T => (all as readonly string[]).includes(v));
}

const ids = (values: string[]) => values.filter((v) => /^\d+$/.test(v)).map(Number);

/** The filters in a URL; anything unknown is ignored rather than failing the page. */
export function filtersFromSearch(params: URLSearchParams): AnalyticsFilters {
  const from = params.get('from');
  const to = params.get('to');
  const named = PRESETS.find((p) => p === params.get('period'));
  const custom = isLocalDate(from) || isLocalDate(to);
  return {
    preset: custom ? 'custom' : named && named !== 'custom' ? named : DEFAULT_PRESET,
    from: custom && isLocalDate(from) ? from : null,
    to: custom && isLocalDate(to) ? to : null,
    team: list(params, 'team').flatMap((v): (number | 'none')[] => (v === 'none' ? ['none'] : ids([v]))),
    agent: ids(list(params, 'agent')),
    channel: pick(TICKET_CHANNELS, list(params, 'channel')),
    priority: pick(TICKET_PRIORITIES, list(params, 'priority')),
    type: pick(TICKET_TYPES, list(params, 'type')),
    tag: list(params, 'tag'),
  };
}

/** The filters as URL parameters, leaving out what is the default. */
export function filtersToSearch(filters: AnalyticsFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.preset === 'custom') {
    if (filters.from) params.set('from', filters.from);
    if (filters.to) params.set('to', filters.to);
  } else if (filters.preset !== DEFAULT_PRESET) {
    params.set('period', filters.preset);
  }
  const set = (name: string, values: readonly (string | number)[]) => {
    if (values.length > 0) params.set(name, values.join(','));
  };
  set('team', filters.team);
  set('agent', filters.agent);
  set('channel', filters.channel);
  set('priority', filters.priority);
  set('type', filters.type);
  set('tag', filters.tag);
  return params;
}

/** Whether any filter besides the period is set. */
export function hasFilters(filters: AnalyticsFilters): boolean {
  return [filters.team, filters.agent, filters.channel, filters.priority, filters.type, filters.tag].some(
    (v) => v.length > 0,
  );
}

export type ApiParams = Record<string, string | undefined>;

/** The query API's period and filter parameters. */
export function apiParams(filters: AnalyticsFilters, period: Period, timeZone: string): ApiParams {
  const csv = (values: readonly (string | number)[]) => (values.length > 0 ? values.join(',') : undefined);
  return {
    from: period.from,
    to: period.to,
    tz: timeZone,
    team: csv(filters.team),
    agent: csv(filters.agent),
    channel: csv(filters.channel),
    priority: csv(filters.priority),
    type: csv(filters.type),
    tag: csv(filters.tag),
  };
}

// ---------- drill-down: the tickets behind one number ----------

export const BACKLOG_AGES = ['0-1d', '1-3d', '3-7d', '7-30d', '30d+'] as const;
export type BacklogAge = (typeof BACKLOG_AGES)[number];

/** Where a number sits: a row of a breakdown (agent, team, channel) or a time bucket. */
export interface Cell {
  agent?: number;
  team?: number | 'none';
  channel?: TicketChannel;
  hour?: string;
  day?: string;
  week?: string;
  month?: string;
  weekday?: number;
  hour_of_day?: number;
  backlog_age?: BacklogAge;
}

export const TIME_CELLS = ['hour', 'day', 'week', 'month', 'weekday', 'hour_of_day', 'backlog_age'] as const;
export type TimeCell = (typeof TIME_CELLS)[number];

/** The link to the tickets behind `metric`: the same filters, the row's value in place of its filter. */
export function drillHref(filters: AnalyticsFilters, metric: string, cell: Cell = {}): string {
  const narrowed: AnalyticsFilters = {
    ...filters,
    ...(cell.agent !== undefined ? { agent: [cell.agent] } : {}),
    ...(cell.team !== undefined ? { team: [cell.team] } : {}),
    ...(cell.channel !== undefined ? { channel: [cell.channel] } : {}),
  };
  const params = filtersToSearch(narrowed);
  params.set('metric', metric);
  for (const name of TIME_CELLS) {
    const value = cell[name];
    if (value !== undefined) params.set(name, String(value));
  }
  return `/analytics/tickets?${params.toString()}`;
}

/** The time bucket of a drill-down link, as the tickets API takes it. */
export function timeCellFromSearch(params: URLSearchParams): Partial<Record<TimeCell, string>> {
  const out: Partial<Record<TimeCell, string>> = {};
  const valid: Record<TimeCell, RegExp> = {
    hour: /^\d{4}-\d{2}-\d{2}T\d{2}$/,
    day: DATE,
    week: DATE,
    month: /^\d{4}-\d{2}$/,
    weekday: /^[1-7]$/,
    hour_of_day: /^(1?\d|2[0-3])$/,
    backlog_age: /^(0-1d|1-3d|3-7d|7-30d|30d\+)$/,
  };
  for (const name of TIME_CELLS) {
    const value = params.get(name);
    if (value && valid[name].test(value)) out[name] = value;
  }
  return out;
}

/** The cell of one bucket of a trend. */
export function bucketCell(bucket: TimeBucket, value: string): Cell {
  switch (bucket) {
    case 'hour':
      return { hour: value };
    case 'week':
      return { week: value };
    default:
      return { day: value };
  }
}
