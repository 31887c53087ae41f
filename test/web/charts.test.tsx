import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Chart } from 'chart.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ChartPanel, type ChartPanelProps } from '../../app/web/src/charts/ChartPanel';
import { heatColour } from '../../app/web/src/charts/chart-config';
import type { ChartView } from '../../app/web/src/charts/chart-types';
import {
  emptyOf,
  giveElementsASize,
  heat,
  points,
  revenueByRegion,
  revenueByRegionAndYear,
  tableRows,
  total,
  twoMeasuresByDay,
  zeros,
} from './chart-fixtures';

beforeEach(giveElementsASize);

/** The chart panel for every type, from known data: what reaches Chart.js, the text, the states. */
const view = (type: ChartView['type'], title = 'Revenue'): ChartView => ({ title, type, encoding: {} });

function renderPanel(props: Partial<ChartPanelProps> & Pick<ChartPanelProps, 'view'>) {
  return render(<ChartPanel data={undefined} {...props} />);
}

/** The Chart.js chart drawn in the panel, once the library chunk has loaded. */
async function drawnChart(container: HTMLElement): Promise<Chart> {
  return waitFor(() => {
    const canvas = container.querySelector<HTMLCanvasElement>('.chart canvas');
    const chart = canvas ? Chart.getChart(canvas) : undefined;
    if (!chart) throw new Error('the chart is not drawn yet');
    return chart;
  });
}

/** The chart's type as configured. */
const typeOf = (chart: Chart | undefined) => (chart?.config as { type?: string } | undefined)?.type;

const datasets = (chart: Chart) =>
  chart.data.datasets.map((d) => ({ type: (d as { type?: string }).type ?? typeOf(chart), label: d.label, data: d.data }));

describe('drawn chart types reach Chart.js with their series and values', () => {
  it('bar: one category per region in the order given, the null region as "(empty)", the sums as bar values', async () => {
    const { container } = renderPanel({ view: view('bar'), data: revenueByRegion });
    const chart = await drawnChart(container);
    expect(typeOf(chart)).toBe('bar');
    expect(chart.data.labels).toEqual(['east', 'north', 'south', '(empty)']);
    expect(datasets(chart)).toEqual([{ type: 'bar', label: 'sum of revenue', data: [12, 80.5, 40, 3] }]);
    expect(chart.options.plugins?.legend?.display).toBe(false);
  });

  it('bar with a series: one bar series per year, a gap where a region has no value for that year, and a legend', async () => {
    const { container } = renderPanel({ view: view('bar'), data: revenueByRegionAndYear });
    const chart = await drawnChart(container);
    expect(chart.data.labels).toEqual(['east', 'north', 'south']);
    expect(datasets(chart).map((d) => [d.label, d.data])).toEqual([
      ['2023', [5, null, 40]],
      ['2024', [7, 80, null]],
    ]);
    expect(chart.options.plugins?.legend?.display).toBe(true);
    expect((chart.options.scales?.x as { stacked?: boolean }).stacked).toBe(false);
  });

  it('bar with stacked set: the series stack on both axes', async () => {
    const { container } = renderPanel({ view: { ...view('bar'), stacked: true }, data: revenueByRegionAndYear });
    const chart = await drawnChart(container);
    expect([
      (chart.options.scales?.x as { stacked?: boolean }).stacked,
      (chart.options.scales?.y as { stacked?: boolean }).stacked,
    ]).toEqual([true, true]);
  });

  it('line: one unfilled line per measure over the days', async () => {
    const { container } = renderPanel({ view: view('line'), data: twoMeasuresByDay });
    const chart = await drawnChart(container);
    expect(chart.data.labels).toEqual(['2024-01-01', '2024-01-02', '2024-01-03']);
    expect(chart.data.datasets.map((d) => [(d as { type?: string }).type, d.label, d.data, (d as { fill?: boolean }).fill])).toEqual([
      ['line', 'sum of revenue', [10, 20, null], false],
      ['line', 'sum of units', [1, 2, 3], false],
    ]);
  });

  it('area: lines with a filled area', async () => {
    const { container } = renderPanel({ view: view('area'), data: twoMeasuresByDay });
    const chart = await drawnChart(container);
    expect(chart.data.datasets.map((d) => [(d as { type?: string }).type, d.data, (d as { fill?: boolean }).fill])).toEqual([
      ['line', [10, 20, null], true],
      ['line', [1, 2, 3], true],
    ]);
  });

  it('scatter: {x, y} points grouped by the series column, on a numeric x axis', async () => {
    const { container } = renderPanel({ view: view('scatter'), data: points });
    const chart = await drawnChart(container);
    expect(typeOf(chart)).toBe('scatter');
    expect((chart.options.scales?.x as { type?: string }).type).toBe('linear');
    expect(datasets(chart).map((d) => [d.label, d.data])).toEqual([
      [
        'east',
        [
          { x: 1, y: 10 },
          { x: 2, y: 15 },
        ],
      ],
      ['west', [{ x: 3, y: 9 }]],
    ]);
  });

  it('pie: one named slice per region with its value', async () => {
    const { container } = renderPanel({ view: view('pie'), data: revenueByRegion });
    const chart = await drawnChart(container);
    expect(typeOf(chart)).toBe('doughnut');
    expect(chart.data.labels).toEqual(['east', 'north', 'south', '(empty)']);
    expect(chart.data.datasets[0].data).toEqual([12, 80.5, 40, 3]);
  });

  it('heatmap: {x, y, v} cells on two category axes, coloured from the smallest to the largest value', async () => {
    const { container } = renderPanel({ view: view('heatmap'), data: heat });
    const chart = await drawnChart(container);
    expect(typeOf(chart)).toBe('matrix');
    expect(chart.data.datasets[0].data).toEqual([
      { x: 'east', y: '2023', v: 1 },
      { x: 'east', y: '2024', v: 4 },
      { x: 'west', y: '2023', v: 9 },
    ]);
    expect((chart.options.scales?.x as { labels?: string[] }).labels).toEqual(['east', 'west']);
    expect((chart.options.scales?.y as { labels?: string[] }).labels).toEqual(['2023', '2024']);
    expect(heatColour(0)).not.toBe(heatColour(1));
    expect(container.querySelector('.chart-heat-scale')?.textContent).toBe('19');
  });

  it('replaces the series on new data instead of keeping a series the data no longer has, on the same chart', async () => {
    const { container, rerender } = renderPanel({ view: view('bar'), data: revenueByRegionAndYear });
    const first = await drawnChart(container);
    rerender(<ChartPanel view={view('bar')} data={revenueByRegion} />);
    await waitFor(() => expect(first.data.datasets.map((d) => d.label)).toEqual(['sum of revenue']));
    expect(await drawnChart(container)).toBe(first);
  });

  it('makes a new chart when the type changes', async () => {
    const { container, rerender } = renderPanel({ view: view('bar'), data: revenueByRegion });
    const first = await drawnChart(container);
    rerender(<ChartPanel view={view('line')} data={revenueByRegion} />);
    await waitFor(() => expect(typeOf(Chart.getChart(container.querySelector('canvas') as HTMLCanvasElement))).toBe('line'));
    expect(Chart.getChart(container.querySelector('canvas') as HTMLCanvasElement)).not.toBe(first);
  });
});

