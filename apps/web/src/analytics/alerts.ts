// Trend flags in words: one line per flag for the overview's Attention panel, and the link to the
// tickets behind it.
import { intlLocale } from '../i18n/format';
import type { AlertFlag, AnalyticsAlerts } from './api';
import { type AnalyticsFilters, filtersToSearch, type Period } from './filters';
import { bucketLabel } from './format';
import { formatMetric, metricLabel } from './metrics';

type T = (key: string, options?: Record<string, unknown>) => string;

/**
 * "First reply time (median) for Technical Support is 50% worse than the period before: 1 h → 1 h 30 min";
 * "Tag sync: 14 tickets on 23 Nov, usually about 2 a day — an emerging issue".
 */
export function alertText(flag: AlertFlag, labels: AnalyticsAlerts['labels'], t: T, language: string): string {
  const locale = intlLocale(language);
  if (flag.kind === 'emerging_tag') {
    // Less than one a day reads better with a decimal ("about 0.4 a day"), more than that as a whole number.
    const usual = new Intl.NumberFormat(locale, { maximumFractionDigits: flag.baselineMean < 1 ? 1 : 0 }).format(
      flag.baselineMean,
    );
    return t('analytics.alerts.emergingTag', {
      tag: flag.tag,
      tickets: new Intl.NumberFormat(locale).format(flag.tickets),
      day: bucketLabel('day', flag.day, language),
      usual,
    });
  }
  const change = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(
    Math.abs(flag.changePct) / 100,
  );
  const values = {
    metric: metricLabel(flag.metric, t),
    change,
    previous: formatMetric(flag.metric, flag.previous, t, language),
    current: formatMetric(flag.metric, flag.current, t, language),
  };
  if (flag.team === 'all') return t('analytics.alerts.kpiWorseAll', values);
  const team =
    flag.team === null
      ? t('tickets.inbox.noTeam')
      : (labels.team[String(flag.team)] ?? t('analytics.table.unknown', { id: flag.team }));
  return t('analytics.alerts.kpiWorse', { ...values, team });
}

/**
 * The tickets behind a flag, with the filters the flags were worked out for: a KPI's tickets of the
 * period (of its team, unless it is the whole desk), or a tag's tickets created on its day.
 */
export function alertHref(flag: AlertFlag, filters: AnalyticsFilters, period: Period, timeZone: string): string {
  const narrowed: AnalyticsFilters =
    flag.kind === 'emerging_tag'
      ? { ...filters, preset: 'custom', from: flag.day, to: flag.day, tag: [flag.tag] }
      : {
          ...filters,
          preset: 'custom',
          from: period.from,
          to: period.to,
          ...(flag.team === 'all' ? {} : { team: [flag.team ?? 'none'] }),
        };
  const params = filtersToSearch(narrowed);
  params.set('metric', flag.kind === 'emerging_tag' ? 'tickets_created' : flag.metric);
  params.set('tz', timeZone);
  return `/analytics/tickets?${params.toString()}`;
}
