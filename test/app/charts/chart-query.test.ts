import type { DuckDBConnection } from '@duckdb/node-api';
import { toChartData } from '../../../app/server/charts/chart-data';
import { compileChartQuery } from '../../../app/server/charts/chart-query';
import { MAX_CHART_ROWS, type ChartData, type ChartSpec } from '../../../app/server/charts/chart-spec';
import { SALES_COLUMNS, aggregate, compareNullsLast, groupBy, makeSales, openSalesDatabase, type Sale } from './sales-fixture';

/**
 * Each chart type's data, computed by the compiled SELECT on a real in-memory DuckDB, equals
 * the aggregate computed here in plain TypeScript over the same rows.
 */
const SALES = makeSales();
let db: Awaited<ReturnType<typeof openSalesDatabase>>;
let empty: Awaited<ReturnType<typeof openSalesDatabase>>;

beforeAll(async () => {
  db = await openSalesDatabase(SALES);
  empty = await openSalesDatabase([]);
});
afterAll(() => {
  db.close();
  empty.close();
});

async function chartData(spec: ChartSpec, connection: DuckDBConnection = db.connection, sql = 'SELECT * FROM sales'): Promise<ChartData> {
  const compiled = compileChartQuery(spec, { sql, columns: SALES_COLUMNS });
  const reader = await connection.runAndReadAll(compiled.sql);
  return toChartData(compiled, reader.getRows());
}

type Key = string | number | null;
const byKeys = (a: Key[], b: Key[]) => a.reduce<number>((c, v, i) => c || compareNullsLast(v, b[i]), 0);

