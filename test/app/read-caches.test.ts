import { memoryReadCache } from '../../app/server/services/memory-read-cache';
import { createCast, createProjectFixture, type Cast } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import { DIALECTS, TEST_REDIS_URL, createTestDatabase, type TestDatabase } from './support/test-databases';
import { connectEvents } from './support/ws-client';

const identity = (body: string) => body;
const read = (scope: string, load: () => Promise<string>) => ({ scope, load });

describe('memory read cache', () => {
  it('serves a read from memory until its TTL ends', async () => {
    let clock = 0;
    const cache = memoryReadCache({ ttlMs: 5000, maxBytes: 1 << 20, now: () => clock });
    const load = jest.fn(async () => 'v1');
    expect(await cache.wrap(read('u1:p', load), identity)).toBe('v1');
    clock = 4999;
    expect(await cache.wrap(read('u1:p', load), identity)).toBe('v1');
    expect(load).toHaveBeenCalledTimes(1);
    clock = 5000;
    await cache.wrap(read('u1:p', load), identity);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('drops everything on invalidate, and does not keep a load that raced with it', async () => {
    const cache = memoryReadCache({ ttlMs: 60_000, maxBytes: 1 << 20 });
    await cache.wrap(
      read('u1:p', async () => 'old'),
      identity,
    );
    await cache.invalidate();
    expect(
      await cache.wrap(
        read('u1:p', async () => 'new'),
        identity,
      ),
    ).toBe('new');

    let finish: (v: string) => void = () => undefined;
    const racing = cache.wrap(
      read('u2:p', () => new Promise<string>((resolve) => (finish = resolve))),
      identity,
    );
    cache.clear();
    finish('read before the write');
    expect(await racing).toBe('read before the write');
    expect(
      await cache.wrap(
        read('u2:p', async () => 'read after the write'),
        identity,
      ),
    ).toBe('read after the write');
  });

  it('shares one load between concurrent misses of the same key', async () => {
    const cache = memoryReadCache({ ttlMs: 60_000, maxBytes: 1 << 20 });
    const load = jest.fn(async () => 'once');
    expect(await Promise.all([1, 2, 3].map(() => cache.wrap(read('u1:list', load), identity)))).toEqual(['once', 'once', 'once']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps at most maxBytes, dropping the oldest entries first', async () => {
    // A string of n characters counts 2n bytes (UTF-16 in memory).
    const cache = memoryReadCache({ ttlMs: 60_000, maxBytes: 40 });
    for (const key of ['a', 'b', 'c'])
      await cache.wrap(
        read(key, async () => key.repeat(10)),
        identity,
      );
    const load = jest.fn(async (key: string) => key.repeat(10));
    await cache.wrap(
      read('c', () => load('c')),
      identity,
    );
    await cache.wrap(
      read('b', () => load('b')),
      identity,
    );
    expect(load).not.toHaveBeenCalled();
    await cache.wrap(
      read('a', () => load('a')),
      identity,
    );
    expect(load.mock.calls).toEqual([['a']]);
  });

  it('with a TTL of 0 reads every time', async () => {
    const cache = memoryReadCache({ ttlMs: 0, maxBytes: 1 << 20 });
    const load = jest.fn(async () => 'v');
    await cache.wrap(read('k', load), identity);
    await cache.wrap(read('k', load), identity);
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe.each(DIALECTS)('reads kept in memory on %s', (dialect) => {
  let database: TestDatabase;
  let cast: Cast;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    apps.push(await startTestApp({ database }));
    cast = await createCast(apps[0]);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await database?.drop();
  });

  const nameVia = async (t: TestApp, projectId: number, token = cast.owner.token) => {
    const response = await t.request({ method: 'GET', url: `/api/projects/${projectId}`, token });
    return response.statusCode === 200 ? (response.json().name as string) : response.statusCode;
  };
  const renameBehindTheBack = (t: TestApp, projectId: number, name: string) =>
    t.ctx.db.updateTable('projects').set({ name }).where('id', '=', projectId).execute();

  it('without Redis: serves repeated reads from memory, drops them on every write, and never crosses users', async () => {
    const [t] = apps;
    const { projectId } = await createProjectFixture(t, cast, 'kept');
    expect(await nameVia(t, projectId)).toBe('kept');
    await renameBehindTheBack(t, projectId, 'changed behind the back');
    expect(await nameVia(t, projectId)).toBe('kept');
    // Each user's view is their own: the outsider's is computed for them.
    expect(await nameVia(t, projectId, cast.outsider.token)).toBe(404);
    const write = await t.request({
      method: 'PATCH',
      url: `/api/projects/${projectId}`,
      token: cast.editor.token,
      payload: { description: 'x' },
    });
    expect(write.statusCode).toBe(200);
    expect(await nameVia(t, projectId)).toBe('changed behind the back');
    // A membership change is a write too: the removed viewer loses access at once.
    expect(await nameVia(t, projectId, cast.viewer.token)).toBe('changed behind the back');
    await t.request({ method: 'DELETE', url: `/api/projects/${projectId}/members/${cast.viewer.id}`, token: cast.owner.token });
    expect(await nameVia(t, projectId, cast.viewer.token)).toBe(404);
  });

  it('picks up a change made outside the API once READ_CACHE_MEMORY_SECONDS have passed, and not with 0', async () => {
    const short = await startTestApp({ database, config: { readCacheMemorySeconds: 1 } });
    const off = await startTestApp({ database, config: { readCacheMemorySeconds: 0 } });
    apps.push(short, off);
    const { projectId } = await createProjectFixture(short, cast, 'first');
    expect(await nameVia(short, projectId)).toBe('first');
    expect(await nameVia(off, projectId)).toBe('first');
    await renameBehindTheBack(short, projectId, 'second');
    expect(await nameVia(off, projectId)).toBe('second');
    expect(await nameVia(short, projectId)).toBe('first');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await nameVia(short, projectId)).toBe('second');
  });

  describe('two replicas with Redis', () => {
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      const shared = { redisUrl: TEST_REDIS_URL, redisKeyPrefix: `datavis-test:memory-${dialect}-${Date.now()}:` };
      // A long memory TTL, so only the write's message can explain the other replica noticing.
      a = await startTestApp({ database, ...shared, config: { readCacheMemorySeconds: 300 } });
      b = await startTestApp({ database, ...shared, config: { readCacheMemorySeconds: 300 } });
      apps.push(a, b);
    });

    it('a client told of a write by the event reads the new data from the other replica at once', async () => {
      const { projectId } = await createProjectFixture(a, cast, 'old name');
      expect(await nameVia(b, projectId)).toBe('old name');
      expect(await nameVia(b, projectId)).toBe('old name');
      const url = await b.app.listen({ port: 0, host: '127.0.0.1' });
      const events = await connectEvents(url, cast.owner.token);
      try {
        const write = await a.request({
          method: 'PATCH',
          url: `/api/projects/${projectId}`,
          token: cast.owner.token,
          payload: { name: 'new name' },
        });
        expect(write.statusCode).toBe(200);
        await events.waitFor(
          (m) => m.type === 'project.updated' && m.projectId === projectId && (m.data as { name: string }).name === 'new name',
        );
        expect(await nameVia(b, projectId)).toBe('new name');
      } finally {
        await events.close();
      }
    });
  });
});
