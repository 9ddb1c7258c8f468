// SLA breaches by cause: first reply, next reply and resolution breaches of the period's tickets, by
// priority or by team, as stacked bars with the numbers in a table below.
import { Group, Paper, SegmentedControl, Stack, Table, Text, Title, useMantineTheme } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TICKET_PRIORITIES } from '../../tickets/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { type CellValue, useAnalytics } from '../api';
import type { AnalyticsState } from '../hooks/useAnalyticsFilters';
import { formatMetric, metricLabel } from '../metrics';
import { Chart, type ChartOption } from './Chart';
import { ExportMenu } from './ExportMenu';

export const BREACH_METRICS = [
  'sla_first_reply_breaches',
  'sla_next_reply_breaches',
  'sla_resolution_breaches',
] as const;
const ALL_METRICS = [...BREACH_METRICS, 'sla_breaches'] as const;
const COLOURS = ['orange', 'grape', 'red'] as const;

type Cause = 'priority' | 'team';

export function SlaBreaches({ state }: { state: AnalyticsState }) {
  const { t, i18n } = useTranslation();
  const theme = useMantineTheme();
  const language = i18n.language;
  const [by, setBy] = useState<Cause>('priority');
  const request = { metrics: ALL_METRICS, dimensions: [by], params: state.params() };
  const query = useAnalytics(request);
  const title = t('sla.dashboard.breaches.title');

  const rows = useMemo(() => {
    const result = query.data;
    if (!result || result.dimensions[0] !== by) return [];
    const nameOf = (value: CellValue) => {
      if (by === 'priority') return t(`tickets.priority.${String(value)}`);
      if (value === null) return t('tickets.inbox.noTeam');
      return result.labels.team?.[String(value)] ?? t('analytics.table.unknown', { id: value });
    };
    const rank = (value: CellValue) =>
      by === 'priority' ? TICKET_PRIORITIES.length - TICKET_PRIORITIES.indexOf(value as never) : 0;
    const num = (v: CellValue | undefined) => (typeof v === 'number' ? v : 0);
    return result.rows
      .map((row) => ({ key: String(row[by] ?? 'none'), name: nameOf(row[by] ?? null), row }))
      .filter((r) => num(r.row.sla_breaches) > 0)
      .sort(
        (a, b) =>
          rank(a.row[by] ?? null) - rank(b.row[by] ?? null) ||
          num(b.row.sla_breaches) - num(a.row.sla_breaches) ||
          a.name.localeCompare(b.name, language),
      );
  }, [query.data, by, t, language]);

  const option = useMemo<ChartOption>(() => {
    const names = BREACH_METRICS.map((m) => metricLabel(m, t));
    // Horizontal bars: the first row on top.
    const shown = [...rows].reverse();
    return {
      color: BREACH_METRICS.map((_, i) => theme.colors[COLOURS[i] ?? 'red'][6]),
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, data: names },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: shown.map((r) => r.name) },
      series: BREACH_METRICS.map((metric, i) => ({
        type: 'bar',
        name: names[i],
        stack: 'breaches',
        barMaxWidth: 24,
        data: shown.map((r) => {
          const value = r.row[metric];
          return typeof value === 'number' ? value : 0;
        }),
      })),
    };
  }, [rows, t, theme.colors]);

  return (
    <Paper component="section" withBorder p="md" aria-label={title}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-end">
          <Title order={3} size="h4">
            {title}
          </Title>
          <Group gap="xs">
            <SegmentedControl
              size="xs"
              value={by}
              onChange={(value) => setBy(value === 'team' ? 'team' : 'priority')}
              data={[
                { value: 'priority', label: t('sla.dashboard.breaches.byPriority') },
                { value: 'team', label: t('sla.dashboard.breaches.byTeam') },
              ]}
              aria-label={t('sla.dashboard.breaches.by')}
            />
            <ExportMenu request={request} table={title} />
          </Group>
        </Group>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
        ) : rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('sla.dashboard.breaches.empty')}
          </Text>
        ) : (
          <>
            <Chart option={option} label={title} height={Math.max(160, 60 + rows.length * 36)} />
            <Table.ScrollContainer minWidth={480}>
              <Table striped verticalSpacing={4} aria-label={title}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>
                      {by === 'priority' ? t('tickets.fields.priority') : t('sla.dashboard.atRisk.team')}
                    </Table.Th>
                    {ALL_METRICS.map((metric) => (
                      <Table.Th key={metric} ta="right">
                        {metricLabel(metric, t)}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.key}>
                      <Table.Th scope="row" fw={400}>
                        {r.name}
                      </Table.Th>
                      {ALL_METRICS.map((metric) => {
                        const value = r.row[metric];
                        return (
                          <Table.Td key={metric} ta="right">
                            {formatMetric(metric, typeof value === 'number' ? value : null, t, language)}
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Paper>
  );
}
