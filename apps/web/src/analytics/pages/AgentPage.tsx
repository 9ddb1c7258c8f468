// One agent (/analytics/agents/:id): their KPI cards and the trend of what they solved, how fast they
// first replied, and how much they did (replies sent, tickets touched). The server answers 403 when the
// viewer may not see this agent's figures.
import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useAllUsers } from '../../people/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { useAnalytics } from '../api';
import { AnalyticsFrame } from '../components/AnalyticsFrame';
import { KpiCards } from '../components/KpiCards';
import { TrendChart } from '../components/TrendChart';
import { type AnalyticsFilters, bucketCell, drillHref } from '../filters';
import { useAnalyticsFilters } from '../hooks/useAnalyticsFilters';
import { useKpis } from '../hooks/useKpis';

const SOLVED = ['tickets_solved'] as const;
const FIRST_REPLY = ['first_reply_time.median'] as const;
const ACTIVITY = ['replies_sent', 'tickets_touched'] as const;

export function AgentPage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = Number(params.id);
  const state = useAnalyticsFilters();
  const override: Partial<AnalyticsFilters> = { agent: Number.isInteger(id) && id > 0 ? [id] : [] };
  const kpis = useKpis(state, override);
  const activity = useAnalytics({ metrics: ACTIVITY, dimensions: [kpis.bucket], params: state.params(override) });
  const users = useAllUsers();
  const { trend, bucket } = kpis;
  const name = users.data?.find((u) => u.id === id)?.name ?? t('analytics.table.unknown', { id: params.id });
  const filters = { ...state.filters, ...override };
  const drill = (metric: string, value: string) => drillHref(filters, metric, bucketCell(bucket, value));

  return (
    <AnalyticsFrame title={t('analytics.titles.agent', { name })} state={state} showAgentFilter={false}>
      <KpiCards state={state} kpis={kpis} override={override} />
      {trend.isError ? (
        <ErrorAlert error={trend.error} onRetry={() => void trend.refetch()} />
      ) : trend.data?.dimensions[0] !== bucket ? (
        <Loading />
      ) : (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <TrendChart
            title={t(`analytics.charts.solved.${bucket}`)}
            result={trend.data}
            bucket={bucket}
            metrics={SOLVED}
            kind="bar"
            drill={drill}
          />
          <TrendChart
            title={t(`analytics.charts.firstReply.${bucket}`)}
            result={trend.data}
            bucket={bucket}
            metrics={FIRST_REPLY}
            kind="line"
            drill={drill}
          />
          {activity.isError ? (
            <ErrorAlert error={activity.error} onRetry={() => void activity.refetch()} />
          ) : activity.data?.dimensions[0] !== bucket ? (
            <Loading />
          ) : (
            <TrendChart
              title={t(`analytics.charts.activity.${bucket}`)}
              result={activity.data}
              bucket={bucket}
              metrics={ACTIVITY}
              kind="bar"
              drill={drill}
            />
          )}
        </SimpleGrid>
      )}
    </AnalyticsFrame>
  );
}