describe('chart data computed by the compiled DuckDB query', () => {
  it('bar: sums of two measures per region, regions ascending with the null region last', async () => {
    const data = await chartData({ type: 'bar', encoding: { x: 'region', y: ['revenue', 'units'], aggregate: 'sum' } });
    const expected = [...groupBy(SALES, (s) => s.region).values()]
      .map((g) => [
        g.key,
        aggregate(
          'sum',
          g.rows.map((r) => r.revenue),
        ),
        aggregate(
          'sum',
          g.rows.map((r) => r.units),
        ),
      ])
      .sort((a, b) => compareNullsLast(a[0], b[0]));
    expect(data.rows).toEqual(expected);
    expect(data.columns.map((c) => [c.name, c.role, c.kind])).toEqual([
      ['region', 'x', 'string'],
      ['sum(revenue)', 'y', 'number'],
      ['sum(units)', 'y', 'number'],
    ]);
    expect(data.truncated).toBe(false);
  });

  it('line: average revenue per day and product, days in order, each day with every product it has', async () => {
    const data = await chartData({ type: 'line', encoding: { x: 'day', series: 'product', y: ['revenue'], aggregate: 'avg' } });
    const expected = [...groupBy(SALES, (s) => [s.day, s.product]).values()]
      .map((g) => [
        ...g.key,
        aggregate(
          'avg',
          g.rows.map((r) => r.revenue),
        ),
      ])
      .sort((a, b) => byKeys(a as Key[], b as Key[]));
    expect(data.rows).toEqual(expected);
    expect(data.columns.map((c) => c.role)).toEqual(['x', 'series', 'y']);
    expect(data.columns[0].kind).toBe('temporal');
  });

  it('area: largest units per year, years descending', async () => {
    const data = await chartData({ type: 'area', encoding: { x: 'year', y: ['units'], aggregate: 'max', sort: 'x-desc' } });
    const expected = [...groupBy(SALES, (s) => s.year).values()]
      .map((g) => [
        g.key,
        aggregate(
          'max',
          g.rows.map((r) => r.units),
        ),
      ])
      .sort((a, b) => (b[0] as number) - (a[0] as number));
    expect(data.rows).toEqual(expected);
  });

  it('scatter: without an aggregate, one point per source row', async () => {
    const data = await chartData({ type: 'scatter', encoding: { x: 'units', y: ['revenue'], series: 'region' } });
    const expected = SALES.map((s) => [s.units, s.region, s.revenue]).sort((a, b) => byKeys(a, b));
    // Sorted by x then series; rows with equal x and series come in any order.
    expect([...data.rows].sort((a, b) => byKeys(a as Key[], b as Key[]))).toEqual(expected);
    expect(data.rows.map((r) => r[0])).toEqual(expected.map((r) => r[0]));
  });

  it('pie: the two products with the most revenue values, largest first, and the limit says it cut the third', async () => {
    const data = await chartData({ type: 'pie', encoding: { x: 'product', y: ['revenue'], aggregate: 'count', sort: 'y-desc', limit: 2 } });
    const all = [...groupBy(SALES, (s) => s.product).values()]
      .map(
        (g) =>
          [
            g.key,
            aggregate(
              'count',
              g.rows.map((r) => r.revenue),
            ),
          ] as [string, number],
      )
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    expect(all).toHaveLength(3);
    expect(data.rows).toEqual(all.slice(0, 2));
    expect(data.truncated).toBe(true);
  });

  it('heatmap: smallest units per region and year, one cell per pair', async () => {
    const data = await chartData({ type: 'heatmap', encoding: { x: 'region', series: 'year', y: ['units'], aggregate: 'min' } });
    const expected = [...groupBy(SALES, (s) => [s.region, s.year]).values()]
      .map((g) => [
        ...g.key,
        aggregate(
          'min',
          g.rows.map((r) => r.units),
        ),
      ])
      .sort((a, b) => byKeys(a as Key[], b as Key[]));
    expect(data.rows).toEqual(expected);
  });

  it('table without encoding: every column of every row, in source order', async () => {
    const data = await chartData({ type: 'table', encoding: {} });
    expect(data.columns.map((c) => [c.name, c.role, c.kind])).toEqual([
      ['region', 'value', 'string'],
      ['product', 'value', 'string'],
      ['year', 'value', 'number'],
      ['day', 'value', 'temporal'],
      ['revenue', 'value', 'number'],
      ['units', 'value', 'number'],
    ]);
    expect(data.rows).toEqual(SALES.map((s) => [s.region, s.product, s.year, s.day, s.revenue, s.units]));
  });

  it('table grouped by region and year with two measures: every pair, both sums', async () => {
    const data = await chartData({
      type: 'table',
      encoding: { x: 'region', series: 'year', y: ['revenue', 'units'], aggregate: 'sum' },
    });
    const expected = [...groupBy(SALES, (s) => [s.region, s.year]).values()]
      .map((g) => [
        ...g.key,
        aggregate(
          'sum',
          g.rows.map((r) => r.revenue),
        ),
        aggregate(
          'sum',
          g.rows.map((r) => r.units),
        ),
      ])
      .sort((a, b) => byKeys(a as Key[], b as Key[]));
    expect(data.rows).toEqual(expected);
  });

  it('number: the total revenue as one value', async () => {
    const data = await chartData({ type: 'number', encoding: { y: ['revenue'], aggregate: 'sum' } });
    expect(data.rows).toEqual([
      [
        aggregate(
          'sum',
          SALES.map((s) => s.revenue),
        ),
      ],
    ]);
  });

  it('number without an aggregate: the first value of a source that computes it', async () => {
    const data = await chartData({ type: 'number', encoding: { y: ['units'] } }, db.connection, 'SELECT sum(units) AS units FROM sales');
    expect(data.rows).toEqual([
      [
        aggregate(
          'sum',
          SALES.map((s) => s.units),
        ),
      ],
    ]);
    expect(data.truncated).toBe(false);
  });
});

