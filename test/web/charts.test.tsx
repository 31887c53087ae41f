import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as echarts from 'echarts/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ChartPanel, type ChartPanelProps } from '../../app/web/src/charts/ChartPanel';
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

/** The chart panel for every type, from known data: what reaches ECharts, the text, the states. */
const view = (type: ChartView['type'], title = 'Revenue'): ChartView => ({ title, type, encoding: {} });

function renderPanel(props: Partial<ChartPanelProps> & Pick<ChartPanelProps, 'view'>) {
  return render(<ChartPanel data={undefined} {...props} />);
}

/** The option ECharts holds for the drawn chart, once the library chunk has loaded. */
async function drawnOption(container: HTMLElement): Promise<Record<string, any>> {
  const el = await waitFor(() => {
    const found = container.querySelector<HTMLElement>('.chart');
    if (!found || !echarts.getInstanceByDom(found)) throw new Error('the chart is not drawn yet');
    return found;
  });
  const chart = echarts.getInstanceByDom(el) as echarts.ECharts;
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 20)); // lazyUpdate applies the option on the next frame
  });
  return chart.getOption() as Record<string, any>;
}

describe('drawn chart types reach ECharts with their series and values', () => {
  it('bar: one category per region in the order given, the null region as "(empty)", the sums as bar values', async () => {
    const { container } = renderPanel({ view: view('bar'), data: revenueByRegion });
    const option = await drawnOption(container);
    expect(option.xAxis[0].data).toEqual(['east', 'north', 'south', '(empty)']);
    expect(option.series.map((s: any) => [s.type, s.name, s.data])).toEqual([['bar', 'sum of revenue', [12, 80.5, 40, 3]]]);
  });

  it('bar with a series: one bar series per year, a gap where a region has no value for that year', async () => {
    const { container } = renderPanel({ view: view('bar'), data: revenueByRegionAndYear });
    const option = await drawnOption(container);
    expect(option.xAxis[0].data).toEqual(['east', 'north', 'south']);
    expect(option.series.map((s: any) => [s.name, s.data])).toEqual([
      ['2023', [5, null, 40]],
      ['2024', [7, 80, null]],
    ]);
    expect(option.legend[0].show).not.toBe(false);
  });

  it('line: one line per measure over the days', async () => {
    const { container } = renderPanel({ view: view('line'), data: twoMeasuresByDay });
    const option = await drawnOption(container);
    expect(option.xAxis[0].data).toEqual(['2024-01-01', '2024-01-02', '2024-01-03']);
    expect(option.series.map((s: any) => [s.type, s.name, s.data, s.areaStyle])).toEqual([
      ['line', 'sum of revenue', [10, 20, null], undefined],
      ['line', 'sum of units', [1, 2, 3], undefined],
    ]);
  });

  it('area: lines with a filled area', async () => {
    const { container } = renderPanel({ view: view('area'), data: twoMeasuresByDay });
    const option = await drawnOption(container);
    expect(option.series.map((s: any) => [s.type, s.data, s.areaStyle?.opacity])).toEqual([
      ['line', [10, 20, null], 0.25],
      ['line', [1, 2, 3], 0.25],
    ]);
  });

  it('scatter: [x, y] points grouped by the series column, on a numeric x axis', async () => {
    const { container } = renderPanel({ view: view('scatter'), data: points });
    const option = await drawnOption(container);
    expect(option.xAxis[0].type).toBe('value');
    expect(option.series.map((s: any) => [s.type, s.name, s.data])).toEqual([
      [
        'scatter',
        'east',
        [
          [1, 10],
          [2, 15],
        ],
      ],
      ['scatter', 'west', [[3, 9]]],
    ]);
  });

  it('pie: one named slice per region with its value', async () => {
    const { container } = renderPanel({ view: view('pie'), data: revenueByRegion });
    const option = await drawnOption(container);
    expect(option.series[0].type).toBe('pie');
    expect(option.series[0].data).toEqual([
      { name: 'east', value: 12 },
      { name: 'north', value: 80.5 },
      { name: 'south', value: 40 },
      { name: '(empty)', value: 3 },
    ]);
  });

  it('heatmap: [column, row, value] cells and a colour scale from the smallest to the largest value', async () => {
    const { container } = renderPanel({ view: view('heatmap'), data: heat });
    const option = await drawnOption(container);
    expect(option.xAxis[0].data).toEqual(['east', 'west']);
    expect(option.yAxis[0].data).toEqual(['2023', '2024']);
    expect(option.series[0].data).toEqual([
      [0, 0, 1],
      [0, 1, 4],
      [1, 0, 9],
    ]);
    expect([option.visualMap[0].min, option.visualMap[0].max]).toEqual([1, 9]);
  });

  it('replaces the series on new data instead of keeping a series the data no longer has', async () => {
    const { container, rerender } = renderPanel({ view: view('bar'), data: revenueByRegionAndYear });
    await drawnOption(container);
    rerender(<ChartPanel view={view('bar')} data={revenueByRegion} />);
    const option = await drawnOption(container);
    expect(option.series.map((s: any) => s.name)).toEqual(['sum of revenue']);
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
    await drawnOption(container);
    expect(screen.getByText('Showing the last data: the refresh failed (timeout).')).toBeTruthy();
  });
});
