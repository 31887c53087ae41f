import * as path from 'node:path';
import { Readable } from 'node:stream';
import { InvalidQueryError, QueryEngineBusyError, QueryTimeoutError } from '../../../app/server/data-engine/data-errors';
import { inspectDataset } from '../../../app/server/data-engine/dataset-inspector';
import { QueryEngine, type QueryableDataset } from '../../../app/server/data-engine/query-engine';
import { SandboxPool } from '../../../app/server/data-engine/sandbox-pool';
import { datasetVersionKey } from '../../../app/server/storage/dataset-keys';
import { StorageUnavailableError } from '../../../app/server/storage/storage-errors';
import { s3StorageUnderTest } from '../storage/support/storage-fixtures';
import { DataWorkspace } from './support/data-fixtures';

const HEAVY = 'SELECT sum(a.range * b.range) FROM range(1000000000) a CROSS JOIN range(1000000000) b';

describe('query engine capacity', () => {
  const ws = new DataWorkspace();
  afterAll(() => ws.dispose());

  it('runs at most maxConcurrent queries at once; the others wait, and their wait counts toward the timeout', async () => {
    const pool = new SandboxPool({ ...ws.pool.limits, threads: 1, maxConcurrent: 2, maxQueued: 10 });
    const engine = await QueryEngine.create({ pool, timeoutMs: 1_000 });
    let maxActive = 0;
    let maxWaiting = 0;
    const sampler = setInterval(() => {
      maxActive = Math.max(maxActive, pool.active);
      maxWaiting = Math.max(maxWaiting, pool.waiting);
    }, 10);
    const started = Date.now();
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => engine.query({ sql: HEAVY, datasets: [], limit: 1 }).catch((error: unknown) => error)),
    );
    clearInterval(sampler);
    expect(results.every((result) => result instanceof QueryTimeoutError)).toBe(true);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(maxActive).toBe(2);
    expect(maxWaiting).toBe(2);
    while (pool.active + pool.waiting > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await engine.close();
  });

  it('refuses a query with QueryEngineBusyError when the wait queue is full', async () => {
    const pool = new SandboxPool({ ...ws.pool.limits, threads: 1, maxConcurrent: 1, maxQueued: 1 });
    const engine = await QueryEngine.create({ pool, timeoutMs: 800 });
    const running = engine.query({ sql: HEAVY, datasets: [], limit: 1 }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const waiting = engine.query({ sql: HEAVY, datasets: [], limit: 1 }).catch((error: unknown) => error);
    await expect(engine.query({ sql: 'SELECT 1', datasets: [], limit: 1 })).rejects.toBeInstanceOf(QueryEngineBusyError);
    expect(await running).toBeInstanceOf(QueryTimeoutError);
    expect(await waiting).toBeInstanceOf(QueryTimeoutError);
    while (pool.active + pool.waiting > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await engine.close();
  });

  it('stops a query whose timeout fires while its sandbox is still being set up (opening, views, prepare)', async () => {
    const pool = new SandboxPool({ ...ws.pool.limits, threads: 1, maxConcurrent: 2 });
    // Deadlines from 1 to 40 ms land at every step before the query starts running.
    for (let timeoutMs = 1; timeoutMs <= 40; timeoutMs += 3) {
      const engine = await QueryEngine.create({ pool, timeoutMs });
      await expect(engine.query({ sql: HEAVY, datasets: [], limit: 1 })).rejects.toBeInstanceOf(QueryTimeoutError);
      await engine.close();
    }
    const drainedBy = Date.now() + 10_000;
    while (pool.active + pool.waiting > 0 && Date.now() < drainedBy) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pool.active + pool.waiting).toBe(0);
  });

  it('refuses a query over its memory limit as invalid_query instead of failing the server', async () => {
    const pool = new SandboxPool({ ...ws.pool.limits, memoryLimitBytes: 32 * 1024 * 1024, maxTempBytes: 1024 * 1024, maxConcurrent: 1 });
    const engine = await QueryEngine.create({ pool, timeoutMs: 20_000 });
    const error = await engine
      .query({ sql: 'SELECT list(range) FROM range(50000000)', datasets: [], limit: 1 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidQueryError);
    expect((error as Error).message).toMatch(/failed to allocate data of size .* MiB used\)/);
    await engine.close();
  });
});

describe('query engine over S3 storage', () => {
  it('reads a dataset stored in S3 through the local cache, and answers a storage outage with StorageUnavailableError', async () => {
    const subject = await s3StorageUnderTest();
    const ws = new DataWorkspace();
    const engine = await QueryEngine.create({ pool: ws.pool, timeoutMs: 10_000 });
    try {
      const staged = await subject.storage.stage(Readable.from([Buffer.from('city,n\nOslo,3\nLima,4\n')]), { maxBytes: 1024 });
      const inspection = await inspectDataset(ws.pool, staged.localPath, 'csv');
      const key = datasetVersionKey(1, 1, 1, 'csv');
      await staged.commit(key);
      const dataset: QueryableDataset = { name: 'cities', readSpec: inspection.readSpec, openFile: () => subject.storage.localFile(key) };
      const result = await engine.query({ sql: 'SELECT sum(n) AS total FROM cities', datasets: [dataset], limit: 1 });
      expect(result.rows).toEqual([[7]]);
      expect(path.dirname((await subject.storage.localFile(key)).path)).toBe(subject.cacheDir);

      // Another replica with a cold cache while S3 is down.
      const replica = await s3StorageUnderTest({ server: subject.s3 });
      await subject.s3!.stop();
      const cold: QueryableDataset = { ...dataset, openFile: () => replica.storage.localFile(key) };
      await expect(engine.query({ sql: 'SELECT * FROM cities', datasets: [cold], limit: 1 })).rejects.toBeInstanceOf(
        StorageUnavailableError,
      );
      // A query that names no dataset needs no storage.
      expect((await engine.query({ sql: 'SELECT 42 AS answer', datasets: [cold], limit: 1 })).rows).toEqual([[42]]);
      await replica.dispose();
    } finally {
      await engine.close();
      await subject.dispose();
      ws.dispose();
    }
  });
});
