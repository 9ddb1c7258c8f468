// A card's small trend line: no axes or labels, only the shape of the period.
import { useMantineTheme } from '@mantine/core';
import { useMemo } from 'react';
import { Chart, type ChartOption } from './Chart';

export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const theme = useMantineTheme();
  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      grid: { left: 2, right: 2, top: 4, bottom: 2 },
      xAxis: { type: 'category', show: false, boundaryGap: false, data: values.map((_, i) => i) },
      yAxis: { type: 'value', show: false, min: 0 },
      tooltip: { show: false },
      series: [
        {
          type: 'line',
          data: values,
          connectNulls: true,
          showSymbol: false,
          silent: true,
          lineStyle: { width: 1.5, color: theme.colors.blue[6] },
          areaStyle: { color: theme.colors.blue[6], opacity: 0.12 },
        },
      ],
    }),
    [values, theme.colors],
  );
  return <Chart option={option} label={label} height={36} />;
}
