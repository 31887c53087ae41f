import { jwtVerify } from 'jose';
import type { Principal } from '../../app/server/context';
import { createAccessTokens } from '../../app/server/services/access-tokens';
import { createPrincipalCache } from '../../app/server/services/principal-cache';
import { startTestApp, type TestApp } from './support/test-app';
import { DIALECTS, TEST_REDIS_URL, createTestDatabase, type TestDatabase } from './support/test-databases';

// jose's jwtVerify, counted: each call is a signature check that the token memory did not spare.
jest.mock('jose', () => {
  const actual = jest.requireActual<typeof import('jose')>('jose');
  return { ...actual, jwtVerify: jest.fn(actual.jwtVerify) };
});
const signatureChecks = jwtVerify as jest.MockedFunction<typeof jwtVerify>;

const SECRET = 'unit-test-secret-that-is-long-enough-42';
const alice: Principal = { id: 7, email: 'alice@example.com', role: 'analyst' };

describe('remembered access tokens', () => {
  beforeEach(() => signatureChecks.mockClear());

  it('checks a token once, then answers from memory until it expires, and never remembers a bad one', async () => {
    let clock = 1_700_000_000_000;
    const tokens = createAccessTokens(SECRET, 60, { now: () => clock });
    const token = await tokens.sign(42);
    expect(await tokens.verify(token)).toBe(42);
    expect(await tokens.verify(token)).toBe(42);
    clock += 59_999;
    expect(await tokens.verify(token)).toBe(42);
    expect(signatureChecks).toHaveBeenCalledTimes(1);
    clock += 1;
    await expect(tokens.verify(token)).rejects.toMatchObject({ statusCode: 401, message: expect.stringMatching(/expired/) });
    const forged = `${token.slice(0, -3)}AAA`;
    signatureChecks.mockClear();
    await expect(tokens.verify(forged)).rejects.toMatchObject({ statusCode: 401 });
    await expect(tokens.verify(forged)).rejects.toMatchObject({ statusCode: 401 });
    expect(signatureChecks).toHaveBeenCalledTimes(2);
  });

  it('remembers at most maxRemembered tokens: a new one pushes out the oldest, which is checked again', async () => {
    const clock = 1_700_000_000_000;
    const tokens = createAccessTokens(SECRET, 60, { now: () => clock, maxRemembered: 2 });
    const [first, second, third] = await Promise.all([1, 2, 3].map((id) => tokens.sign(id)));
    for (const token of [first, second, third]) await tokens.verify(token);
    expect(signatureChecks).toHaveBeenCalledTimes(3);
    // The second and third are remembered; the first was pushed out when the third came in.
    expect([await tokens.verify(second), await tokens.verify(third)]).toEqual([2, 3]);
    expect(signatureChecks).toHaveBeenCalledTimes(3);
    expect(await tokens.verify(first)).toBe(1);
    expect(signatureChecks).toHaveBeenCalledTimes(4);
    // Remembering the first again pushed out the second, now the oldest.
    expect(await tokens.verify(third)).toBe(3);
    expect(signatureChecks).toHaveBeenCalledTimes(4);
    expect(await tokens.verify(second)).toBe(2);
    expect(signatureChecks).toHaveBeenCalledTimes(5);
  });
});

