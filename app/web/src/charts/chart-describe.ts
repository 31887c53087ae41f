import { hasDrawableValues, label, measure, measureName, pivot, roleIndex } from './chart-series';
import { formatNumber } from './chart-format';
import type { ChartData, ChartType, ChartView } from './chart-types';

const TYPE_NAMES: Record<ChartType, string> = {
  bar: 'Bar chart',
  line: 'Line chart',
  area: 'Area chart',
  scatter: 'Scatter chart',
  pie: 'Pie chart',
  heatmap: 'Heatmap',
  table: 'Table',
  number: 'Number',
};

const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;

function measuresOf(data: ChartData): string {
  return data.columns
    .filter((c) => c.role === 'y')
    .map(measureName)
    .join(' and ');
}

function columnOf(data: ChartData, role: 'x' | 'series'): string | undefined {
  const i = roleIndex(data, role);
  return i >= 0 ? data.columns[i].column : undefined;
}

function rangeOf(data: ChartData): string {
  const values = data.rows
    .flatMap((r) => data.columns.flatMap((c, i) => (c.role === 'y' ? [measure(r[i])] : [])))
    .filter((v) => v !== null);
  if (values.length === 0) return '';
  const [min, max] = [Math.min(...values), Math.max(...values)];
  return min === max ? `, all ${formatNumber(min)}` : `, from ${formatNumber(min)} to ${formatNumber(max)}`;
}

/**
 * What the chart plots, in one sentence for screen readers (and as its visible caption):
 * "Bar chart of sum of revenue by region, 4 bars, from 12 to 80".
 */
export function describeChart(view: ChartView, data: ChartData | undefined): string {
  const name = TYPE_NAMES[view.type];
  if (!data) return `${name}: loading`;
  const x = columnOf(data, 'x');
  const series = columnOf(data, 'series');
  const measures = measuresOf(data);
  const of = measures ? ` of ${measures}` : '';
  const by = x ? ` by ${x}${series ? ` and ${series}` : ''}` : series ? ` by ${series}` : '';
  const cut = data.truncated ? ' (limited: more rows exist)' : '';
  if (view.type === 'table') {
    const columns = data.columns.map((c) => (c.role === 'y' ? measureName(c) : c.name)).join(', ');
    return `${name} of ${columns || 'no columns'}, ${plural(data.rows.length, 'row')}${cut}`;
  }
  if (view.type === 'number') {
    const value = data.rows.length > 0 ? measure(data.rows[0][0]) : null;
    return `${name}: ${measures}, ${value === null ? 'no data' : formatNumber(value)}`;
  }
  if (!hasDrawableValues(data, view.type === 'pie')) return `${name}${of}${by}: no data`;
  const { categories, series: lines } = pivot(data);
  const drawn = lines.reduce((n, s) => n + s.values.filter((v) => v !== null && (view.type !== 'pie' || v > 0)).length, 0);
  switch (view.type) {
    case 'bar':
      return `${name}${of}${by}, ${plural(drawn, 'bar')}${rangeOf(data)}${cut}`;
    case 'line':
    case 'area':
      return `${name}${of}${by}, ${plural(lines.length, view.type)} over ${plural(categories.length, 'point')}${rangeOf(data)}${cut}`;
    case 'scatter':
      return `${name}${of} against ${x}${series ? ` by ${series}` : ''}, ${plural(data.rows.length, 'point')}${rangeOf(data)}${cut}`;
    case 'pie': {
      const yi = roleIndex(data, 'y');
      const xi = roleIndex(data, 'x');
      const top = [...data.rows].sort((a, b) => (measure(b[yi]) ?? 0) - (measure(a[yi]) ?? 0))[0];
      return `${name}${of}${by}, ${plural(drawn, 'slice')}, largest ${label(top[xi])}${cut}`;
    }
    case 'heatmap':
      return `${name}${of}${by}, ${plural(drawn, 'cell')}${rangeOf(data)}${cut}`;
  }
}
