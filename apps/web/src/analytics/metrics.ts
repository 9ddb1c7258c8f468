// How each metric of the query API reads: its name, how its value is written (count, duration,
// percent, signed score), and whether a rise is good news, for the change against the previous period.
import { intlLocale } from '../i18n/format';

type T = (key: string, options?: Record<string, unknown>) => string;

/** `score`: a signed number that is no percentage, as NPS (−100 to 100) is written: +25, −12.5, 0. */
export type ValueFormat = 'count' | 'duration' | 'percent' | 'decimal' | 'score';

interface MetricInfo {
  format: ValueFormat;
  /** Which way is good news; null when neither is (more tickets coming in is not the team's doing). */
  better: 'higher' | 'lower' | null;
  /** False for a state at this moment (the backlog), which has no previous period to compare with. */
  comparable: boolean;
}

/** Every metric the server answers for (a test holds this to apps/server/src/analytics/labels.ts). */
export const METRIC_INFO: Record<string, MetricInfo> = {
  tickets_created: { format: 'count', better: null, comparable: true },
  tickets_solved: { format: 'count', better: 'higher', comparable: true },
  tickets_unsolved: { format: 'count', better: 'lower', comparable: true },
  tickets_unreplied: { format: 'count', better: 'lower', comparable: true },
  tickets_first_replied: { format: 'count', better: 'higher', comparable: true },
  reopens: { format: 'count', better: 'lower', comparable: true },
  reopen_rate: { format: 'percent', better: 'lower', comparable: true },
  one_touch_rate: { format: 'percent', better: 'higher', comparable: true },
  replies_per_ticket: { format: 'decimal', better: 'lower', comparable: true },
  backlog: { format: 'count', better: 'lower', comparable: false },
  first_reply_time: { format: 'duration', better: 'lower', comparable: true },
  full_resolution_time: { format: 'duration', better: 'lower', comparable: true },
  requester_wait_time: { format: 'duration', better: 'lower', comparable: true },
  // The same times counted in the working hours of each team's business calendar.
  first_reply_time_bh: { format: 'duration', better: 'lower', comparable: true },
  full_resolution_time_bh: { format: 'duration', better: 'lower', comparable: true },
  requester_wait_time_bh: { format: 'duration', better: 'lower', comparable: true },
  backlog_age: { format: 'duration', better: 'lower', comparable: false },
  // SLA targets met against met + breached, and breaches, of the tickets created in the period.
  sla_achievement: { format: 'percent', better: 'higher', comparable: true },
  sla_first_reply_achievement: { format: 'percent', better: 'higher', comparable: true },
  sla_next_reply_achievement: { format: 'percent', better: 'higher', comparable: true },
  sla_resolution_achievement: { format: 'percent', better: 'higher', comparable: true },
  sla_breaches: { format: 'count', better: 'lower', comparable: true },
  sla_first_reply_breaches: { format: 'count', better: 'lower', comparable: true },
  sla_next_reply_breaches: { format: 'count', better: 'lower', comparable: true },
  sla_resolution_breaches: { format: 'count', better: 'lower', comparable: true },
  // CSAT of the tickets solved in the period (their latest solve's survey): % satisfied (4–5 of 5),
  // answers, the share of surveys answered, and the mean answer.
  csat: { format: 'percent', better: 'higher', comparable: true },
  csat_responses: { format: 'count', better: 'higher', comparable: true },
  survey_response_rate: { format: 'percent', better: 'higher', comparable: true },
  csat_average: { format: 'decimal', better: 'higher', comparable: true },
  // NPS of the tickets solved in the period that an NPS round was attributed to: % promoters (9–10)
  // − % detractors (0–6), −100 to 100; its answers, and the share of NPS surveys answered.
  nps: { format: 'score', better: 'higher', comparable: true },
  nps_responses: { format: 'count', better: 'higher', comparable: true },
  nps_response_rate: { format: 'percent', better: 'higher', comparable: true },
  // Agents' own work: replies they sent and tickets they touched, and both per day they worked.
  replies_sent: { format: 'count', better: 'higher', comparable: true },
  tickets_touched: { format: 'count', better: 'higher', comparable: true },
  replies_per_agent_day: { format: 'decimal', better: 'higher', comparable: true },
  tickets_touched_per_agent_day: { format: 'decimal', better: 'higher', comparable: true },
};

export const STATISTICS = ['mean', 'median', 'p90'] as const;

/** "first_reply_time.median" → the metric and its statistic. */
export function splitMetric(key: string): { name: string; statistic: string | null } {
  const dot = key.indexOf('.');
  return dot < 0 ? { name: key, statistic: null } : { name: key.slice(0, dot), statistic: key.slice(dot + 1) };
}