describe('tables and numbers', () => {
  it('table: an HTML table with column headers, grouped numbers and a dash for an empty cell', () => {
    renderPanel({ view: view('table', 'Sales'), data: tableRows });
    const table = screen.getByRole('table', { name: 'Sales' });
    const headers = [...table.querySelectorAll('th')].map((th) => [th.textContent, th.getAttribute('scope')]);
    expect(headers).toEqual([
      ['region', 'col'],
      ['revenue', 'col'],
    ]);
    const cells = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(cells).toEqual([
      ['east', '1,234.5'],
      ['west', '—'],
    ]);
    expect(screen.getByRole('region', { name: 'Sales' }).tabIndex).toBe(0);
    expect(screen.getByText('Limited: the source has more rows than this chart shows.')).toBeTruthy();
    expect(document.querySelector('.chart')).toBeNull();
  });

  it('number: one big value and what it is', () => {
    renderPanel({ view: view('number', 'Total revenue'), data: total });
    expect(document.querySelector('.chart-number-value')?.textContent).toBe('1,234,567.89');
    expect(document.querySelector('.chart-number-label')?.textContent).toBe('sum of revenue');
  });
});

describe('states', () => {
  it.each(['bar', 'line', 'area', 'scatter', 'pie', 'heatmap', 'table', 'number'] as const)(
    '%s over an empty source shows "No data" and draws nothing',
    (type) => {
      const data = {
        bar: revenueByRegion,
        line: twoMeasuresByDay,
        area: twoMeasuresByDay,
        scatter: points,
        pie: revenueByRegion,
        heatmap: heat,
        table: tableRows,
        number: total,
      }[type];
      const { container } = renderPanel({ view: view(type), data: emptyOf(data) });
      expect(screen.getByText('No data')).toBeTruthy();
      expect(screen.getByText('The source has no rows.')).toBeTruthy();
      expect(container.querySelector('.chart, table, .chart-number')).toBeNull();
      expect(container.querySelector('figure')?.dataset.state).toBe('empty');
    },
  );

  it('a pie whose every value is 0 shows "No data", not three equal slices', () => {
    const { container } = renderPanel({ view: view('pie', 'Tasks by kind'), data: zeros });
    expect(screen.getByText('No data')).toBeTruthy();
    expect(screen.getByText('No slice has a value above zero.')).toBeTruthy();
    expect(container.querySelector('.chart')).toBeNull();
  });

  it('shows a loading state until the data arrives', () => {
    renderPanel({ view: view('bar') });
    expect(screen.getByRole('status').textContent).toContain('Loading chart…');
  });

  it('shows a failed load with its message and a retry', async () => {
    const onRetry = vi.fn();
    renderPanel({ view: view('bar'), error: new Error('the query engine is busy'), onRetry });
    expect(screen.getByRole('alert').textContent).toContain('This chart could not be loaded: the query engine is busy');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('keeps the last data on screen when a refresh fails, and says so', async () => {
    const { container } = renderPanel({ view: view('bar'), data: revenueByRegion, error: new Error('timeout') });
    await drawnChart(container);
    expect(screen.getByText('Showing the last data: the refresh failed (timeout).')).toBeTruthy();
  });
});
