import type { ChartConfiguration, ChartDataset, ScriptableContext, TooltipItem } from 'chart.js';
import type { MatrixDataPoint } from 'chartjs-chart-matrix';
import { formatCompact, formatNumber } from './chart-format';
import { label, measure, measureName, pivot, roleIndex } from './chart-series';
import type { ChartData, ChartType } from './chart-types';

/** Below this width (px) a chart keeps its legend short and its labels fewer: phone screens. */
export const NARROW_WIDTH = 480;
/** Above this many points a line draws no point markers: they would merge into a thick line. */
const SYMBOL_LIMIT = 60;
/** Category labels longer than this are cut with an ellipsis (the tooltip has them whole). */
const LABEL_CHARS = 16;

/** The types drawn on a canvas; tables and numbers are HTML. */
export type DrawnChartType = Exclude<ChartType, 'table' | 'number'>;

export function isDrawn(type: ChartType): type is DrawnChartType {
  return type !== 'table' && type !== 'number';
}

/** A palette with enough contrast on white for adjacent series (Okabe–Ito, colour-blind safe). */
export const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];
const colour = (i: number) => PALETTE[i % PALETTE.length];

/** Every config this file makes: Chart.js' own type, over the controllers registered in ChartCanvas. */
export type DrawnConfig = ChartConfiguration<'bar' | 'line' | 'scatter' | 'doughnut' | 'matrix'>;

const short = (text: string) => (text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text);

/**
 * A category axis whose labels are skipped (Chart.js autoSkip measures them) and shortened
 * instead of rotated or overlapping, at any width.
 */
function categoryAxis(categories: string[], stacked = false) {
  return {
    type: 'category' as const,
    labels: categories,
    stacked,
    grid: { display: false },
    ticks: {
      autoSkip: true,
      autoSkipPadding: 8,
      maxRotation: 0,
      callback(this: { getLabelForValue(v: number): string }, value: string | number) {
        return short(this.getLabelForValue(Number(value)));
      },
    },
  };
}

const valueAxis = (stacked = false) => ({
  type: 'linear' as const,
  stacked,
  ticks: { callback: (v: string | number) => formatCompact(Number(v)) },
});

const tooltipLabel = (item: TooltipItem<'bar' | 'line' | 'scatter' | 'doughnut' | 'matrix'>) => {
  const raw = item.raw as number | { x?: unknown; y?: unknown; v?: unknown } | null;
  const value = typeof raw === 'number' ? raw : raw && typeof raw === 'object' ? Number(raw.v ?? raw.y) : null;
  return `${item.dataset.label ?? ''}: ${value === null || !Number.isFinite(value) ? '—' : formatNumber(value)}`;
};

/** Options every drawn type shares; `animate` false draws at once (tests, exports, first paint). */
function common(legend: boolean, narrow: boolean, animate: boolean) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: animate ? { duration: 300 } : (false as const),
    plugins: {
      legend: { display: legend, position: 'bottom' as const, labels: { boxWidth: narrow ? 10 : 14, padding: narrow ? 6 : 10 } },
      tooltip: { callbacks: { label: tooltipLabel } },
    },
  };
}

function cartesian(type: 'bar' | 'line' | 'area', data: ChartData, narrow: boolean, animate: boolean, stacked: boolean): DrawnConfig {
  const { categories, series } = pivot(data);
  const datasets = series.map((s, i) =>
    type === 'bar'
      ? ({ type: 'bar', label: s.name, data: s.values, backgroundColor: colour(i) } satisfies ChartDataset<'bar'>)
      : ({
          type: 'line',
          label: s.name,
          data: s.values,
          borderColor: colour(i),
          backgroundColor: `${colour(i)}40`,
          fill: type === 'area',
          pointRadius: categories.length <= SYMBOL_LIMIT ? 3 : 0,
          spanGaps: false,
        } satisfies ChartDataset<'line'>),
  );
  return {
    type: type === 'bar' ? 'bar' : 'line',
    data: { labels: categories, datasets: datasets as DrawnConfig['data']['datasets'] },
    options: {
      ...common(series.length > 1, narrow, animate),
      scales: { x: categoryAxis(categories, stacked), y: valueAxis(stacked) },
    },
  } as DrawnConfig;
}

function scatter(data: ChartData, narrow: boolean, animate: boolean): DrawnConfig {
  const xi = roleIndex(data, 'x');
  const si = roleIndex(data, 'series');
  const yis = data.columns.flatMap((c, i) => (c.role === 'y' ? [i] : []));
  const numericX = data.columns[xi].kind === 'number';
  const categories = numericX ? [] : [...new Set(data.rows.map((r) => label(r[xi])))];
  const xOf = (cell: (typeof data.rows)[number][number]) => (numericX ? measure(cell) : categories.indexOf(label(cell)));
  const groups = new Map<string, { x: number; y: number }[]>();
  const add = (key: string, x: number | null, y: number | null) => {
    if (x === null || y === null) return;
    groups.set(key, [...(groups.get(key) ?? []), { x, y }]);
  };
  for (const row of data.rows) {
    if (si >= 0) add(label(row[si]), xOf(row[xi]), measure(row[yis[0]]));
    else for (const yi of yis) add(measureName(data.columns[yi]), xOf(row[xi]), measure(row[yi]));
  }
  const x = numericX
    ? valueAxis()
    : {
        ...valueAxis(),
        min: -0.5,
        max: categories.length - 0.5,
        ticks: { stepSize: 1, autoSkip: true, maxRotation: 0, callback: (v: string | number) => short(categories[Number(v)] ?? '') },
      };
  return {
    type: 'scatter',
    data: {
      datasets: [...groups].map(([name, points], i) => ({ label: name, data: points, backgroundColor: colour(i), borderColor: colour(i) })),
    },
    options: { ...common(groups.size > 1, narrow, animate), scales: { x, y: valueAxis() } },
  } as DrawnConfig;
}

