import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ChartPanel } from '../../app/web/src/charts/ChartPanel';
import { chartCsv } from '../../app/web/src/charts/chart-csv';
import { describeChart } from '../../app/web/src/charts/chart-describe';
import { fileNameFor } from '../../app/web/src/charts/chart-export';
import type { ChartData, ChartView } from '../../app/web/src/charts/chart-types';
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

/** What a screen reader and a keyboard get of a chart, and its CSV export. */
beforeEach(giveElementsASize);

const view = (type: ChartView['type'], title = 'Revenue'): ChartView => ({ title, type, encoding: {} });

describe('the description of what is plotted', () => {
  it.each([
    ['bar', 'Bar chart of sum of revenue by region, 4 bars, from 3 to 80.5', revenueByRegion],
    ['bar', 'Bar chart of sum of revenue by region and year, 4 bars, from 5 to 80', revenueByRegionAndYear],
    ['line', 'Line chart of sum of revenue and sum of units by day, 2 lines over 3 points, from 1 to 20', twoMeasuresByDay],
    ['area', 'Area chart of sum of revenue and sum of units by day, 2 areas over 3 points, from 1 to 20', twoMeasuresByDay],
    ['scatter', 'Scatter chart of revenue against units by region, 3 points, from 9 to 15', points],
    ['pie', 'Pie chart of sum of revenue by region, 4 slices, largest north', revenueByRegion],
    ['heatmap', 'Heatmap of min of units by region and year, 3 cells, from 1 to 9', heat],
    ['table', 'Table of region, revenue, 2 rows (limited: more rows exist)', tableRows],
    ['number', 'Number: sum of revenue, 1,234,567.89', total],
    ['pie', 'Pie chart of count of id by kind: no data', zeros],
    ['bar', 'Bar chart of sum of revenue by region: no data', emptyOf(revenueByRegion)],
    ['number', 'Number: sum of revenue, no data', emptyOf(total)],
  ] as [ChartView['type'], string, ChartData][])('%s: "%s"', (type, text, data) => {
    expect(describeChart(view(type), data)).toBe(text);
  });

  it('labels the drawn chart with its title and description, and a keyboard reaches it', async () => {
    render(
      <>
        <button>before</button>
        <ChartPanel view={view('bar', 'Revenue by region')} data={revenueByRegion} />
      </>,
    );
    const drawing = await screen.findByRole('img', {
      name: 'Revenue by region Bar chart of sum of revenue by region, 4 bars, from 3 to 80.5',
    });
    expect(screen.getByRole('figure', { name: 'Revenue by region' })).toBeTruthy();
    // Tab order: the chart's controls in its header, then the drawing.
    screen.getByRole('button', { name: 'before' }).focus();
    const reached: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      await userEvent.tab();
      reached.push(document.activeElement === drawing ? 'drawing' : (document.activeElement?.textContent ?? ''));
    }
    expect(reached).toEqual(['Data table', 'Export PNG', 'Export CSV', 'drawing']);
  });

  it('shows the plotted numbers as a table on request', async () => {
    render(<ChartPanel view={view('bar', 'Revenue by region')} data={revenueByRegion} />);
    const toggle = await screen.findByRole('button', { name: 'Data table' });
    expect(screen.queryByRole('table')).toBeNull();
    await userEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    const table = screen.getByRole('table', { name: 'Revenue by region: data' });
    expect([...table.querySelectorAll('tbody tr')].map((tr) => tr.textContent)).toEqual(['east12', 'north80.5', 'south40', '—3']);
  });
});

describe('CSV export', () => {
  it('quotes commas, quotes, line breaks and edge spaces, leaves empty cells empty, and ends lines with CRLF', async () => {
    const data: ChartData = {
      columns: [
        { name: 'name, full', role: 'x', kind: 'string', column: 'name, full' },
        { name: 'sum(amount)', role: 'y', kind: 'number', column: 'amount', aggregate: 'sum' },
      ],
      rows: [
        ['say "hi"', 1.5],
        ['two\nlines', -2],
        [' padded ', null],
        ['Zürich ✓', 0],
      ],
      truncated: false,
    };
    expect(await chartCsv(data)).toBe(
      '\uFEFF"name, full",sum(amount)\r\n"say ""hi""",1.5\r\n"two\nlines",-2\r\n" padded ",\r\nZürich ✓,0\r\n',
    );
  });

  it('defuses text a spreadsheet would run as a formula, but not negative numbers', async () => {
    const data: ChartData = {
      columns: [
        { name: 'label', role: 'x', kind: 'string', column: 'label' },
        { name: 'value', role: 'y', kind: 'number', column: 'value' },
      ],
      rows: [
        ['=HYPERLINK("http://evil")', -1],
        ['+1', 2],
        ['@SUM(A1)', 3],
      ],
      truncated: false,
    };
    const lines = (await chartCsv(data)).split('\r\n');
    expect(lines.slice(1, 4)).toEqual(['"\'=HYPERLINK(""http://evil"")",-1', '"\'+1",2', '"\'@SUM(A1)",3']);
  });

  it('downloads the data of the chart as a .csv named after its title', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:chart';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    render(<ChartPanel view={view('table', 'Sales: by region (2024)')} data={tableRows} />);
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0].download).toBe('sales-by-region-2024.csv');
    expect(created[0].type).toBe('text/csv;charset=utf-8');
    expect(await created[0].text()).toBe('\uFEFFregion,revenue\r\neast,1234.5\r\nwest,\r\n');
  });

  it('names files from any title, never with an empty name', () => {
    expect(fileNameFor('Umsatz € nach Region', 'png')).toBe('umsatz-nach-region.png');
    expect(fileNameFor('***', 'csv')).toBe('chart.csv');
  });
});

describe('export controls', () => {
  it('offers PNG for drawn charts once drawn, CSV only for tables and numbers', async () => {
    const { unmount } = render(<ChartPanel view={view('line')} data={twoMeasuresByDay} />);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Export PNG' }).hasAttribute('disabled')).toBe(false));
    unmount();
    render(<ChartPanel view={view('number')} data={total} />);
    expect(screen.queryByRole('button', { name: 'Export PNG' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeTruthy();
  });
});
