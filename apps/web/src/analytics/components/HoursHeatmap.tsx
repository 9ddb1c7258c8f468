// Busiest hours: tickets created per weekday and hour of day as a heatmap, and the same grid of numbers
// as a table on request. A square leads to the tickets created then.
import {
  Anchor,
  Button,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  useComputedColorScheme,
  useMantineTheme,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { AnalyticsResult } from '../api';
import { hourName, weekdayName } from '../format';
import { formatMetric, metricLabel } from '../metrics';
import { Chart, type ChartOption } from './Chart';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** counts[weekday - 1][hour]; hours without tickets are 0 (the API lists only those with some). */
export function heatmapGrid(result: AnalyticsResult, metric: string): number[][] {
  const grid = WEEKDAYS.map(() => HOURS.map(() => 0));
  for (const row of result.rows) {
    const { weekday, hour_of_day: hour } = row;
    const value = row[metric];
    if (typeof weekday !== 'number' || typeof hour !== 'number' || typeof value !== 'number') continue;
    const line = grid[weekday - 1];
    if (line && hour >= 0 && hour < 24) line[hour] = value;
  }
  return grid;
}

interface Props {
  title: string;
  metric: string;
  result: AnalyticsResult;
  drill: (weekday: number, hour: number) => string;
}

export function HoursHeatmap({ title, metric, result, drill }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const theme = useMantineTheme();
  const scheme = useComputedColorScheme('light');
  const navigate = useNavigate();
  const [showNumbers, setShowNumbers] = useState(false);
  const grid = useMemo(() => heatmapGrid(result, metric), [result, metric]);
  const label = metricLabel(metric, t);

  const option = useMemo<ChartOption>(() => {
    const max = Math.max(1, ...grid.flat());
    return {
      grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
      tooltip: {
        formatter: (item: unknown) => {
          const [hour, day, value] = (item as { data: [number, number, number] }).data;
          return `${weekdayName(day + 1, language)}, ${hourName(hour, language)}<br/>${label}: <b>${formatMetric(metric, value, t, language)}</b>`;
        },
      },
      xAxis: { type: 'category', data: HOURS.map((h) => String(h).padStart(2, '0')), splitArea: { show: true } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: WEEKDAYS.map((d) => weekdayName(d, language, 'short')),
        splitArea: { show: true },
      },
      visualMap: {
        min: 0,
        max,
        calculable: false,
        text: [formatMetric(metric, max, t, language), formatMetric(metric, 0, t, language)],
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 160,
        inRange: {
          color:
            scheme === 'dark'
              ? [theme.colors.dark[6], theme.colors.blue[4]]
              : [theme.colors.blue[0], theme.colors.blue[8]],
        },
      },
      series: [
        {
          type: 'heatmap',
          data: grid.flatMap((line, day) => line.map((value, hour) => [hour, day, value])),
          emphasis: { itemStyle: { borderColor: theme.colors.dark[9], borderWidth: 1 } },
        },
      ],
    };
  }, [grid, language, label, metric, t, theme.colors, scheme]);

  const total = grid.flat().reduce((sum, v) => sum + v, 0);

  return (
    <Paper component="section" withBorder p="md" aria-label={title}>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {title}
        </Title>
        {total === 0 && <Text c="dimmed">{t('analytics.empty')}</Text>}
        <Chart
          option={option}
          label={title}
          height={360}
          onPick={({ dataIndex }) => {
            const weekday = Math.floor(dataIndex / 24) + 1;
            void navigate(drill(weekday, dataIndex % 24));
          }}
        />
        <Text size="xs" c="dimmed">
          {t('analytics.charts.heatmapHint')}
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
          <Table.ScrollContainer minWidth={960}>
            <Table striped withColumnBorders verticalSpacing={2} horizontalSpacing={4} fz="xs" aria-label={title}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('analytics.charts.weekday')}</Table.Th>
                  {HOURS.map((hour) => (
                    <Table.Th key={hour} ta="right" title={hourName(hour, language)}>
                      {String(hour).padStart(2, '0')}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {grid.map((line, index) => {
                  const weekday = index + 1;
                  return (
                    <Table.Tr key={weekday}>
                      <Table.Th scope="row" fw={500}>
                        {weekdayName(weekday, language)}
                      </Table.Th>
                      {line.map((value, hour) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: the 24 hours of a day are fixed
                        <Table.Td key={hour} ta="right">
                          {value > 0 ? (
                            <Anchor component={Link} to={drill(weekday, hour)} fz="xs">
                              {formatMetric(metric, value, t, language)}
                            </Anchor>
                          ) : (
                            formatMetric(metric, value, t, language)
                          )}
                        </Table.Td>
                      ))}
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
