// A saved report's figures: its chart (bar or line over the rows, one series per metric) and its table
// (any dimensions: names for ids, dates for time buckets), totals at the foot.
import { Paper, Stack, Table, Text, useMantineTheme } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/session';
import type { AnalyticsResult, ReportChart } from '../api';
import { formatMetric, metricInfo, metricLabel } from '../metrics';
import { dimensionValue } from '../reports';
import { Chart, type ChartOption } from './Chart';

const COLOURS = ['blue', 'teal', 'orange', 'grape', 'cyan', 'pink'] as const;

interface Props {
  title: string;
  result: AnalyticsResult;
  chart: ReportChart;
  /** A smaller chart and no more than this many rows (the overview's pinned cards). */
  compact?: boolean;
  maxRows?: number;
  stale?: boolean;
}

export function ReportResult({ title, result, chart, compact = false, maxRows, stale = false }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const theme = useMantineTheme();
  const { role } = useCurrentUser();
  const seesAll = role === 'admin' || role === 'manager';
  const { dimensions, metrics } = result;

  const rowName = useMemo(
    () => (row: AnalyticsResult['rows'][number], short: boolean) =>
      dimensions.map((d) => dimensionValue(d, row[d] ?? null, result.labels, t, language, short)).join(' · '),
    [dimensions, result.labels, t, language],
  );

  const option = useMemo<ChartOption | null>(() => {
    if (chart === 'table' || dimensions.length === 0 || result.rows.length === 0) return null;
    const names = metrics.map((m) => metricLabel(m, t));
    const first = metrics[0] ?? '';
    const formats = [...new Set(metrics.map((m) => metricInfo(m).format))].slice(0, 2);
    const axisOf = (metric: string) => Math.max(0, formats.indexOf(metricInfo(metric).format));
    const axes = formats.map((format) => metrics.find((m) => metricInfo(m).format === format) ?? first);
    return {
      color: metrics.map((_, i) => theme.colors[COLOURS[i % COLOURS.length] ?? 'blue'][6]),
      grid: { left: 8, right: 16, top: metrics.length > 1 ? 36 : 16, bottom: 8, containLabel: true },
      legend: metrics.length > 1 ? { top: 0, data: names } : { show: false },
      tooltip: {
        trigger: 'axis',
        formatter: (items: unknown) => {
          const list = (Array.isArray(items) ? items : [items]) as {
            dataIndex: number;
            seriesIndex: number;
            marker: string;
          }[];
          const row = result.rows[list[0]?.dataIndex ?? 0];
          if (!row) return '';
          const lines = list.map((item) => {
            const metric = metrics[item.seriesIndex] ?? first;
            const value = row[metric];
            return `${item.marker} ${names[item.seriesIndex]}: <b>${formatMetric(metric, typeof value === 'number' ? value : null, t, language)}</b>`;
          });
          return [rowName(row, false), ...lines].join('<br/>');
        },
      },
      xAxis: {
        type: 'category',
        data: result.rows.map((row) => rowName(row, true)),
        axisTick: { alignWithLabel: true },
      },
      // A count and a time do not share a scale: the second kind of value gets its own axis on the right.
      yAxis: axes.map((metric) => ({
        type: 'value' as const,
        axisLabel: { formatter: (value: number) => formatMetric(metric, value, t, language) },
      })),
      series: metrics.map((metric, i) => ({
        type: chart,
        name: names[i],
        yAxisIndex: axisOf(metric),
        data: result.rows.map((row) => {
          const value = row[metric];
          return typeof value === 'number' ? value : null;
        }),
        ...(chart === 'line' ? { connectNulls: true } : { barMaxWidth: 24 }),
      })),
    };
  }, [chart, dimensions, metrics, result, rowName, t, language, theme.colors]);

  const rows = maxRows === undefined ? result.rows : result.rows.slice(0, maxRows);
  const figure = (metric: string, value: unknown) =>
    formatMetric(metric, typeof value === 'number' ? value : null, t, language);

  return (
    <Stack gap="sm" aria-busy={stale} opacity={stale ? 0.6 : 1}>
      {option && <Chart option={option} label={title} height={compact ? 200 : 300} />}
      {dimensions.length > 0 && result.rows.length === 0 ? (
        <Text c="dimmed" py="md">
          {t('analytics.empty')}
        </Text>
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={compact ? 320 : 560}>
            <Table striped verticalSpacing={compact ? 4 : 'xs'} aria-label={title}>
              <Table.Thead>
                <Table.Tr>
                  {dimensions.length === 0 ? (
                    <Table.Th />
                  ) : (
                    dimensions.map((d) => <Table.Th key={d}>{t(`analytics.dimensions.${d}`)}</Table.Th>)
                  )}
                  {metrics.map((m) => (
                    <Table.Th key={m} ta="right">
                      {metricLabel(m, t)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              {dimensions.length > 0 && (
                <Table.Tbody>
                  {rows.map((row) => {
                    const key = dimensions.map((d) => String(row[d])).join('|');
                    return (
                      <Table.Tr key={key}>
                        {dimensions.map((d, i) =>
                          i === 0 ? (
                            <Table.Th key={d} scope="row" fw={500}>
                              {dimensionValue(d, row[d] ?? null, result.labels, t, language)}
                            </Table.Th>
                          ) : (
                            <Table.Td key={d}>{dimensionValue(d, row[d] ?? null, result.labels, t, language)}</Table.Td>
                          ),
                        )}
                        {metrics.map((m) => (
                          <Table.Td key={m} ta="right">
                            {figure(m, row[m])}
                          </Table.Td>
                        ))}
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              )}
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th scope="row" colSpan={Math.max(1, dimensions.length)}>
                    {t(seesAll ? 'analytics.table.total' : 'analytics.table.totalOfTeams')}
                  </Table.Th>
                  {metrics.map((m) => (
                    <Table.Td key={m} ta="right" fw={700}>
                      {figure(m, result.totals[m])}
                    </Table.Td>
                  ))}
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
