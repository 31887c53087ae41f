import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvalidQueryError, QueryTimeoutError } from '../../../app/server/data-engine/data-errors';
import { QueryEngine, type QueryableDataset } from '../../../app/server/data-engine/query-engine';
import { csvLines, DataWorkspace } from './support/data-fixtures';
import { objectStorageIn, storeCsvDataset } from './support/query-fixtures';

describe('query engine: SQL over a project’s datasets', () => {
  const ws = new DataWorkspace();
  const storage = objectStorageIn(ws);
  let engine: QueryEngine;
  let project: QueryableDataset[];

  beforeAll(async () => {
    engine = await QueryEngine.create({ pool: ws.pool, timeoutMs: 5_000 });
    project = [
      await storeCsvDataset(
        ws,
        storage,
        1,
        10,
        'sales',
        csvLines(
          'region,amount,sold_on',
          3000,
          (i) => `${['north', 'south', 'east'][i % 3]},${i},2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
        ),
      ),
      await storeCsvDataset(ws, storage, 1, 11, 'my data', 'k,v\n1,one\n2,two\n'),
    ];
  });

  afterAll(async () => {
    await engine.close();
    ws.dispose();
  });

  it('answers a group-by over a dataset by its name, with typed columns and JSON-safe rows', async () => {
    const result = await engine.query({
      sql: 'SELECT region, sum(amount) AS total, min(sold_on) AS first FROM sales GROUP BY region ORDER BY region',
      datasets: project,
      limit: 100,
    });
    expect(result.columns).toEqual([
      { name: 'region', type: 'string' },
      { name: 'total', type: 'integer' },
      { name: 'first', type: 'date' },
    ]);
    expect(result.rows).toEqual([
      ['east', 1500500, '2024-01-01'],
      ['north', 1498500, '2024-01-01'],
      ['south', 1499500, '2024-01-01'],
    ]);
    expect(result).toMatchObject({ rowCount: 3, truncated: false });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('reads a dataset whose name is not a plain identifier when quoted, and joins two datasets with WITH', async () => {
    const result = await engine.query({
      sql: 'WITH d AS (SELECT * FROM "my data") SELECT d.v, count(*) AS n FROM d JOIN sales s ON s.amount = d.k GROUP BY d.v ORDER BY d.v',
      datasets: project,
      limit: 10,
    });
    expect(result.rows).toEqual([
      ['one', 1],
      ['two', 1],
    ]);
  });

  it('caps the rows at limit and says the result was truncated', async () => {
    const result = await engine.query({ sql: 'SELECT amount FROM sales ORDER BY amount', datasets: project, limit: 2500 });
    expect(result.rowCount).toBe(2500);
    expect(result.rows).toHaveLength(2500);
    expect(result.rows[2499]).toEqual([2499]);
    expect(result.truncated).toBe(true);
    const exact = await engine.query({ sql: 'SELECT amount FROM sales', datasets: project, limit: 3000 });
    expect(exact.truncated).toBe(false);
  });

  it('rejects a limit outside 1..10000 and empty SQL', async () => {
    await expect(engine.query({ sql: 'SELECT 1', datasets: project, limit: 0 })).rejects.toThrow(
      new InvalidQueryError('limit must be an integer from 1 to 10000'),
    );
    await expect(engine.query({ sql: 'SELECT 1', datasets: project, limit: 10_001 })).rejects.toBeInstanceOf(InvalidQueryError);
    await expect(engine.query({ sql: '  ', datasets: project, limit: 1 })).rejects.toThrow(new InvalidQueryError('the query is empty'));
  });

  it('names the problem in a query with a syntax error or an unknown column, without server paths', async () => {
    await expect(engine.query({ sql: 'SELEC 1', datasets: project, limit: 1 })).rejects.toThrow(/syntax error at or near "SELEC"/);
    const error = await engine.query({ sql: 'SELECT nope FROM sales', datasets: project, limit: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidQueryError);
    expect((error as Error).message).toMatch(/nope/);
    expect((error as Error).message).not.toContain(ws.dir);
  });

  it('leaves no spill directory of a finished query behind', async () => {
    await engine.query({ sql: 'SELECT count(*) FROM sales', datasets: project, limit: 1 });
    // Only the engine's long-lived parser sandbox keeps one.
    expect(ws.leftoverTempDirs()).toHaveLength(1);
  });
});

describe('query engine: untrusted SQL cannot leave the project’s datasets', () => {
  const ws = new DataWorkspace();
  const storage = objectStorageIn(ws);
  let engine: QueryEngine;
  let project: QueryableDataset[];
  let otherProjectFile: string;
  let ownFile: string;
  const outside = () => path.join(ws.dir, 'outside');

  beforeAll(async () => {
    engine = await QueryEngine.create({ pool: ws.pool, timeoutMs: 1_500 });
    const sales = await storeCsvDataset(ws, storage, 1, 10, 'sales', 'region,amount\nnorth,1\nsouth,2\n');
    const secret = await storeCsvDataset(ws, storage, 2, 20, 'secret', 'password\nhunter2\n');
    project = [sales];
    ownFile = sales.path;
    otherProjectFile = secret.path;
    fs.mkdirSync(outside());
  });

  afterAll(async () => {
    await engine.close();
    ws.dispose();
  });

  const refused = (sql: string) => engine.query({ sql, datasets: project, limit: 100 });
  const permission = /Cannot access (file|directory) .* file system operations are disabled by configuration/;
  const readOnly = /only a SELECT statement \(or WITH \.\.\. SELECT\) is allowed/;
  // A write names its target outside the tables a SELECT reads, so the target view is not
  // even created: DuckDB's binder refuses it before the statement type is checked.
  const unknownTarget = /(Table|View) with name sales does not exist/;

  it.each([
    ['read_csv of /etc/passwd', () => "SELECT * FROM read_csv('/etc/passwd', sep = ':')", permission],
    ['read_text of /etc/passwd', () => "SELECT * FROM read_text('/etc/passwd')", permission],
    ['read_blob of the process environment', () => "SELECT * FROM read_blob('/proc/self/environ')", permission],
    ['read_parquet of /etc/passwd', () => "SELECT * FROM read_parquet('/etc/passwd')", permission],
    // DuckDB turns replacement scans (a path used as a table) off with external access.
    ['a replacement scan of a path', () => "SELECT * FROM '/etc/passwd'", /Table with name \/etc\/passwd does not exist/],
    ['glob over the file system', () => "SELECT * FROM glob('/etc/*')", permission],
    ['another project’s file by path', () => `SELECT * FROM read_csv('${otherProjectFile}')`, permission],
    [
      'a glob over the storage that would reach another project',
      () => `SELECT * FROM read_csv('${path.join(ws.dir, 'objects', 'datasets')}/*/*/*.csv')`,
      permission,
    ],
    ['a path escaping the own file with ..', () => `SELECT * FROM read_csv('${ownFile}/../../../2/20/x.csv')`, permission],
    ['a list of files with one forbidden', () => `SELECT * FROM read_csv(['${ownFile}', '/etc/passwd'])`, permission],
    ['the network', () => "SELECT * FROM read_csv('https://example.com/data.csv')", permission],
  ])('refuses %s', async (_name, sql, message) => {
    const error = await refused(sql()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidQueryError);
    expect((error as Error).message).toMatch(message);
  });

  it.each([
    ['COPY ... TO a file', () => `COPY sales TO '${outside()}/out.csv'`],
    ['COPY (SELECT) TO a file', () => `COPY (SELECT * FROM sales) TO '${outside()}/out.parquet' (FORMAT parquet)`],
    ['ATTACH of a database file', () => `ATTACH '${outside()}/x.duckdb' AS x`],
    ['EXPORT DATABASE', () => `EXPORT DATABASE '${outside()}/export'`],
    ['INSTALL httpfs', () => 'INSTALL httpfs'],
    ['LOAD httpfs', () => 'LOAD httpfs'],
    ['LOAD of an extension file', () => `LOAD '${outside()}/evil.duckdb_extension'`],
    ['SET enable_external_access', () => 'SET enable_external_access = true'],
    ['SET memory_limit', () => "SET memory_limit = '64GB'"],
    ['SET threads', () => 'SET threads = 64'],
    ['RESET memory_limit', () => 'RESET memory_limit'],
    ['PRAGMA memory_limit', () => "PRAGMA memory_limit = '64GB'"],
    ['PRAGMA enable_profiling', () => 'PRAGMA enable_profiling'],
    ['CALL of a table function', () => 'CALL pragma_version()'],
    ['CREATE TABLE', () => 'CREATE TABLE t AS SELECT * FROM sales'],
    ['INSERT into a dataset', () => "INSERT INTO sales VALUES ('west', 3)"],
    ['DROP of a dataset view', () => 'DROP VIEW sales'],
    ['EXPLAIN ANALYZE', () => 'EXPLAIN ANALYZE SELECT * FROM sales'],
  ])('refuses %s as not a SELECT, and nothing is written', async (_name, sql) => {
    const error = await refused(sql()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidQueryError);
    expect((error as Error).message).toMatch(new RegExp(`${readOnly.source}|${permission.source}|${unknownTarget.source}`));
    expect(fs.readdirSync(outside())).toEqual([]);
  });

  it('refuses two statements, even when both are SELECTs', async () => {
    await expect(refused('SELECT 1; SELECT 2')).rejects.toThrow(
      new InvalidQueryError('exactly one statement is allowed; this query has 2'),
    );
    await expect(refused('SELECT * FROM sales; DROP VIEW sales')).rejects.toThrow(/exactly one statement is allowed/);
  });

  it('does not know another project’s dataset by name', async () => {
    await expect(refused('SELECT * FROM secret')).rejects.toThrow(/Table with name secret does not exist/);
  });

  it('interrupts a cross join that would run for minutes at the timeout, and keeps working afterwards', async () => {
    const started = Date.now();
    await expect(refused('SELECT sum(a.range * b.range) FROM range(1000000000) a CROSS JOIN range(1000000000) b')).rejects.toBeInstanceOf(
      QueryTimeoutError,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    // The interrupted query gives its sandbox back once DuckDB has stopped it; a query sent
    // before that waits for the slot within its own 1.5 s budget, which a busy machine can use up.
    while (ws.pool.active > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const after = await refused('SELECT count(*) AS n FROM sales');
    expect(after.rows).toEqual([[2]]);
  });

  it('keeps the event loop free while a heavy query runs: a timer fires on time', async () => {
    const heavy = refused('SELECT sum(a.range * b.range) FROM range(1000000000) a CROSS JOIN range(1000000000) b').catch(
      (error: unknown) => error,
    );
    const lags: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const scheduled = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 100));
      lags.push(Date.now() - scheduled - 100);
    }
    expect(await heavy).toBeInstanceOf(QueryTimeoutError);
    // Eight 100 ms timers in a row while DuckDB works on other threads; blocking would delay them by seconds.
    expect(Math.max(...lags)).toBeLessThan(250);
  });
});