function pie(data: ChartData, narrow: boolean, animate: boolean): DrawnConfig {
  const xi = roleIndex(data, 'x');
  const yi = roleIndex(data, 'y');
  // Only positive slices: a pie of zeros or negatives has no meaning (chart-series.ts says "No data").
  const slices = data.rows.flatMap((r) => {
    const value = measure(r[yi]);
    return value !== null && value > 0 ? [{ name: label(r[xi]), value }] : [];
  });
  const base = common(true, narrow, animate);
  return {
    type: 'doughnut',
    data: {
      labels: slices.map((s) => short(s.name)),
      datasets: [
        {
          label: measureName(data.columns[yi]),
          data: slices.map((s) => s.value),
          backgroundColor: slices.map((_, i) => colour(i)),
          borderColor: '#ffffff',
        },
      ],
    },
    options: {
      ...base,
      cutout: '50%',
      plugins: {
        ...base.plugins,
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<'doughnut'>) => `${slices[item.dataIndex]?.name ?? ''}: ${formatNumber(Number(item.raw))}`,
          },
        },
      },
    },
  } as DrawnConfig;
}

/** Light to dark blue by value: `t` is 0 for the smallest value, 1 for the largest. */
export function heatColour(t: number): string {
  const mix = (a: number, b: number) => Math.round(a + (b - a) * Math.min(1, Math.max(0, t)));
  return `rgb(${mix(222, 8)}, ${mix(235, 69)}, ${mix(247, 148)})`;
}

function heatmap(data: ChartData, narrow: boolean, animate: boolean): DrawnConfig {
  const xi = roleIndex(data, 'x');
  const si = roleIndex(data, 'series');
  const yi = roleIndex(data, 'y');
  const columns = [...new Set(data.rows.map((r) => label(r[xi])))];
  const rows = [...new Set(data.rows.map((r) => label(r[si])))];
  const cells: MatrixDataPoint[] = data.rows.flatMap((r) => {
    const v = measure(r[yi]);
    return v === null ? [] : [{ x: label(r[xi]), y: label(r[si]), v }];
  });
  const values = cells.map((c) => c.v as number);
  const [min, max] = [Math.min(...values), Math.max(...values)];
  const size = (n: number, side: 'width' | 'height') => (ctx: ScriptableContext<'matrix'>) =>
    Math.max(1, (ctx.chart.chartArea?.[side] ?? 0) / n - 1);
  return {
    type: 'matrix',
    data: {
      datasets: [
        {
          label: measureName(data.columns[yi]),
          data: cells,
          backgroundColor: (ctx: ScriptableContext<'matrix'>) =>
            heatColour(max === min ? 1 : (((ctx.raw as MatrixDataPoint).v ?? min) - min) / (max - min)),
          width: size(columns.length, 'width'),
          height: size(rows.length, 'height'),
        },
      ],
    },
    options: {
      ...common(false, narrow, animate),
      scales: {
        x: { ...categoryAxis(columns), offset: true },
        y: { ...categoryAxis(rows), offset: true, reverse: false },
      },
    },
  } as DrawnConfig;
}

/** What a drawn chart needs beyond its data. */
export interface DrawOptions {
  readonly narrow: boolean;
  readonly animate: boolean;
  /** Bars and areas of several series on top of each other. */
  readonly stacked?: boolean;
}

/**
 * The Chart.js configuration drawing a chart's data. Call only when the data has something
 * to draw (chart-series.ts noDataReason): an empty chart shows "No data" instead.
 */
export function chartConfig(type: DrawnChartType, data: ChartData, { narrow, animate, stacked = false }: DrawOptions): DrawnConfig {
  switch (type) {
    case 'bar':
    case 'line':
    case 'area':
      return cartesian(type, data, narrow, animate, stacked);
    case 'scatter':
      return scatter(data, narrow, animate);
    case 'pie':
      return pie(data, narrow, animate);
    case 'heatmap':
      return heatmap(data, narrow, animate);
  }
}

/** The heatmap's colour scale, for the legend under it: its smallest and largest value. */
export function heatRange(data: ChartData): { min: string; max: string } | undefined {
  const yi = roleIndex(data, 'y');
  const values = data.rows.map((r) => measure(r[yi])).filter((v) => v !== null);
  if (values.length === 0) return undefined;
  return { min: formatCompact(Math.min(...values)), max: formatCompact(Math.max(...values)) };
}
