import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import { memoryChartDataCache, redisChartDataCache, type ChartDataKey } from '../../../app/server/services/chart-data-cache';
import { OwnRedis } from '../support/own-redis';
import { TEST_REDIS_URL } from '../support/test-databases';

const silentLog = { warn: () => undefined, error: () => undefined } as unknown as FastifyBaseLogger;
const key = (id: string, ...datasetIds: number[]): ChartDataKey => ({ id, datasetIds });
const body = (text: string) => Buffer.from(text, 'utf8');

/** A computation that counts its calls and answers `text`. */
function counted(text: string) {
  const compute = Object.assign(
    async () => {
      compute.calls += 1;
      return body(text);
    },
    { calls: 0 },
  );
  return compute;
}

describe('chart data cache in memory', () => {
  it('computes a key once, also for concurrent requests, and serves the same bytes after', async () => {
    const cache = memoryChartDataCache();
    const compute = counted('a');
    const answers = await Promise.all([1, 2, 3].map(() => cache.wrap(key('k', 1), compute)));
    expect(answers.map(String)).toEqual(['a', 'a', 'a']);
    expect(String(await cache.wrap(key('k', 1), compute))).toBe('a');
    expect(compute.calls).toBe(1);
  });

  it('forgetting a dataset drops the entries computed from it and keeps the others', async () => {
    const cache = memoryChartDataCache();
    await cache.wrap(key('of-1', 1), counted('one'));
    await cache.wrap(key('of-1-and-2', 1, 2), counted('both'));
    await cache.wrap(key('of-3', 3), counted('three'));
    cache.forgetDataset(1);
    const again = { one: counted('one'), both: counted('both'), three: counted('three') };
    await cache.wrap(key('of-1', 1), again.one);
    await cache.wrap(key('of-1-and-2', 1, 2), again.both);
    await cache.wrap(key('of-3', 3), again.three);
    expect([again.one.calls, again.both.calls, again.three.calls]).toEqual([1, 1, 0]);
  });

  it('keeps at most its byte budget, dropping the least recently used entry first', async () => {
    const cache = memoryChartDataCache(10);
    await cache.wrap(key('a'), counted('aaaa'));
    await cache.wrap(key('b'), counted('bbbb'));
    await cache.wrap(key('a'), counted('unused')); // a is now the most recently used
    await cache.wrap(key('c'), counted('cccc')); // 12 bytes would not fit: b goes
    const [a, b, c] = [counted('aaaa'), counted('bbbb'), counted('cccc')];
    await cache.wrap(key('a'), a);
    await cache.wrap(key('c'), c);
    await cache.wrap(key('b'), b);
    expect([a.calls, b.calls, c.calls]).toEqual([0, 1, 0]);
  });

  it('does not keep a computation that started before its dataset was forgotten', async () => {
    const cache = memoryChartDataCache();
    let finish: (b: Buffer) => void = () => undefined;
    const slow = cache.wrap(key('k', 1), () => new Promise<Buffer>((resolve) => (finish = resolve)));
    cache.forgetDataset(1);
    finish(body('old'));
    expect(String(await slow)).toBe('old');
    const fresh = counted('new');
    expect(String(await cache.wrap(key('k', 1), fresh))).toBe('new');
    expect(fresh.calls).toBe(1);
  });
});

describe('chart data cache in Redis', () => {
  const prefix = `datavis-test:chart-cache-${randomBytes(4).toString('hex')}:`;
  let redisA: Redis;
  let redisB: Redis;

  beforeAll(() => {
    redisA = new Redis(TEST_REDIS_URL);
    redisB = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    const keys = await redisA.keys(`${prefix}*`);
    if (keys.length > 0) await redisA.del(...keys);
    redisA.disconnect();
    redisB.disconnect();
  });

  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  it('shares what one replica computed with another, and a new version drops it for both', async () => {
    const a = redisChartDataCache(redisA, prefix, silentLog);
    const b = redisChartDataCache(redisB, prefix, silentLog);
    await a.wrap(key('shared', 7), counted('computed by a'));
    await settle(); // the write leaves without being awaited
    const onB = counted('computed by b');
    expect(String(await b.wrap(key('shared', 7), onB))).toBe('computed by a');
    expect(onB.calls).toBe(0);

    await a.dropDataset(7);
    b.forgetDataset(7); // what the dataset event does on every replica
    expect(await redisA.exists(`${prefix}chart-data:shared`, `${prefix}chart-data:dataset:7`)).toBe(0);
    const after = counted('recomputed');
    expect(String(await b.wrap(key('shared', 7), after))).toBe('recomputed');
    expect(after.calls).toBe(1);
  });

  it('computes the data while Redis is down, and caches again once it is back', async () => {
    const own = await OwnRedis.start();
    const client = new Redis(own.url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 500 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const cache = redisChartDataCache(client, prefix, silentLog);
      await own.stop();
      const down = counted('while down');
      expect(String(await cache.wrap(key('outage', 1), down))).toBe('while down');
      await expect(cache.dropDataset(1)).resolves.toBeUndefined();
      await own.resume();
      for (let i = 0; i < 100 && client.status !== 'ready'; i += 1) await settle();
      const up = redisChartDataCache(client, prefix, silentLog);
      await up.wrap(key('after', 1), counted('after'));
      await settle();
      expect(String(await client.getBuffer(`${prefix}chart-data:after`))).toBe('after');
    } finally {
      client.disconnect();
      await own.close();
    }
  });
});