describe('limits and sorting with a series', () => {
  it('keeps the top x values by their total over all series, with every series of each', async () => {
    const data = await chartData({
      type: 'bar',
      encoding: { x: 'region', series: 'year', y: ['revenue'], aggregate: 'sum', sort: 'y-desc', limit: 2 },
    });
    const totals = [...groupBy(SALES, (s) => s.region).values()]
      .map((g) => ({
        region: g.key,
        total: aggregate(
          'sum',
          g.rows.map((r) => r.revenue),
        ) as number,
      }))
      .sort((a, b) => b.total - a.total);
    const top = totals.slice(0, 2).map((t) => t.region);
    const expected = top.flatMap((region) =>
      [
        ...groupBy(
          SALES.filter((s) => s.region === region),
          (s) => s.year,
        ).values(),
      ]
        .map((g) => [
          region,
          g.key,
          aggregate(
            'sum',
            g.rows.map((r) => r.revenue),
          ),
        ])
        .sort((a, b) => (a[1] as number) - (b[1] as number)),
    );
    expect(data.rows).toEqual(expected);
    expect(data.truncated).toBe(true);
  });

  it('ranks x values by the overall average, not by the average of the series averages', async () => {
    // Region a: one row of 100 in 2021 and nine of 0 in 2022 (overall avg 10, series avgs 100 and 0).
    // Region b: one row of 40 in each year (overall avg 40). By overall average b comes first.
    const rows: Sale[] = [
      { region: 'a', product: 'p', year: 2021, day: '2024-01-01', revenue: 100, units: 1 },
      ...Array.from({ length: 9 }, () => ({ region: 'a', product: 'p', year: 2022, day: '2024-01-01', revenue: 0, units: 1 })),
      { region: 'b', product: 'p', year: 2021, day: '2024-01-01', revenue: 40, units: 1 },
      { region: 'b', product: 'p', year: 2022, day: '2024-01-01', revenue: 40, units: 1 },
    ];
    const small = await openSalesDatabase(rows);
    try {
      const data = await chartData(
        { type: 'bar', encoding: { x: 'region', series: 'year', y: ['revenue'], aggregate: 'avg', sort: 'y-desc', limit: 1 } },
        small.connection,
      );
      expect(data.rows).toEqual([
        ['b', 2021, 40],
        ['b', 2022, 40],
      ]);
    } finally {
      small.close();
    }
  });

  it('caps the rows at the hard limit when none is given and says so', async () => {
    const data = await chartData({ type: 'table', encoding: {} }, db.connection, `SELECT * FROM sales, range(${MAX_CHART_ROWS / 40 + 1})`);
    expect(data.rows).toHaveLength(MAX_CHART_ROWS);
    expect(data.truncated).toBe(true);
  });

  it('reads a source query with its own WITH, a trailing line comment and trailing semicolons', async () => {
    const sql = 'WITH big AS (SELECT * FROM sales WHERE units > 8)\nSELECT * FROM big -- only the big sales\n; ;\n';
    const compiled = compileChartQuery({ type: 'number', encoding: { y: ['units'], aggregate: 'count' } }, { sql, columns: SALES_COLUMNS });
    const data = toChartData(compiled, (await db.connection.runAndReadAll(compiled.sql)).getRows());
    expect(data.rows).toEqual([[SALES.filter((s) => s.units > 8).length]]);
  });
});

describe('an empty source', () => {
  const specs: ChartSpec[] = [
    { type: 'bar', encoding: { x: 'region', y: ['revenue'], aggregate: 'sum' } },
    { type: 'line', encoding: { x: 'day', series: 'product', y: ['revenue'], aggregate: 'sum', sort: 'y-desc' } },
    { type: 'pie', encoding: { x: 'product', y: ['units'], aggregate: 'count' } },
    { type: 'scatter', encoding: { x: 'units', y: ['revenue'] } },
    { type: 'heatmap', encoding: { x: 'region', series: 'year', y: ['units'], aggregate: 'sum' } },
    { type: 'table', encoding: {} },
    { type: 'table', encoding: { y: ['units'], aggregate: 'count' } },
    { type: 'number', encoding: { y: ['units'], aggregate: 'count' } },
    { type: 'number', encoding: { y: ['revenue'], aggregate: 'sum' } },
  ];
  it.each(specs.map((s) => [`${s.type} ${JSON.stringify(s.encoding)}`, s]))('gives no rows for %s, not a row of zeros', async (_, spec) => {
    const data = await chartData(spec as ChartSpec, empty.connection);
    expect(data.rows).toEqual([]);
    expect(data.truncated).toBe(false);
  });
});
