// Busiest hours (/analytics/hours): tickets created by weekday and hour of day, in the user's time zone.
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { useAnalytics } from '../api';
import { AnalyticsFrame } from '../components/AnalyticsFrame';
import { HoursHeatmap } from '../components/HoursHeatmap';
import { drillHref } from '../filters';
import { useAnalyticsFilters } from '../hooks/useAnalyticsFilters';

const METRIC = 'tickets_created';

export function HoursPage() {
  const { t } = useTranslation();
  const state = useAnalyticsFilters();
  const query = useAnalytics({ metrics: [METRIC], dimensions: ['weekday', 'hour_of_day'], params: state.params() });
  return (
    <AnalyticsFrame title={t('analytics.titles.hours')} state={state}>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <HoursHeatmap
          title={t('analytics.charts.heatmap')}
          metric={METRIC}
          result={query.data}
          drill={(weekday, hour) => drillHref(state.filters, METRIC, { weekday, hour_of_day: hour })}
        />
      )}
    </AnalyticsFrame>
  );
}
