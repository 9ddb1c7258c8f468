// A weekday × hour of day heatmap (Busiest hours: tickets created, agents online, tickets per agent
// online), and the same grid of numbers as a table on request. With `drill`, a square leads to the
// tickets behind it.
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
import type { Grid } from '../staffing';
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
  /** values[weekday - 1][hour]; null: nothing to show there (blank square, a dash in the table). */
  grid: Grid;
  /** What a square's number is, for its tooltip. */
  valueLabel: string;
  format: (value: number) => string;
  /** Where a square leads (the tickets behind it); none: the squares only show their number. */
  drill?: (weekday: number, hour: number) => string;
  hint?: string;
  palette?: 'blue' | 'teal' | 'red';
  /** Said above the chart when every square is empty or zero. */
  emptyText?: string;
}

export function HoursHeatmap({ title, grid, valueLabel, format, drill, hint, palette = 'blue', emptyText }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const theme = useMantineTheme();
  const scheme = useComputedColorScheme('light');
  const navigate = useNavigate();
  const [showNumbers, setShowNumbers] = useState(false);
  const shown = (value: number | null) => (value === null ? '—' : format(value));

  const option = useMemo<ChartOption>(() => {
    const max = Math.max(1e-9, ...grid.flat().map((v) => v ?? 0));
    const colors = theme.colors[palette];
    return {
      grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
      tooltip: {
        formatter: (item: unknown) => {
          const [hour, day, value] = (item as { data: [number, number, number | '-'] }).data;
          return `${weekdayName(day + 1, language)}, ${hourName(hour, language)}<br/>${valueLabel}: <b>${value === '-' ? '—' : format(value)}</b>`;
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
        text: [format(max), format(0)],
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 160,
        inRange: { color: scheme === 'dark' ? [theme.colors.dark[6], colors[4]] : [colors[0], colors[8]] },
      },
      series: [
        {
          type: 'heatmap',
          // '-' is ECharts' empty value: the square stays blank.
          data: grid.flatMap((line, day) => line.map((value, hour) => [hour, day, value ?? '-'])),
          emphasis: { itemStyle: { borderColor: theme.colors.dark[9], borderWidth: 1 } },
        },
      ],
    };
  }, [grid, language, valueLabel, format, theme.colors, scheme, palette]);

  const total = grid.flat().reduce<number>((sum, v) => sum + (v ?? 0), 0);

  return (
    <Paper component="section" withBorder p="md" aria-label={title}>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {title}
        </Title>
        {total === 0 && <Text c="dimmed">{emptyText ?? t('analytics.empty')}</Text>}
        <Chart
          option={option}
          label={title}
          height={360}
          onPick={
            drill
              ? ({ dataIndex }) => {
                  const weekday = Math.floor(dataIndex / 24) + 1;
                  void navigate(drill(weekday, dataIndex % 24));
                }
              : undefined
          }
        />
        {hint && (
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        )}
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
                          {drill && value !== null && value > 0 ? (
                            <Anchor component={Link} to={drill(weekday, hour)} fz="xs">
                              {shown(value)}
                            </Anchor>
                          ) : (
                            shown(value)
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
