import type { ChartOption } from './EChart';
import { formatCompact, formatNumber } from './chart-format';
import { label, measure, measureName, pivot, roleIndex } from './chart-series';
import type { ChartData, ChartType } from './chart-types';

/** Below this width (px) a pie drops its slice labels (the legend names them): phone screens. */
export const NARROW_WIDTH = 480;
/** Above this many points a line draws no symbols: they would merge into a thick line. */
const SYMBOL_LIMIT = 60;
/** A heatmap writes values into its cells up to this many cells. */
const CELL_LABEL_LIMIT = 120;

/** The components each drawn type replaces on an update rather than merging into. */
export const REPLACED_COMPONENTS = ['series', 'xAxis', 'yAxis', 'visualMap', 'legend', 'grid'] as const;

/** The types ECharts draws; tables and numbers are HTML. */
export type DrawnChartType = Exclude<ChartType, 'table' | 'number'>;

export function isDrawn(type: ChartType): type is DrawnChartType {
  return type !== 'table' && type !== 'number';
}

const valueTooltip = (v: unknown) => (typeof v === 'number' ? formatNumber(v) : String(v ?? '—'));

/** Shared by every drawn type: our own ARIA text (chart-describe.ts) replaces ECharts'. */
function base(legend: boolean): ChartOption {
  return {
    aria: { enabled: false },
    tooltip: { trigger: 'item', confine: true, valueFormatter: valueTooltip },
    legend: legend ? { type: 'scroll', bottom: 0, left: 'center' } : { show: false },
    grid: { left: 8, right: 16, top: 16, bottom: legend ? 36 : 8 },
  };
}

/**
 * A category axis whose labels skip and shorten instead of overlapping at any width. The
 * first and last labels align to the axis ends, so a long first label does not run under
 * the value axis' "0" when the bands are narrow.
 */
function categoryAxis(categories: string[], vertical = false) {
  return {
    type: 'category' as const,
    data: categories,
    axisTick: { alignWithLabel: true },
    axisLabel: {
      hideOverlap: true,
      overflow: 'truncate' as const,
      width: 96,
      ...(vertical ? {} : { alignMinLabel: 'left' as const, alignMaxLabel: 'right' as const }),
    },
  };
}

const valueAxis = { type: 'value' as const, axisLabel: { formatter: (v: number) => formatCompact(v) } };

function cartesian(type: 'bar' | 'line' | 'area', data: ChartData): ChartOption {
  const { categories, series } = pivot(data);
  return {
    ...base(series.length > 1),
    tooltip: { trigger: 'axis', confine: true, valueFormatter: valueTooltip },
    xAxis: categoryAxis(categories),
    yAxis: valueAxis,
    series: series.map((s) =>
      type === 'bar'
        ? { type: 'bar' as const, name: s.name, data: s.values }
        : {
            type: 'line' as const,
            name: s.name,
            data: s.values,
            showSymbol: categories.length <= SYMBOL_LIMIT,
            ...(type === 'area' ? { areaStyle: { opacity: 0.25 } } : {}),
          },
    ),
  };
}

function scatter(data: ChartData): ChartOption {
  const xi = roleIndex(data, 'x');
  const si = roleIndex(data, 'series');
  const yis = data.columns.flatMap((c, i) => (c.role === 'y' ? [i] : []));
  const numericX = data.columns[xi].kind === 'number';
  const xOf = (cell: (typeof data.rows)[number][number]) => (numericX ? measure(cell) : label(cell));
  const groups = new Map<string, [number | string | null, number | null][]>();
  for (const row of data.rows) {
    if (si >= 0) {
      const key = label(row[si]);
      groups.set(key, [...(groups.get(key) ?? []), [xOf(row[xi]), measure(row[yis[0]])]]);
    } else {
      for (const yi of yis) {
        const key = measureName(data.columns[yi]);
        groups.set(key, [...(groups.get(key) ?? []), [xOf(row[xi]), measure(row[yi])]]);
      }
    }
  }
  const categories = numericX ? undefined : [...new Set(data.rows.map((r) => label(r[xi])))];
  return {
    ...base(groups.size > 1),
    xAxis: numericX ? { ...valueAxis, scale: true } : categoryAxis(categories as string[]),
    yAxis: { ...valueAxis, scale: true },
    series: [...groups].map(([name, points]) => ({ type: 'scatter' as const, name, data: points.filter((p) => p[1] !== null) })),
  };
}

function pie(data: ChartData, narrow: boolean): ChartOption {
  const xi = roleIndex(data, 'x');
  const yi = roleIndex(data, 'y');
  // Only positive slices: a pie of zeros or negatives has no meaning (chart-describe.ts says "no data").
  const slices = data.rows.flatMap((r) => {
    const value = measure(r[yi]);
    return value !== null && value > 0 ? [{ name: label(r[xi]), value }] : [];
  });
  return {
    ...base(true),
    series: [
      {
        type: 'pie',
        name: measureName(data.columns[yi]),
        radius: narrow ? ['30%', '60%'] : ['35%', '68%'],
        center: ['50%', '45%'],
        data: slices,
        avoidLabelOverlap: true,
        label: { show: !narrow, formatter: '{b}: {d}%' },
        labelLayout: { hideOverlap: true },
      },
    ],
  };
}

function heatmap(data: ChartData): ChartOption {
  const xi = roleIndex(data, 'x');
  const si = roleIndex(data, 'series');
  const yi = roleIndex(data, 'y');
  const columns = [...new Set(data.rows.map((r) => label(r[xi])))];
  const rows = [...new Set(data.rows.map((r) => label(r[si])))];
  const cells = data.rows.flatMap((r) => {
    const v = measure(r[yi]);
    return v === null ? [] : [[columns.indexOf(label(r[xi])), rows.indexOf(label(r[si])), v]];
  });
  const values = cells.map((c) => c[2]);
  return {
    ...base(false),
    grid: { left: 8, right: 16, top: 16, bottom: 56 },
    xAxis: { ...categoryAxis(columns), splitArea: { show: true } },
    yAxis: { ...categoryAxis(rows, true), splitArea: { show: true } },
    visualMap: {
      type: 'continuous',
      min: Math.min(...values),
      max: Math.max(...values),
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      formatter: (v: unknown) => formatCompact(Number(v)),
    },
    series: [
      {
        type: 'heatmap',
        name: measureName(data.columns[yi]),
        data: cells,
        label: { show: cells.length <= CELL_LABEL_LIMIT, formatter: (p) => formatCompact(Number((p.value as number[])[2])) },
      },
    ],
  };
}

/**
 * The ECharts option drawing a chart's data. Call only when the data has something to draw
 * (chart-series.ts hasDrawableValues): an empty chart shows "No data" instead.
 */
export function chartOption(type: DrawnChartType, data: ChartData, narrow: boolean): ChartOption {
  switch (type) {
    case 'bar':
    case 'line':
    case 'area':
      return cartesian(type, data);
    case 'scatter':
      return scatter(data);
    case 'pie':
      return pie(data, narrow);
    case 'heatmap':
      return heatmap(data);
  }
}
