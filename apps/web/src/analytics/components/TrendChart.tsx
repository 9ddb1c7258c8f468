// A trend over the period's time buckets (one or more metrics), with its numbers as a table on request.
// A bar or point leads to the tickets behind it.
import { Anchor, Button, Paper, Stack, Table, Text, Title, useMantineTheme } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { AnalyticsResult } from '../api';
import type { TimeBucket } from '../filters';
import { bucketLabel, bucketTitle } from '../format';
import { formatMetric, metricLabel } from '../metrics';
import { Chart, type ChartOption } from './Chart';

interface Props {
  title: string;
  result: AnalyticsResult;
  bucket: TimeBucket;
  metrics: readonly string[];
  kind: 'bar' | 'line';
  /** The link to the tickets behind one metric in one bucket. */
  drill: (metric: string, bucketValue: string) => string;
}

const COLOURS = ['blue', 'teal', 'orange', 'grape'] as const;

export function TrendChart({ title, result, bucket, metrics, kind, drill }: Props) {
  const { t, i18n } = useTranslation();
  const theme = useMantineTheme();
  const navigate = useNavigate();
  const [showNumbers, setShowNumbers] = useState(false);
  const language = i18n.language;
  const buckets = useMemo(() => result.rows.map((row) => String(row[bucket] ?? '')), [result, bucket]);

  const option = useMemo<ChartOption>(() => {
    const first = metrics[0] ?? '';
    const names = metrics.map((m) => metricLabel(m, t));
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
          const index = list[0]?.dataIndex ?? 0;
          const lines = list.map((item) => {
            const metric = metrics[item.seriesIndex] ?? first;
            const value = result.rows[index]?.[metric];
            return `${item.marker} ${names[item.seriesIndex]}: <b>${formatMetric(metric, typeof value === 'number' ? value : null, t, language)}</b>`;
          });
          return [bucketTitle(bucket, buckets[index] ?? '', t, language), ...lines].join('<br/>');
        },
      },
      xAxis: {
        type: 'category',
        data: buckets.map((value) => bucketLabel(bucket, value, language)),
        axisTick: { alignWithLabel: true },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        axisLabel: { formatter: (value: number) => formatMetric(first, value, t, language) },
      },
      series: metrics.map((metric, i) => ({
        type: kind,
        name: names[i],
        data: result.rows.map((row) => {
          const value = row[metric];
          return typeof value === 'number' ? value : null;
        }),
        ...(kind === 'line' ? { connectNulls: true, showSymbol: buckets.length <= 31 } : { barMaxWidth: 24 }),
      })),
    };
  }, [metrics, result, bucket, buckets, kind, t, language, theme.colors]);

  return (
    <Paper component="section" withBorder p="md" aria-label={title}>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {title}
        </Title>
        <Chart
          option={option}
          label={title}
          height={280}
          onPick={({ seriesIndex, dataIndex }) => {
            const metric = metrics[seriesIndex];
            const value = buckets[dataIndex];
            if (metric && value) void navigate(drill(metric, value));
          }}
        />
        <Text size="xs" c="dimmed">
          {t('analytics.charts.clickHint')}
        </Text>
        <div>
          <Button
            variant="subtle"
            size="compact-sm"
            aria-expanded={showNumbers}
            onClick={() => setShowNumbers((v) => !v)}
          >
            {showNumbers ? t('analytics.charts.hideNumbers') : t('analytics.charts.showNumbers')}
          </Button>
        </div>
        {showNumbers && (
          <Table.ScrollContainer minWidth={360}>
            <Table striped verticalSpacing={4} aria-label={title}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t(`analytics.charts.bucket.${bucket}`)}</Table.Th>
                  {metrics.map((metric) => (
                    <Table.Th key={metric} ta="right">
                      {metricLabel(metric, t)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.rows.map((row, index) => {
                  const value = buckets[index] ?? '';
                  return (
                    <Table.Tr key={value}>
                      <Table.Th scope="row" fw={400}>
                        {bucketTitle(bucket, value, t, language)}
                      </Table.Th>
                      {metrics.map((metric) => {
                        const cell = row[metric];
                        const text = formatMetric(metric, typeof cell === 'number' ? cell : null, t, language);
                        return (
                          <Table.Td key={metric} ta="right">
                            {typeof cell === 'number' ? (
                              <Anchor component={Link} to={drill(metric, value)} size="sm">
                                {text}
                              </Anchor>
                            ) : (
                              text
                            )}
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
