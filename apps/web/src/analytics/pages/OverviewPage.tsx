// Analytics overview (/analytics): what needs attention, the KPI cards, created against solved over the
// period, the figures of each team, and the pinned reports.
import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { overviewPdfHref } from '../api';
import { AlertsPanel } from '../components/AlertsPanel';
import { AnalyticsFrame } from '../components/AnalyticsFrame';
import { Breakdown } from '../components/Breakdown';
import { GROUP_COLUMNS } from '../components/BreakdownTable';
import { KpiCards } from '../components/KpiCards';
import { PinnedReports } from '../components/PinnedReports';
import { TrendChart } from '../components/TrendChart';
import { bucketCell, drillHref, filtersToSearch } from '../filters';
import { useAnalyticsFilters } from '../hooks/useAnalyticsFilters';
import { useKpis } from '../hooks/useKpis';

const CREATED_VS_SOLVED = ['tickets_created', 'tickets_solved'] as const;

export function OverviewPage() {
  const { t, i18n } = useTranslation();
  const state = useAnalyticsFilters();
  const kpis = useKpis(state);
  const { trend, bucket } = kpis;

  return (
    <AnalyticsFrame
      title={t('analytics.titles.overview')}
      state={state}
      actions={
        <Button component="a" href={overviewPdfHref(state.params(), i18n.language)} download variant="default">
          {t('analytics.export.pdf')}
        </Button>
      }
    >
      <AlertsPanel state={state} />
      <KpiCards state={state} kpis={kpis} />
      {trend.isError ? (
        <ErrorAlert error={trend.error} onRetry={() => void trend.refetch()} />
      ) : trend.data?.dimensions[0] !== bucket ? (
        // Also while the previous period's answer, by another bucket, is still shown above.
        <Loading />
      ) : (
        <TrendChart
          title={t(`analytics.charts.createdVsSolved.${bucket}`)}
          result={trend.data}
          bucket={bucket}
          metrics={CREATED_VS_SOLVED}
          kind="bar"
          drill={(metric, value) => drillHref(state.filters, metric, bucketCell(bucket, value))}
        />
      )}
      <Breakdown
        state={state}
        title={t('analytics.table.byTeam')}
        dimension="team"
        metrics={GROUP_COLUMNS}
        defaultSort="tickets_created"
        rowHref={(value) =>
          `/analytics?${filtersToSearch({ ...state.filters, team: [typeof value === 'number' ? value : 'none'] })}`
        }
      />
      <PinnedReports />
    </AnalyticsFrame>
  );
}