describe('principal cache', () => {
  it('loads once per user and serves the copy until the TTL ends', async () => {
    let clock = 0;
    const cache = createPrincipalCache({ ttlMs: 5000, now: () => clock });
    const load = jest.fn(async () => alice);
    const [a, b] = await Promise.all([cache.get(7, load), cache.get(7, load)]);
    expect([a, b]).toEqual([alice, alice]);
    expect(load).toHaveBeenCalledTimes(1);
    clock = 4999;
    await cache.get(7, load);
    expect(load).toHaveBeenCalledTimes(1);
    clock = 5000;
    await cache.get(7, load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('never keeps a missing or disabled user, so re-enabling takes effect at once', async () => {
    const cache = createPrincipalCache({ ttlMs: 5000 });
    const gone = jest.fn(async () => undefined);
    expect(await cache.get(7, gone)).toBeUndefined();
    expect(await cache.get(7, async () => alice)).toEqual(alice);
    expect(gone).toHaveBeenCalledTimes(1);
  });

  it('forgets a user at once, and does not store a load that raced with the change', async () => {
    const cache = createPrincipalCache({ ttlMs: 60_000 });
    await cache.get(7, async () => alice);
    cache.forget(7);
    const demoted: Principal = { ...alice, role: 'viewer' };
    expect(await cache.get(7, async () => demoted)).toEqual(demoted);

    // A load that read the row before a change finishes after it: its answer is not kept.
    let finish: (p: Principal) => void = () => undefined;
    const slow = new Promise<Principal>((resolve) => (finish = resolve));
    cache.forget(7);
    const racing = cache.get(7, () => slow);
    cache.forget(7);
    finish(alice);
    expect(await racing).toEqual(alice);
    expect(await cache.get(7, async () => demoted)).toEqual(demoted);

    cache.clear();
    const reload = jest.fn(async () => demoted);
    await cache.get(7, reload);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('with a TTL of 0 reads every time', async () => {
    const cache = createPrincipalCache({ ttlMs: 0 });
    const load = jest.fn(async () => alice);
    await cache.get(7, load);
    await cache.get(7, load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('holds at most maxEntries users: loading another one drops the one loaded longest ago', async () => {
    const cache = createPrincipalCache({ ttlMs: 60_000, maxEntries: 2 });
    for (const id of [1, 2, 3]) await cache.get(id, async () => ({ ...alice, id }));
    const load = jest.fn(async (id: number) => ({ ...alice, id }));
    // 1 was dropped when 3 came in; 2 and 3 are held.
    await cache.get(3, () => load(3));
    await cache.get(2, () => load(2));
    expect(load).not.toHaveBeenCalled();
    await cache.get(1, () => load(1));
    expect(load.mock.calls).toEqual([[1]]);
    // Loading 1 again dropped 2, now the one loaded longest ago; 3 is still held.
    await cache.get(3, () => load(3));
    await cache.get(2, () => load(2));
    expect(load.mock.calls).toEqual([[1], [2]]);
  });
});

describe.each(DIALECTS)('role and status changes reach every replica on %s', (dialect) => {
  let database: TestDatabase;
  let replicaA: TestApp;
  let replicaB: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const redisKeyPrefix = `datavis-test:principals-${dialect}-${Date.now()}:`;
    // A long TTL, so only the change messages can explain a replica noticing.
    replicaA = await startTestApp({ database, redisUrl: TEST_REDIS_URL, redisKeyPrefix, config: { authCacheSeconds: 300 } });
    replicaB = await startTestApp({ database, redisUrl: TEST_REDIS_URL, redisKeyPrefix, config: { authCacheSeconds: 300 } });
  });
  afterAll(async () => {
    await replicaA?.close();
    await replicaB?.close();
    await database?.drop();
  });

  const eventually = async (check: () => Promise<boolean>) => {
    const deadline = Date.now() + 2000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('the other replica did not notice the change within 2 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('a disabled user is refused by the replica that disabled them at once, and by the other one as soon as the message arrives', async () => {
    const admin = await replicaA.createUser('admin');
    const user = await replicaA.createUser('analyst');
    for (const replica of [replicaA, replicaB])
      expect((await replica.request({ method: 'GET', url: '/api/me', token: user.token })).statusCode).toBe(200);
    await replicaA.request({ method: 'PATCH', url: `/api/users/${user.id}`, token: admin.token, payload: { disabled: true } });
    expect((await replicaA.request({ method: 'GET', url: '/api/me', token: user.token })).statusCode).toBe(401);
    await eventually(async () => (await replicaB.request({ method: 'GET', url: '/api/me', token: user.token })).statusCode === 401);
    // Enabled again: nothing negative was cached, so both accept the token at once.
    await replicaB.request({ method: 'PATCH', url: `/api/users/${user.id}`, token: admin.token, payload: { disabled: false } });
    for (const replica of [replicaA, replicaB])
      expect((await replica.request({ method: 'GET', url: '/api/me', token: user.token })).statusCode).toBe(200);
  });

  it('a role change applies on both replicas', async () => {
    const admin = await replicaA.createUser('admin');
    const user = await replicaA.createUser('analyst');
    for (const replica of [replicaA, replicaB])
      expect((await replica.request({ method: 'GET', url: '/api/me', token: user.token })).json().role).toBe('analyst');
    await replicaB.request({ method: 'PATCH', url: `/api/users/${user.id}`, token: admin.token, payload: { role: 'viewer' } });
    expect((await replicaB.request({ method: 'POST', url: '/api/projects', token: user.token, payload: { name: 'no' } })).statusCode).toBe(
      403,
    );
    await eventually(async () => (await replicaA.request({ method: 'GET', url: '/api/me', token: user.token })).json().role === 'viewer');
  });

  it('a change made outside the API is picked up once the cache entry expires', async () => {
    const short = await startTestApp({ database, config: { authCacheSeconds: 1 } });
    try {
      const user = await short.createUser('analyst');
      expect((await short.request({ method: 'GET', url: '/api/me', token: user.token })).statusCode).toBe(200);
      await short.ctx.db.updateTable('users').set({ role: 'viewer' }).where('id', '=', user.id).execute();
      await eventually(async () => (await short.request({ method: 'GET', url: '/api/me', token: user.token })).json().role === 'viewer');
    } finally {
      await short.close();
    }
  });
});
