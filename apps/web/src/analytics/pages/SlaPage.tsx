// SLA (/analytics/sla): achievement of the period's tickets overall and per target, its trend, the
// breaches by cause, and the tickets at risk right now.
import { Alert, Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useCurrentUser } from '../../auth/session';
import { useSlaPolicies } from '../../sla/api';
import { AtRiskList } from '../../sla/components/AtRiskList';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { useAnalytics } from '../api';
import { AnalyticsFrame } from '../components/AnalyticsFrame';
import { KpiCards } from '../components/KpiCards';
import { SlaBreaches } from '../components/SlaBreaches';
import { TrendChart } from '../components/TrendChart';
import { bucketCell, bucketOf, drillHref, type TimeBucket } from '../filters';
import { useAnalyticsFilters } from '../hooks/useAnalyticsFilters';

export const SLA_ACHIEVEMENT = [
  'sla_achievement',
  'sla_first_reply_achievement',
  'sla_next_reply_achievement',
  'sla_resolution_achievement',
] as const;

function NoPolicies() {
  const { t } = useTranslation();
  const { role } = useCurrentUser();
  return (
    <Alert color="blue" title={t('sla.dashboard.noPolicies.title')}>
      <Text size="sm">{t('sla.dashboard.noPolicies.message')}</Text>
      {can.manageCalendars(role) ? (
        <Anchor component={Link} to="/admin/sla-policies" size="sm">
          {t('sla.dashboard.noPolicies.link')}
        </Anchor>
      ) : (
        <Text size="sm" c="dimmed">
          {t('sla.dashboard.noPolicies.askAdmin')}
        </Text>
      )}
    </Alert>
  );
}

export function SlaPage() {
  const { t } = useTranslation();
  const state = useAnalyticsFilters();
  const policies = useSlaPolicies();
  // Achievement by the hour says little: a day is the smallest bucket.
  const bucket: TimeBucket = bucketOf(state.period) === 'week' ? 'week' : 'day';
  const params = state.params();
  const totals = useAnalytics({ metrics: SLA_ACHIEVEMENT, params, compare: true });
  const trend = useAnalytics({ metrics: SLA_ACHIEVEMENT, dimensions: [bucket], params });
  const teamIds = state.filters.team.filter((team): team is number => typeof team === 'number');
  const noPolicies = policies.data !== undefined && !policies.data.some((p) => p.active);
  const noOutcomes =
    totals.data !== undefined && !totals.isPlaceholderData && totals.data.totals.sla_achievement == null;

  return (
    <AnalyticsFrame title={t('analytics.titles.sla')} state={state}>
      {noPolicies && <NoPolicies />}
      <KpiCards state={state} kpis={{ totals, trend, bucket }} metrics={SLA_ACHIEVEMENT} />
      {noOutcomes && !noPolicies && (
        <Text size="sm" c="dimmed">
          {t('sla.dashboard.noOutcomes')}
        </Text>
      )}
      <AtRiskList teamIds={teamIds} />
      {trend.isError ? (
        <ErrorAlert error={trend.error} onRetry={() => void trend.refetch()} />
      ) : trend.data?.dimensions[0] !== bucket ? (
        <Loading />
      ) : (
        <TrendChart
          title={t(`sla.dashboard.trend.${bucket}`)}
          result={trend.data}
          bucket={bucket}
          metrics={SLA_ACHIEVEMENT}
          kind="line"
          drill={(metric, value) => drillHref(state.filters, metric, bucketCell(bucket, value))}
        />
      )}
      <SlaBreaches state={state} />
    </AnalyticsFrame>
  );
}
