// The KPI cards: each figure of the period, its change against the period before (green when better,
// red when worse) and a sparkline. The figure links to the tickets behind it; a card may carry a second
// figure under it (CSAT with its survey response rate).
import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import type { AnalyticsResult } from '../api';
import { type AnalyticsFilters, drillHref, previousPeriod } from '../filters';
import { formatPeriod } from '../format';
import type { AnalyticsState } from '../hooks/useAnalyticsFilters';
import { KPI_METRICS, KPI_SECONDARY, type useKpis } from '../hooks/useKpis';
import { type Delta, deltaOf, formatDelta, formatMetric, metricInfo, metricLabel } from '../metrics';
import { Sparkline } from './Sparkline';

function Arrow({ direction }: { direction: 'up' | 'down' }) {
  return (
    <svg width={14} height={14} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2.5} aria-hidden>
      {direction === 'up' ? <path d="M12 19V5M5 12l7-7 7 7" /> : <path d="M12 5v14M19 12l-7 7-7-7" />}
    </svg>
  );
}

const VERDICT_COLOURS: Record<Delta['verdict'], string> = { better: 'green', worse: 'red', neutral: 'dimmed' };

function Change({
  metric,
  current,
  previous,
  state,
}: {
  metric: string;
  current: number | null;
  previous: number | null;
  state: AnalyticsState;
}) {
  const { t, i18n } = useTranslation();
  const delta = deltaOf(metric, current, previous);
  if (!delta) return null;
  const before = t('analytics.delta.previousValue', {
    period: formatPeriod(previousPeriod(state.period), i18n.language),
    value: formatMetric(metric, previous, t, i18n.language),
  });
  const colour = VERDICT_COLOURS[delta.verdict];
  return (
    <Tooltip label={before}>
      <Group gap={4} wrap="nowrap" c={colour === 'dimmed' ? 'dimmed' : `${colour}.7`}>
        {delta.direction === 'same' ? (
          <Text size="sm">{t('analytics.delta.same')}</Text>
        ) : (
          <>
            <Arrow direction={delta.direction} />
            <Text size="sm" fw={600}>
              {formatDelta(delta, t, i18n.language)}
            </Text>
          </>
        )}
        {delta.verdict !== 'neutral' && <VisuallyHidden>{t(`analytics.delta.${delta.verdict}`)}</VisuallyHidden>}
        <Text size="xs" c="dimmed">
          {t('analytics.delta.vsPrevious')}
        </Text>
        <VisuallyHidden>{before}</VisuallyHidden>
      </Group>
    </Tooltip>
  );
}

interface Props {
  state: AnalyticsState;
  kpis: ReturnType<typeof useKpis>;
  /** Filters fixed by the page (an agent's own page). */
  override?: Partial<AnalyticsFilters>;
  /** The cards, in order (the overview's KPIs unless given; `kpis` must have asked for them). */
  metrics?: readonly string[];
  /** How many cards a row holds on a wide screen. */
  columns?: number;
  /** The second figure of a card, by its metric (`kpis` must have asked for it too). */
  secondary?: Readonly<Record<string, string>>;
}

export function KpiCards({
  state,
  kpis,
  override = {},
  metrics = KPI_METRICS,
  columns = 4,
  secondary = KPI_SECONDARY,
}: Props) {
  const { t, i18n } = useTranslation();
  const { totals, trend, bucket } = kpis;
  const filters = { ...state.filters, ...override };

  // Each metric's values over the period, for its sparkline.
  const series = useMemo(() => {
    const rows = trend.data?.dimensions[0] === bucket ? trend.data.rows : [];
    const out = new Map<string, (number | null)[]>();
    for (const metric of metrics) {
      out.set(
        metric,
        rows.map((row) => {
          const value = row[metric];
          return typeof value === 'number' ? value : null;
        }),
      );
    }
    return out;
  }, [trend.data, bucket, metrics]);

  if (totals.isPending) return <Loading />;
  if (totals.isError) return <ErrorAlert error={totals.error} onRetry={() => void totals.refetch()} />;
  const result: AnalyticsResult = totals.data;

  return (
    <SimpleGrid
      component="section"
      aria-label={t('analytics.kpi.label')}
      aria-busy={totals.isPlaceholderData}
      opacity={totals.isPlaceholderData ? 0.6 : 1}
      cols={{ base: 1, xs: 2, lg: columns }}
      spacing="md"
    >
      {metrics.map((metric) => {
        const label = metricLabel(metric, t);
        const value = result.totals[metric] ?? null;
        const text = formatMetric(metric, value, t, i18n.language);
        const comparable = metricInfo(metric).comparable;
        const values = series.get(metric) ?? [];
        const second = secondary[metric];
        return (
          <Paper key={metric} component="section" aria-label={label} withBorder p="md">
            <Stack gap={4}>
              <Text size="sm" c="dimmed" fw={500}>
                {label}
              </Text>
              {value === null ? (
                <Text fz={28} fw={700} lh={1.2}>
                  {text}
                </Text>
              ) : (
                <Anchor
                  component={Link}
                  to={drillHref(filters, metric)}
                  fz={28}
                  fw={700}
                  lh={1.2}
                  title={t('analytics.kpi.showTickets')}
                >
                  {text}
                </Anchor>
              )}
              {second && second in result.totals && (
                <Text size="sm" c="dimmed">
                  {t(`analytics.kpi.secondary.${second}`, {
                    value: formatMetric(second, result.totals[second] ?? null, t, i18n.language),
                  })}
                </Text>
              )}
              {comparable ? (
                <Change metric={metric} current={value} previous={result.previous?.[metric] ?? null} state={state} />
              ) : (
                <Text size="xs" c="dimmed">
                  {t('analytics.kpi.now')}
                </Text>
              )}
              {comparable && values.length > 1 && (
                <Sparkline values={values} label={t('analytics.charts.sparkline', { metric: label })} />
              )}
            </Stack>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
