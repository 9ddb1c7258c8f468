// One ECharts chart, with only the chart types and parts the dashboards draw registered (a small
// bundle). SVG rendering: text is real text in the page's font, so Devanagari shapes correctly and
// redraws once the web font has loaded. Disposed on unmount, resized with its box.
import { Box, useComputedColorScheme, useMantineTheme } from '@mantine/core';
import {
  BarChart,
  type BarSeriesOption,
  HeatmapChart,
  type HeatmapSeriesOption,
  LineChart,
  type LineSeriesOption,
} from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
  VisualMapComponent,
  type VisualMapComponentOption,
} from 'echarts/components';
import { type ComposeOption, type EChartsType, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';

use([
  BarChart,
  LineChart,
  HeatmapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

/** What was clicked: the series and the index of the data item in it. */
export interface ChartPick {
  seriesIndex: number;
  dataIndex: number;
}

interface Props {
  option: ChartOption;
  /** What the chart shows, for screen readers; the numbers themselves are also on the page as text. */
  label: string;
  height: number;
  onPick?: (pick: ChartPick) => void;
}

export function Chart({ option, label, height, onPick }: Props) {
  const theme = useMantineTheme();
  const scheme = useComputedColorScheme('light');
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const latest = useRef(option);
  latest.current = option;

  // The app's font (Devanagari first) for every label and tooltip; no background, the page shows through.
  const base = useMemo(
    () => ({ backgroundColor: 'transparent', textStyle: { fontFamily: theme.fontFamily } }),
    [theme.fontFamily],
  );

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = init(element, scheme === 'dark' ? 'dark' : undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.setOption({ ...base, ...latest.current });
    instance.on('click', (event) => {
      if (typeof event.seriesIndex === 'number' && typeof event.dataIndex === 'number') {
        pick.current?.({ seriesIndex: event.seriesIndex, dataIndex: event.dataIndex });
      }
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [scheme, base]);

  useEffect(() => {
    chart.current?.setOption({ ...base, ...option }, { notMerge: true });
  }, [option, base]);

  return <Box ref={box} role="img" aria-label={label} h={height} w="100%" />;
}
