// Saved reports: a definition turned into the query API's parameters and into the filter bar's choices
// (and back), which metrics and dimensions go together, and how a dimension's values read.
import type { AnalyticsRequest, CellValue, ReportDefinition, ReportFilters, ReportPeriod, ReportPreset } from './api';
import {
  type AnalyticsFilters,
  type ApiParams,
  daysIn,
  type Period,
  type Preset,
  periodOf,
  presetPeriod,
} from './filters';
import { bucketLabel, bucketTitle, formatPeriod, hourName, weekdayName } from './format';
import { splitMetric } from './metrics';

type T = (key: string, options?: Record<string, unknown>) => string;

/** The report presets are the filter bar's presets under the API's names. */
const PRESET_OF: Record<ReportPreset, Exclude<Preset, 'custom'>> = {
  today: 'today',
  last_7_days: 'last7',
  last_30_days: 'last30',
  last_90_days: 'last90',
  this_month: 'thisMonth',
  last_month: 'lastMonth',
};

const REPORT_PRESET_OF = Object.fromEntries(Object.entries(PRESET_OF).map(([api, bar]) => [bar, api])) as Record<
  Exclude<Preset, 'custom'>,
  ReportPreset
>;

/** "Last 30 days", or the fixed dates of a report that does not move. */
export function periodLabel(period: ReportPeriod, t: T, language: string): string {
  return 'preset' in period ? t(`analytics.presets.${PRESET_OF[period.preset]}`) : formatPeriod(period, language);
}

/** The dates a report's period stands for on `today`. */
export function reportPeriod(period: ReportPeriod, today: string): Period {
  return 'preset' in period ? presetPeriod(PRESET_OF[period.preset], today) : period;
}

/** A definition's period and filters as the filter bar holds them ('me' and organisations it has no field for). */
export function filtersOfDefinition(definition: ReportDefinition): AnalyticsFilters {
  const { period, filters } = definition;
  return {
    preset: 'preset' in period ? PRESET_OF[period.preset] : 'custom',
    from: 'preset' in period ? null : period.from,
    to: 'preset' in period ? null : period.to,
    team: filters.team ?? [],
    agent: (filters.agent ?? []).filter((a): a is number => typeof a === 'number'),
    channel: filters.channel ?? [],
    priority: filters.priority ?? [],
    type: filters.type ?? [],
    tag: filters.tag ?? [],
  };
}

interface Choices {
  metrics: string[];
  dimensions: string[];
  chart: ReportDefinition['chart'];
}

/**
 * The definition the builder's choices make. `kept` carries the filters the builder has no field for
 * ('me' among the agents, organisations) from the report being edited, so saving does not drop them.
 */
export function definitionOf(
  filters: AnalyticsFilters,
  choices: Choices,
  today: string,
  kept: ReportFilters = {},
): ReportDefinition {
  const period: ReportPeriod =
    filters.preset === 'custom' ? periodOf(filters, today) : { preset: REPORT_PRESET_OF[filters.preset] };
  const out: ReportFilters = {};
  const agent = [...(kept.agent ?? []).filter((a) => a === 'me'), ...filters.agent];
  if (filters.team.length) out.team = filters.team;
  if (agent.length) out.agent = agent;
  if (filters.channel.length) out.channel = filters.channel;
  if (filters.priority.length) out.priority = filters.priority;
  if (filters.type.length) out.type = filters.type;
  if (filters.tag.length) out.tag = filters.tag;
  if (kept.organisation?.length) out.organisation = kept.organisation;
  return { metrics: choices.metrics, dimensions: choices.dimensions, period, filters: out, chart: choices.chart };
}

/** The query a definition asks for a period: what the preview shows and the export downloads. */
export function definitionRequest(definition: ReportDefinition, period: Period, timeZone: string): AnalyticsRequest {
  const csv = (values: readonly (string | number)[] | undefined) => (values?.length ? values.join(',') : undefined);
  const { filters } = definition;
  const params: ApiParams = {
    from: period.from,
    to: period.to,
    tz: timeZone,
    team: csv(filters.team),
    agent: csv(filters.agent),
    channel: csv(filters.channel),
    priority: csv(filters.priority),
    type: csv(filters.type),
    tag: csv(filters.tag),
    organisation: csv(filters.organisation),
  };
  return { metrics: definition.metrics, dimensions: definition.dimensions, params };
}

// ---------- what goes together ----------

/** At most this many dimensions, as the query API takes. */
export const MAX_DIMENSIONS = 2;

/** Dimensions over time; a state at this moment (the backlog) has no value per time bucket. */
export const TIME_DIMENSIONS = ['hour', 'day', 'week', 'month', 'weekday', 'hour_of_day'] as const;
const isTime = (dimension: string) => (TIME_DIMENSIONS as readonly string[]).includes(dimension);

/** Hours are offered for periods of at most this many days. */
export const MAX_HOUR_DAYS = 31;

/**
 * Whether a dimension may be asked with these metrics over this period. `momentary` names the metrics
 * that are a state at this moment (anchor "now" in the catalogue: backlog, backlog_age).
 */
export function dimensionAllowed(
  dimension: string,
  metrics: readonly string[],
  momentary: ReadonlySet<string>,
  period: Period,
): boolean {
  const now = metrics.map((m) => momentary.has(splitMetric(m).name));
  if (isTime(dimension) && now.some(Boolean)) return false;
  if (dimension === 'backlog_age' && !(now.length > 0 && now.every(Boolean))) return false;
  if (dimension === 'hour' && daysIn(period) > MAX_HOUR_DAYS) return false;
  return true;
}

/** Whether a metric may be added to these dimensions. */
export function metricAllowed(metric: string, dimensions: readonly string[], momentary: ReadonlySet<string>): boolean {
  const now = momentary.has(splitMetric(metric).name);
  if (now) return !dimensions.some(isTime);
  return !dimensions.includes('backlog_age');
}

// ---------- a dimension's values ----------

type Labels = Partial<Record<string, Record<string, string>>>;

/**
 * One value of a dimension in the UI language: names for ids, dates for time buckets. `short` is for
 * a chart's axis ("23 Nov", "Mon"), the full form for tables ("23 Nov 2026", "Monday").
 */
export function dimensionValue(
  dimension: string,
  value: CellValue,
  labels: Labels,
  t: T,
  language: string,
  short = false,
): string {
  if (value === null) {
    if (dimension === 'agent') return t('tickets.inbox.unassigned');
    if (dimension === 'team') return t('tickets.inbox.noTeam');
    return t('analytics.reports.none');
  }
  const text = String(value);
  switch (dimension) {
    case 'agent':
    case 'team':
    case 'organisation':
      return labels[dimension]?.[text] ?? t('analytics.table.unknown', { id: text });
    case 'channel':
    case 'priority':
    case 'type':
      return t(`tickets.${dimension}.${text}`);
    case 'hour':
    case 'day':
    case 'week':
    case 'month':
      return short ? bucketLabel(dimension, text, language) : bucketTitle(dimension, text, t, language);
    case 'weekday':
      return weekdayName(Number(value), language, short ? 'short' : 'long');
    case 'hour_of_day':
      return hourName(Number(value), language);
    case 'backlog_age':
      return t(`analytics.backlogAge.${text}`);
    default:
      return text;
  }
}
