import { loadConfig } from '../../app/server/config';
import { parseTrustProxy } from '../../app/server/trust-proxy';
import { USER_PASSWORD, startTestApp, type TestApp, type TestUser } from './support/test-app';
import { DIALECTS, createTestDatabase, type TestDatabase } from './support/test-databases';

/** The VPC the load balancer connects from, as the WebAppChart passes it. */
const VPC_CIDR = '10.20.0.0/16';
const LOAD_BALANCER = '10.20.3.4';
/** Failed logins per account; a client address may fail four times as often. */
const MAX_FAILURES = 2;
const ADDRESS_LIMIT = MAX_FAILURES * 4;

describe('TRUST_PROXY settings', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['true', true],
    ['2', 2],
    [VPC_CIDR, [VPC_CIDR]],
    ['10.20.0.0/16, 10.30.0.0/16,192.168.1.7', ['10.20.0.0/16', '10.30.0.0/16', '192.168.1.7']],
    ['fd00::/8,::1', ['fd00::/8', '::1']],
  ])('%j is %j', (raw, expected) => {
    expect(parseTrustProxy(raw)).toEqual(expected);
    expect(loadConfig({ TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it.each(['yes', '0', '11', '10.0.0.0/33', '10.0.0/16', 'alb.internal', '10.20.0.0/16,', '10.1'])('refuses %j at start-up', (raw) => {
    expect(() => loadConfig({ TRUST_PROXY: raw })).toThrow(/TRUST_PROXY=".*" is invalid: .*expected true, false, a hop count/);
  });
});

describe.each(DIALECTS)('behind the load balancer (TRUST_PROXY = the VPC CIDR) on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = await startTestApp({ database, env: { TRUST_PROXY: VPC_CIDR }, config: { loginMaxFailures: MAX_FAILURES } });
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  /** A login as it reaches the app: from `peer`, with the headers the load balancer adds. */
  const login = (email: string, password: string, peer: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: peer, headers });

  /** Fails logins on distinct unknown accounts, so only the address limit can block. */
  const spray = async (count: number, peer: string, forwardedFor: (i: number) => string | undefined) => {
    for (let i = 0; i < count; i += 1) {
      const forwarded = forwardedFor(i);
      const response = await login(`spray-${peer}-${i}-${Math.random()}@example.com`, 'wrong-password', peer, {
        ...(forwarded ? { 'x-forwarded-for': forwarded } : {}),
      });
      expect(response.statusCode).toBe(401);
    }
  };

  it("throttles per forwarded client: one client's failures do not lock out another behind the same load balancer", async () => {
    const victim: TestUser = await t.createUser('analyst');
    await spray(ADDRESS_LIMIT, LOAD_BALANCER, () => '203.0.113.7');
    const attacker = await login('another@example.com', 'wrong-password', LOAD_BALANCER, { 'x-forwarded-for': '203.0.113.7' });
    expect(attacker.statusCode).toBe(429);
    const other = await login(victim.email, USER_PASSWORD, LOAD_BALANCER, { 'x-forwarded-for': '198.51.100.9' });
    expect(other.statusCode).toBe(200);
  });

  it('a client cannot escape the throttle by sending its own X-Forwarded-For through the load balancer', async () => {
    await spray(ADDRESS_LIMIT, LOAD_BALANCER, () => '203.0.113.8');
    // The load balancer appends the address it saw to whatever the client sent.
    const forged = await login('x@example.com', 'wrong-password', LOAD_BALANCER, { 'x-forwarded-for': '192.0.2.1, 203.0.113.8' });
    expect(forged.statusCode).toBe(429);
  });

  it('ignores X-Forwarded-For from a peer outside the VPC: its own address is throttled', async () => {
    const direct = '203.0.113.50';
    await spray(ADDRESS_LIMIT, direct, (i) => `192.0.2.${i + 10}`);
    const next = await login('y@example.com', 'wrong-password', direct, { 'x-forwarded-for': '192.0.2.200' });
    expect(next.statusCode).toBe(429);
  });

  const refreshCookie = (response: { headers: Record<string, unknown> }) => {
    const all = response.headers['set-cookie'];
    return (Array.isArray(all) ? all : [all]).map(String).find((c) => c.startsWith('datavis_refresh=')) ?? '';
  };

  it('marks the refresh cookie Secure when the request reached the load balancer over https (X-Forwarded-Proto)', async () => {
    const user = await t.createUser('viewer');
    const viaHttps = await login(user.email, USER_PASSWORD, LOAD_BALANCER, {
      'x-forwarded-for': '198.51.100.20',
      'x-forwarded-proto': 'https',
    });
    expect(viaHttps.statusCode).toBe(200);
    expect(refreshCookie(viaHttps)).toMatch(/; Secure/);
    // The rotated cookie of a refresh through the same path is Secure too.
    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: {},
      cookies: { datavis_refresh: viaHttps.json().refreshToken },
      remoteAddress: LOAD_BALANCER,
      headers: { 'x-forwarded-for': '198.51.100.20', 'x-forwarded-proto': 'https' },
    });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshCookie(refreshed)).toMatch(/; Secure/);
  });

  it('leaves the cookie without Secure over plain http: locally, and when the load balancer says http', async () => {
    const user = await t.createUser('viewer');
    const local = await login(user.email, USER_PASSWORD, '127.0.0.1');
    expect(refreshCookie(local)).toMatch(/^datavis_refresh=[^;]+;/);
    expect(refreshCookie(local)).not.toMatch(/Secure/);
    const viaHttp = await login(user.email, USER_PASSWORD, LOAD_BALANCER, {
      'x-forwarded-for': '198.51.100.21',
      'x-forwarded-proto': 'http',
    });
    expect(refreshCookie(viaHttp)).not.toMatch(/Secure/);
  });

  it('ignores X-Forwarded-Proto from a peer outside the VPC', async () => {
    const user = await t.createUser('viewer');
    const forged = await login(user.email, USER_PASSWORD, '203.0.113.60', { 'x-forwarded-proto': 'https' });
    expect(forged.statusCode).toBe(200);
    expect(refreshCookie(forged)).not.toMatch(/Secure/);
  });
});

describe('TRUST_PROXY as a hop count', () => {
  let database: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    t = await startTestApp({ database, env: { TRUST_PROXY: '1' }, config: { loginMaxFailures: MAX_FAILURES } });
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('takes the client from the nearest hop: the last X-Forwarded-For entry', async () => {
    const login = (forwardedFor: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: `hop-${Math.random()}@example.com`, password: 'wrong-password' },
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': forwardedFor },
      });
    for (let i = 0; i < ADDRESS_LIMIT; i += 1) expect((await login(`192.0.2.${i}, 203.0.113.9`)).statusCode).toBe(401);
    expect((await login('192.0.2.99, 203.0.113.9')).statusCode).toBe(429);
    expect((await login('203.0.113.9, 198.51.100.30')).statusCode).toBe(401);
  });
});
