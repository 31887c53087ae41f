import { createCast, createProjectFixture, type Cast } from './support/fixtures';
import { OwnRedis } from './support/own-redis';
import { USER_PASSWORD, startTestApp, type TestApp } from './support/test-app';
import { DIALECTS, createTestDatabase, type TestDatabase } from './support/test-databases';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds; ioredis reconnects with a back-off of at most 2 s. */
async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/**
 * Two replicas share a redis-server of this test's own, which is stopped and started again
 * under them (it keeps its data, as a restarted or failed-over Redis does).
 */
describe.each(DIALECTS)('Redis stopped and restarted under two running replicas on %s', (dialect) => {
  let database: TestDatabase;
  let redis: OwnRedis;
  let a: TestApp;
  let b: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    redis = await OwnRedis.start();
    const shared = { redisUrl: redis.url, redisKeyPrefix: `datavis-test:outage-${dialect}:` };
    // A long principal cache, so only the change messages (or their loss) explain what a replica knows.
    const config = { authCacheSeconds: 300, loginMaxFailures: 2 };
    a = await startTestApp({ database, ...shared, config });
    b = await startTestApp({ database, ...shared, config });
    cast = await createCast(a);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.close();
    await database?.drop();
  });

  /** Runs `during` with Redis stopped, and starts it again whatever happens. */
  async function withRedisStopped(during: () => Promise<void>): Promise<void> {
    await redis.stop();
    try {
      await during();
    } finally {
      await redis.resume();
    }
  }

  const nameVia = async (replica: TestApp, projectId: number) => {
    const response = await replica.request({ method: 'GET', url: `/api/projects/${projectId}`, token: cast.owner.token });
    expect(response.statusCode).toBe(200);
    return response.json().name as string;
  };
  const renameBehindTheBack = (projectId: number, name: string) =>
    a.ctx.db.updateTable('projects').set({ name }).where('id', '=', projectId).execute();

  it('reads fall back to the database and writes still succeed while Redis is down', async () => {
    const { projectId } = await createProjectFixture(a, cast, 'read through');
    await withRedisStopped(async () => {
      for (const replica of [a, b]) {
        expect(await nameVia(replica, projectId)).toBe('read through');
        const list = await replica.request({ method: 'GET', url: '/api/projects?limit=5', token: cast.owner.token });
        expect(list.json().items.map((p: { id: number }) => p.id)).toContain(projectId);
        const summary = await replica.request({ method: 'GET', url: '/api/dashboard/summary', token: cast.owner.token });
        expect(summary.statusCode).toBe(200);
      }
      const write = await a.request({
        method: 'PATCH',
        url: `/api/projects/${projectId}`,
        token: cast.owner.token,
        payload: { name: 'written' },
      });
      expect(write.statusCode).toBe(200);
      expect(await nameVia(b, projectId)).toBe('written');
    });
  });

  it('once both replicas notice Redis is gone, a write whose invalidation failed is read back by both, never an older cached answer, and caching resumes after', async () => {
    const { projectId } = await createProjectFixture(a, cast, 'before');
    // Both replicas hold the project in the cache: a change behind the app's back is not seen.
    await eventually('both replicas serve the project from the cache', async () => {
      // Through the API, so whatever an earlier try cached is dropped.
      await a.request({ method: 'PATCH', url: `/api/projects/${projectId}`, token: cast.owner.token, payload: { name: 'before' } });
      for (const replica of [a, b]) await nameVia(replica, projectId);
      await renameBehindTheBack(projectId, 'hidden by the cache');
      return (await nameVia(a, projectId)) === 'before' && (await nameVia(b, projectId)) === 'before';
    });

    await withRedisStopped(async () => {
      // A replica stops using its caches once it notices Redis is gone (its connection closes)
      // and then reads the database, which holds the change made behind the cache's back.
      // Before that moment a write elsewhere could reach it only as a message, which is lost:
      // that window is what READ_CACHE_MEMORY_SECONDS bounds (docs/web-app.md, Read cache).
      for (const replica of [a, b]) {
        await eventually(
          'the replica noticed Redis is gone and reads the database',
          async () => (await nameVia(replica, projectId)) === 'hidden by the cache',
        );
      }
      const write = await a.request({
        method: 'PATCH',
        url: `/api/projects/${projectId}`,
        token: cast.owner.token,
        payload: { name: 'after' },
      });
      expect(write.statusCode).toBe(200);
      for (const replica of [a, b]) expect(await nameVia(replica, projectId)).toBe('after');
    });

    // Redis is back with the entries from before the write: neither replica may serve them,
    // during the reconnection or after it.
    const until = Date.now() + 6000;
    while (Date.now() < until) {
      for (const replica of [a, b]) expect(await nameVia(replica, projectId)).toBe('after');
      await sleep(50);
    }
    // Recovered: the cache answers again (it still says "after" when the row says otherwise).
    await renameBehindTheBack(projectId, 'changed behind the back');
    for (const replica of [a, b]) {
      await eventually('the replica serves from the cache again', async () => (await nameVia(replica, projectId)) === 'after');
    }
  });

  it('keeps logins working and limited per replica while Redis is down, and shares the counts again when it is back', async () => {
    const login = (replica: TestApp, email: string, password: string) =>
      replica.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: '10.9.9.9' });
    const target = await a.createUser('analyst');
    const bystander = await a.createUser('viewer');

    await withRedisStopped(async () => {
      expect((await login(a, bystander.email, USER_PASSWORD)).statusCode).toBe(200);
      expect((await login(a, target.email, 'wrong-password')).statusCode).toBe(401);
      expect((await login(a, target.email, 'wrong-password')).statusCode).toBe(401);
      expect((await login(a, target.email, USER_PASSWORD)).statusCode).toBe(429);
      // Each replica counts what it sees: the other one has its own allowance.
      expect((await login(b, target.email, 'wrong-password')).statusCode).toBe(401);
      expect((await login(b, target.email, 'wrong-password')).statusCode).toBe(401);
      expect((await login(b, target.email, USER_PASSWORD)).statusCode).toBe(429);
    });

    // A block counted in memory during the outage lasts its window.
    expect((await login(a, target.email, USER_PASSWORD)).statusCode).toBe(429);
    // Back in Redis: failures on one replica block logins on the other.
    await eventually('failed logins are shared through Redis again', async () => {
      const probe = await a.createUser('viewer');
      await login(a, probe.email, 'wrong-password');
      await login(a, probe.email, 'wrong-password');
      return (await login(b, probe.email, USER_PASSWORD)).statusCode === 429;
    });
  });

  it('forgets every cached user when the subscriber reconnects, since change messages were lost meanwhile', async () => {
    const user = await a.createUser('analyst');
    const me = (replica: TestApp) => replica.request({ method: 'GET', url: '/api/me', token: user.token });
    expect((await me(b)).statusCode).toBe(200);

    await withRedisStopped(async () => {
      const disable = await a.request({
        method: 'PATCH',
        url: `/api/users/${user.id}`,
        token: cast.admin.token,
        payload: { disabled: true },
      });
      expect(disable.statusCode).toBe(200);
      expect((await me(a)).statusCode).toBe(401);
      // The message to the other replica was lost: it still trusts its cached copy.
      expect((await me(b)).statusCode).toBe(200);
    });

    await eventually('the other replica refuses the disabled user', async () => (await me(b)).statusCode === 401);
  });
});