export function metricInfo(key: string): MetricInfo {
  return METRIC_INFO[splitMetric(key).name] ?? { format: 'count', better: null, comparable: false };
}

export function isKnownMetric(key: string): boolean {
  const { name, statistic } = splitMetric(key);
  const info = METRIC_INFO[name];
  if (!info) return false;
  return info.format === 'duration' ? (STATISTICS as readonly string[]).includes(statistic ?? '') : statistic === null;
}

/** "First reply time (median)" / "पहले जवाब का समय (माध्यिका)". */
export function metricLabel(key: string, t: T): string {
  const { name, statistic } = splitMetric(key);
  const base = t(`analytics.metrics.${name}`);
  return statistic ? t(`analytics.statistics.${statistic}`, { metric: base }) : base;
}

// ---------- values ----------

/** "45 s", "12 min", "2 h 15 min", "3 d 4 h"; in Hindi "2 घंटे 15 मिनट". Two units at most. */
export function formatDuration(seconds: number, t: T, language: string): string {
  const n = (value: number) => new Intl.NumberFormat(intlLocale(language)).format(value);
  const secs = Math.round(Math.max(0, seconds));
  if (secs < 60) return t('analytics.duration.seconds', { value: n(secs) });
  const minutes = Math.round(secs / 60);
  const hourText = (h: number) => t(h === 1 ? 'analytics.duration.hour' : 'analytics.duration.hours', { value: n(h) });
  if (minutes < 60) return t('analytics.duration.minutes', { value: n(minutes) });
  if (minutes < 24 * 60) {
    const rest = minutes % 60;
    const hours = hourText(Math.floor(minutes / 60));
    return rest ? `${hours} ${t('analytics.duration.minutes', { value: n(rest) })}` : hours;
  }
  const hours = Math.round(secs / 3600);
  const rest = hours % 24;
  const days = t('analytics.duration.days', { value: n(Math.floor(hours / 24)) });
  return rest ? `${days} ${hourText(rest)}` : days;
}

/** A metric's value as the dashboards show it; a value that cannot be worked out (no tickets) is a dash. */
export function formatMetric(key: string, value: number | null | undefined, t: T, language: string): string {
  if (value === null || value === undefined) return '—';
  const locale = intlLocale(language);
  switch (metricInfo(key).format) {
    case 'duration':
      return formatDuration(value, t, language);
    case 'percent':
      return new Intl.NumberFormat(locale, {
        style: 'percent',
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(value / 100);
    case 'decimal':
      return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
    case 'score':
      return new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(value);
    default:
      return new Intl.NumberFormat(locale).format(value);
  }
}

// ---------- change against the previous period ----------

export interface Delta {
  direction: 'up' | 'down' | 'same';
  /**
   * How much: percent change for counts and times, percentage points for rates (a rate going from
   * 10 % to 12 % is +2 points, not +20 %) and for a score such as NPS (a difference of two shares, so
   * its change is in points too; a percent change of a signed number means nothing). Null when the
   * previous value was 0.
   */
  change: number | null;
  unit: 'percent' | 'points';
  verdict: 'better' | 'worse' | 'neutral';
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** The change of a metric against the previous period, or null when there is nothing to compare. */
export function deltaOf(key: string, current: number | null | undefined, previous: number | null | undefined) {
  const info = metricInfo(key);
  if (!info.comparable || current === null || current === undefined) return null;
  if (previous === null || previous === undefined) return null;
  const unit: Delta['unit'] = info.format === 'percent' || info.format === 'score' ? 'points' : 'percent';
  let change: number | null;
  if (unit === 'points') change = round1(current - previous);
  else if (previous === 0) change = current === 0 ? 0 : null;
  else change = round1(((current - previous) / previous) * 100);
  const diff = current - previous;
  // A change too small to show (under 0.05) reads as no change, not as an arrow next to "0.0 %".
  const direction: Delta['direction'] = change === 0 || diff === 0 ? 'same' : diff > 0 ? 'up' : 'down';
  let verdict: Delta['verdict'] = 'neutral';
  if (direction !== 'same' && info.better) {
    verdict = (direction === 'up') === (info.better === 'higher') ? 'better' : 'worse';
  }
  return { direction, change, unit, verdict } satisfies Delta;
}

/** "+12.3 %" or "+1.2 pp" (percentage points), signed, in the UI language. */
export function formatDelta(delta: Delta, t: T, language: string): string {
  if (delta.change === null) return t('analytics.delta.fromZero');
  const number = new Intl.NumberFormat(intlLocale(language), {
    signDisplay: 'exceptZero',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  if (delta.unit === 'points') return t('analytics.delta.points', { value: number.format(delta.change) });
  return new Intl.NumberFormat(intlLocale(language), {
    style: 'percent',
    signDisplay: 'exceptZero',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(delta.change / 100);
}
