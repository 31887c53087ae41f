import { DuckDBInstance, type DuckDBConnection, type DuckDBInstance as Instance } from '@duckdb/node-api';
import { chartCell, toChartData } from '../../../app/server/charts/chart-data';
import { compileChartQuery } from '../../../app/server/charts/chart-query';
import { MAX_CHART_CELLS } from '../../../app/server/charts/chart-spec';
import { columnKind } from '../../../app/server/charts/column-kinds';

/** DuckDB values as the JSON the UI draws, whichever way the rows were read. */
let instance: Instance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

const VALUES = `SELECT
  9007199254740993::BIGINT AS big,
  42::HUGEINT AS huge,
  12.50::DECIMAL(10,2) AS dec,
  DATE '2024-01-31' AS day,
  TIMESTAMP '2024-01-31 12:30:00' AS at,
  [1, 2] AS list,
  {'a': 1} AS struct,
  'NaN'::DOUBLE AS nan,
  'inf'::DOUBLE AS inf,
  true AS flag,
  NULL::INTEGER AS nothing,
  'plain' AS text`;

describe('chart cells', () => {
  it('are the same JSON from getRows() and from getRowsJson()', async () => {
    const reader = await connection.runAndReadAll(VALUES);
    const kinds = reader.columnTypes().map((t) => columnKind(t.toString()));
    const fromValues = reader.getRows()[0].map((v, i) => chartCell(v, kinds[i]));
    const fromJson = reader.getRowsJson()[0].map((v, i) => chartCell(v, kinds[i]));
    expect(fromValues).toEqual([
      '9007199254740993', // beyond 2^53: kept as text, every digit
      42,
      12.5,
      '2024-01-31',
      '2024-01-31 12:30:00',
      '[1, 2]', // lists and structs: DuckDB's own text
      "{'a': 1}",
      null,
      null,
      true,
      null,
      'plain',
    ]);
    // getRowsJson gives lists and structs as JSON values, which become JSON text; the rest is the same.
    expect(fromJson).toEqual(fromValues.map((v, i) => (i === 5 || i === 6 ? fromJson[i] : v)));
    expect(JSON.parse(fromJson[5] as string)).toEqual([1, 2]);
    expect(JSON.parse(fromJson[6] as string)).toEqual({ a: 1 });
  });
});

describe('the hard cap on a chart with a series', () => {
  it(`keeps at most ${MAX_CHART_CELLS} rows of x values times series and says it cut some`, async () => {
    const sql = 'SELECT x, s, 1.0::DOUBLE AS v FROM range(3) r(x), range(8000) q(s)';
    const columns = [
      { name: 'x', type: 'BIGINT' },
      { name: 's', type: 'BIGINT' },
      { name: 'v', type: 'DOUBLE' },
    ];
    const compiled = compileChartQuery(
      { type: 'heatmap', encoding: { x: 'x', series: 's', y: ['v'], aggregate: 'sum' } },
      { sql, columns },
    );
    const data = toChartData(compiled, (await connection.runAndReadAll(compiled.sql)).getRows());
    expect(data.rows).toHaveLength(MAX_CHART_CELLS);
    expect(data.truncated).toBe(true);
    expect(data.rows[0]).toEqual([0, 0, 1]);
  });
});
