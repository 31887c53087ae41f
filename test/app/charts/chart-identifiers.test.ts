import { DuckDBInstance, type DuckDBConnection, type DuckDBInstance as Instance } from '@duckdb/node-api';
import { toChartData } from '../../../app/server/charts/chart-data';
import { compileChartQuery } from '../../../app/server/charts/chart-query';
import { quoteIdentifier } from '../../../app/server/charts/sql-identifiers';
import { aggregate, groupBy } from './sales-fixture';

/**
 * Column names a CSV header can carry: quotes, spaces, keywords, Unicode, the compiler's own
 * aliases and text that reads as SQL. Each stays one identifier in the compiled query.
 */
const NAMES = {
  quote: 'say "hi"',
  space: 'unit price',
  keyword: 'select',
  unicode: 'Umsatz € 📈',
  alias: 'chart_x',
  source: 'chart_source',
  injection: 'x") FROM sales; DROP TABLE sales; --',
  lone: '"',
  dotted: 'a.b',
};
// The DDL is written out by hand, not with quoteIdentifier, so the fixture does not depend on it.
const DDL = `CREATE TABLE sales (
  "say ""hi""" VARCHAR, "unit price" DOUBLE, "select" INTEGER, "Umsatz € 📈" DOUBLE, "chart_x" VARCHAR,
  "chart_source" INTEGER, "x"") FROM sales; DROP TABLE sales; --" DOUBLE, """" VARCHAR, "a.b" INTEGER)`;
const ROWS = Array.from({ length: 12 }, (_, i) => ({
  quote: ['a', 'b', 'c'][i % 3],
  space: i * 1.5,
  keyword: i % 2,
  unicode: i * 10,
  alias: ['p', 'q'][i % 2],
  source: i,
  injection: i + 0.5,
  lone: ['u', 'v', 'w'][i % 3],
  dotted: i * 2,
}));
const COLUMNS = [
  { name: NAMES.quote, type: 'VARCHAR' },
  { name: NAMES.space, type: 'DOUBLE' },
  { name: NAMES.keyword, type: 'INTEGER' },
  { name: NAMES.unicode, type: 'DOUBLE' },
  { name: NAMES.alias, type: 'VARCHAR' },
  { name: NAMES.source, type: 'INTEGER' },
  { name: NAMES.injection, type: 'DOUBLE' },
  { name: NAMES.lone, type: 'VARCHAR' },
  { name: NAMES.dotted, type: 'INTEGER' },
];

let instance: Instance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run(DDL);
  const values = ROWS.map(
    (r) => `('${r.quote}', ${r.space}, ${r.keyword}, ${r.unicode}, '${r.alias}', ${r.source}, ${r.injection}, '${r.lone}', ${r.dotted})`,
  );
  await connection.run(`INSERT INTO sales VALUES ${values.join(', ')}`);
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

describe('hostile column names', () => {
  it('quotes a name by doubling its double quotes', () => {
    expect(quoteIdentifier('say "hi"')).toBe('"say ""hi"""');
    expect(quoteIdentifier('"')).toBe('""""');
    expect(quoteIdentifier('select')).toBe('"select"');
  });

  it('refuses a name with a NUL character, which DuckDB cannot read inside quotes', () => {
    expect(() => quoteIdentifier('a\u0000b')).toThrow(expect.objectContaining({ statusCode: 400, code: 'invalid_encoding' }));
  });

  it('a table grouped by x and series over hostile names gives the aggregates, and the table is still there', async () => {
    const spec = {
      type: 'table' as const,
      encoding: {
        x: NAMES.quote,
        series: NAMES.alias,
        y: [NAMES.injection, NAMES.unicode],
        aggregate: 'sum' as const,
        sort: 'y-desc' as const,
      },
    };
    const compiled = compileChartQuery(spec, { sql: 'SELECT * FROM sales', columns: COLUMNS });
    const data = toChartData(compiled, (await connection.runAndReadAll(compiled.sql)).getRows());
    const totals = [...groupBy(ROWS, (r) => r.quote).values()]
      .map((g) => ({
        x: g.key,
        total: aggregate(
          'sum',
          g.rows.map((r) => r.injection),
        ) as number,
      }))
      .sort((a, b) => b.total - a.total);
    const expected = totals.flatMap(({ x }) =>
      [
        ...groupBy(
          ROWS.filter((r) => r.quote === x),
          (r) => r.alias,
        ).values(),
      ]
        .sort((a, b) => a.key.localeCompare(b.key))
        .map((g) => [
          x,
          g.key,
          aggregate(
            'sum',
            g.rows.map((r) => r.injection),
          ),
          aggregate(
            'sum',
            g.rows.map((r) => r.unicode),
          ),
        ]),
    );
    expect(data.rows).toEqual(expected);
    expect(data.columns.map((c) => c.name)).toEqual([NAMES.quote, NAMES.alias, `sum(${NAMES.injection})`, `sum(${NAMES.unicode})`]);
    const count = await connection.runAndReadAll('SELECT count(*) FROM sales');
    expect(count.getRows()).toEqual([[12n]]);
  });

  it.each(Object.entries(NAMES))('a column named %s is read as that column, raw and aggregated', async (key) => {
    const name = NAMES[key as keyof typeof NAMES];
    const raw = compileChartQuery({ type: 'table', encoding: { y: [name] } }, { sql: 'FROM sales', columns: COLUMNS });
    const rawData = toChartData(raw, (await connection.runAndReadAll(raw.sql)).getRows());
    expect(rawData.rows).toEqual(ROWS.map((r) => [r[key as keyof typeof r]]));
    const counted = compileChartQuery(
      { type: 'table', encoding: { x: name, y: [name], aggregate: 'count' } },
      { sql: 'FROM sales', columns: COLUMNS },
    );
    const countedData = toChartData(counted, (await connection.runAndReadAll(counted.sql)).getRows());
    const expected = [...groupBy(ROWS, (r) => r[key as keyof typeof r]).values()]
      .map((g) => [g.key, g.rows.length])
      .sort((a, b) => (a[0] < b[0] ? -1 : 1));
    expect(countedData.rows).toEqual(expected);
  });
});
