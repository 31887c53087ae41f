import { BarChart, HeatmapChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapContinuousComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption, PieSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the charts draw: the tree-shaken core, these series and components, and the
// SVG renderer (crisp at any zoom, small; PNG export draws its SVG onto a canvas).
echarts.use([
  BarChart,
  LineChart,
  ScatterChart,
  PieChart,
  HeatmapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  AriaComponent,
  VisualMapContinuousComponent,
  SVGRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | ScatterSeriesOption
  | PieSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | AriaComponentOption
  | VisualMapComponentOption
>;

export type EChartsInstance = echarts.ECharts;

export interface EChartProps {
  readonly option: ChartOption;
  /** @default 260 */
  readonly height?: number;
  /** @default true */
  readonly animate?: boolean;
  /**
   * Components the new option replaces instead of merging into (e.g. ['series', 'xAxis']),
   * so a series or axis the new option lacks disappears.
   * @default none: everything merges
   */
  readonly replaceMerge?: readonly string[];
  /** Called with the ECharts instance once it exists, and with undefined when it is gone. */
  readonly onInstance?: (chart: EChartsInstance | undefined) => void;
}

/**
 * One ECharts instance (tree-shaken core, SVG renderer) bound to a div. The option is
 * merged on change, so live updates animate instead of redrawing; `aria` makes ECharts
 * describe the data to screen readers unless the option turns it off.
 */
export default function EChart({ option, height = 260, animate = true, replaceMerge, onInstance }: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);
  const onInstanceRef = useRef(onInstance);
  onInstanceRef.current = onInstance;
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'svg' });
    chart.current = c;
    onInstanceRef.current?.(c);
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(() => c.resize()) : undefined;
    ro?.observe(el.current);
    return () => {
      ro?.disconnect();
      onInstanceRef.current?.(undefined);
      c.dispose();
      chart.current = undefined;
    };
  }, []);
  const replace = replaceMerge?.join(',');
  useEffect(() => {
    chart.current?.setOption(
      { aria: { enabled: true }, animation: animate, animationDuration: 300, ...option },
      { notMerge: false, lazyUpdate: true, ...(replace ? { replaceMerge: replace.split(',') } : {}) },
    );
  }, [option, animate, replace]);
  return <div ref={el} className="chart" style={{ height }} />;
}
