// The queries behind the KPI cards, shared with the trend charts below them: one for the period's
// totals against the previous period, one for the same figures per time bucket (react-query asks once).
import { useAnalytics } from '../api';
import { type AnalyticsFilters, bucketOf } from '../filters';
import type { AnalyticsState } from './useAnalyticsFilters';

/** The cards, in the order they are shown. */
export const KPI_METRICS = [
  'tickets_created',
  'tickets_solved',
  'backlog',
  'first_reply_time.median',
  'full_resolution_time.median',
  'requester_wait_time.median',
  'one_touch_rate',
  'reopen_rate',
  'sla_achievement',
  'csat',
  'nps',
] as const;

/** A second figure a card shows under its own, asked for with the cards' totals. */
export const KPI_SECONDARY: Readonly<Record<string, string>> = {
  csat: 'survey_response_rate',
  nps: 'nps_response_rate',
};
const TOTALS_METRICS = [...KPI_METRICS, ...Object.values(KPI_SECONDARY)];

/** The backlog is a count at this moment and has no trend over time (the API refuses it by time). */
export const TREND_METRICS = KPI_METRICS.filter((m) => m !== 'backlog');

export function useKpis(state: AnalyticsState, override: Partial<AnalyticsFilters> = {}) {
  const params = state.params(override);
  const bucket = bucketOf(state.period);
  const totals = useAnalytics({ metrics: TOTALS_METRICS, params, compare: true });
  const trend = useAnalytics({ metrics: TREND_METRICS, dimensions: [bucket], params });
  return { totals, trend, bucket };
}
