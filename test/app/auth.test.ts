import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TEST_JWT_SECRET, USER_PASSWORD, startTestApp, type TestApp } from './support/test-app';
import { DIALECTS, TEST_REDIS_URL, createTestDatabase, type TestDatabase } from './support/test-databases';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const key = (secret: string) => new TextEncoder().encode(secret);

function cookieValue(setCookie: string | string[] | undefined, name: string): string | undefined {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const match = all.map((c) => new RegExp(`^${name}=([^;]*)`).exec(c)).find(Boolean);
  return match?.[1];
}

describe.each(DIALECTS)('authentication on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = await startTestApp({ database, config: { loginMaxFailures: 3 } });
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  const login = (email: string, password: string, remoteAddress = '10.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });

  it('logs the first admin in and the token works on /api/me', async () => {
    const response = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { email: ADMIN_EMAIL, role: 'admin' } });
    const me = await t.request({ method: 'GET', url: '/api/me', token: body.accessToken });
    expect(me.json()).toEqual({ id: body.user.id, email: ADMIN_EMAIL, role: 'admin' });
    const cookie = response.headers['set-cookie'] as string;
    expect(cookie).toMatch(/datavis_refresh=[^;]+; Max-Age=\d+; Path=\/api\/auth; HttpOnly; SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/); // plain http in tests
  });

  it('answers the same 401 for a wrong password and for an unknown account', async () => {
    const wrong = await login(ADMIN_EMAIL, 'not-the-password', '10.1.0.1');
    const unknown = await login('nobody@example.com', 'whatever-password', '10.1.0.2');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('spends one password hash on an unknown account, as on a known one with a wrong password', async () => {
    const user = await t.createUser('viewer');
    const verify = jest.spyOn(t.ctx.passwords, 'verify');
    const dummy = jest.spyOn(t.ctx.passwords, 'verifyAgainstDummy');
    try {
      await login('ghost@example.com', 'wrong-password-xyz', '10.2.0.1');
      expect(dummy).toHaveBeenCalledTimes(1);
      await login(user.email, 'wrong-password-xyz', '10.2.0.2');
      expect(verify).toHaveBeenCalled();
      expect(dummy).toHaveBeenCalledTimes(1);
    } finally {
      verify.mockRestore();
      dummy.mockRestore();
    }
  });

  it('rejects malformed login bodies with 400', async () => {
    for (const payload of [{ email: 'a@b.c' }, { email: 1, password: 'x' }, { email: 'a@b.c', password: 'x', extra: true }]) {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
      expect(response.statusCode).toBe(400);
    }
  });

  it('throttles repeated failures with 429 and Retry-After, even for the right password', async () => {
    const user = await t.createUser('analyst');
    for (let i = 0; i < 3; i += 1) expect((await login(user.email, 'wrong-password!', '10.3.0.1')).statusCode).toBe(401);
    const blocked = await login(user.email, USER_PASSWORD, '10.3.0.2');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('too_many_attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('throttles one client address across many accounts', async () => {
    const address = '10.4.0.1';
    for (let i = 0; i < 12; i += 1) await login(`spray-${i}@example.com`, 'password-guess', address);
    expect((await login(`spray-x@example.com`, 'password-guess', address)).statusCode).toBe(429);
  });

  it('rotates refresh tokens and treats reuse of a rotated token as theft', async () => {
    const user = await t.createUser('analyst');
    const first = (await login(user.email, USER_PASSWORD, '10.5.0.1')).json();
    const rotated = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: first.refreshToken } });
    expect(rotated.statusCode).toBe(200);
    const second = rotated.json();
    expect(second.refreshToken).not.toBe(first.refreshToken);

    const reuse = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: first.refreshToken } });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().error.code).toBe('refresh_token_reused');
    // The whole family is revoked: the newer token no longer works either.
    const afterReuse = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: second.refreshToken } });
    expect(afterReuse.statusCode).toBe(401);
  });

  it('lets only one of two concurrent refreshes with the same token win', async () => {
    const user = await t.createUser('analyst');
    const pair = (await login(user.email, USER_PASSWORD, '10.6.0.1')).json();
    const results = await Promise.all(
      [0, 1].map(() => t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: pair.refreshToken } })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });

  it('stores refresh tokens only as sha256 hashes', async () => {
    const user = await t.createUser('viewer');
    const pair = (await login(user.email, USER_PASSWORD, '10.7.0.1')).json();
    const rows = await t.ctx.db.selectFrom('refresh_tokens').select('token_hash').where('user_id', '=', user.id).execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(pair.refreshToken);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('logout revokes the refresh token (204), and the token is refused afterwards', async () => {
    const user = await t.createUser('viewer');
    const pair = (await login(user.email, USER_PASSWORD, '10.8.0.1')).json();
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', payload: { refreshToken: pair.refreshToken } });
    expect(out.statusCode).toBe(204);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: pair.refreshToken } });
    expect(again.statusCode).toBe(401);
  });

  it('refreshes and logs out with the HttpOnly cookie when the body has no token', async () => {
    const user = await t.createUser('viewer');
    const loginResponse = await login(user.email, USER_PASSWORD, '10.9.0.1');
    const cookie = cookieValue(loginResponse.headers['set-cookie'], 'datavis_refresh');
    expect(cookie).toBe(loginResponse.json().refreshToken);
    const refreshed = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: {}, cookies: { datavis_refresh: cookie! } });
    expect(refreshed.statusCode).toBe(200);
    const newCookie = cookieValue(refreshed.headers['set-cookie'], 'datavis_refresh');
    expect(newCookie).toBe(refreshed.json().refreshToken);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', payload: {}, cookies: { datavis_refresh: newCookie! } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/datavis_refresh=;.*Expires=Thu, 01 Jan 1970/);
  });

  it('answers 204 with no body to a refresh or logout that presents no token (no session, nothing to end)', async () => {
    for (const url of ['/api/auth/refresh', '/api/auth/logout']) {
      const none = await t.app.inject({ method: 'POST', url, payload: {} });
      expect(none.statusCode).toBe(204);
      expect(none.body).toBe('');
    }
  });

  it('clears a refresh cookie it refuses, so the browser stops sending it', async () => {
    const user = await t.createUser('viewer');
    const first = (await login(user.email, USER_PASSWORD, '10.9.1.1')).json();
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', payload: { refreshToken: first.refreshToken } });
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: {},
      cookies: { datavis_refresh: first.refreshToken },
    });
    expect(refused.statusCode).toBe(401);
    expect(String(refused.headers['set-cookie'])).toMatch(/datavis_refresh=; Max-Age=0; Path=\/api\/auth; Expires=Thu, 01 Jan 1970/);
  });

  it('ignores X-Forwarded-Proto without TRUST_PROXY: the cookie stays without Secure over plain http', async () => {
    const user = await t.createUser('viewer');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: USER_PASSWORD },
      remoteAddress: '10.10.0.1',
      headers: { 'x-forwarded-proto': 'https' },
    });
    // Without TRUST_PROXY the forwarded protocol is ignored; the app only trusts its own socket.
    expect(String(response.headers['set-cookie'])).not.toMatch(/Secure/);
  });

  describe('forged and broken access tokens answer 401', () => {
    const tokens: Array<[string, () => Promise<string>]> = [
      [
        'tampered payload',
        async () => {
          const real = await t.ctx.tokens.sign(1);
          const [header, , signature] = real.split('.');
          return `${header}.${b64({ sub: '2', iss: 'datavis-platform', aud: 'datavis-api', exp: 9999999999 })}.${signature}`;
        },
      ],
      ['tampered signature', async () => `${(await t.ctx.tokens.sign(1)).slice(0, -3)}AAA`],
      [
        'expired',
        async () =>
          new SignJWT({})
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject('1')
            .setIssuer('datavis-platform')
            .setAudience('datavis-api')
            .setIssuedAt(1_600_000_000)
            .setExpirationTime(1_600_000_900)
            .sign(key(TEST_JWT_SECRET)),
      ],
      [
        'alg=none',
        async () =>
          `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: '1', iss: 'datavis-platform', aud: 'datavis-api', exp: 9999999999 })}.`,
      ],
      [
        'wrong key',
        async () =>
          new SignJWT({})
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject('1')
            .setIssuer('datavis-platform')
            .setAudience('datavis-api')
            .setExpirationTime('1h')
            .sign(key('another-secret-another-secret-another')),
      ],
      [
        'HS512 with the right key',
        async () => {
          const header = b64({ alg: 'HS512', typ: 'JWT' });
          const payload = b64({ sub: '1', iss: 'datavis-platform', aud: 'datavis-api', exp: 9999999999 });
          const signature = createHmac('sha512', TEST_JWT_SECRET).update(`${header}.${payload}`).digest('base64url');
          return `${header}.${payload}.${signature}`;
        },
      ],
      [
        'wrong audience',
        async () =>
          new SignJWT({})
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject('1')
            .setIssuer('datavis-platform')
            .setAudience('someone-else')
            .setExpirationTime('1h')
            .sign(key(TEST_JWT_SECRET)),
      ],
      ['garbage', async () => 'not.a.jwt'],
    ];

    it.each(tokens)('%s', async (_name, make) => {
      const response = await t.request({ method: 'GET', url: '/api/me', token: await make() });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('unauthorized');
    });

    it('expired tokens say so', async () => {
      const expired = await tokens[2][1]();
      expect((await t.request({ method: 'GET', url: '/api/me', token: expired })).json().error.message).toMatch(/expired/);
    });
  });

  it('a disabled user is refused at once, even with an unexpired token, and cannot log in', async () => {
    const admin = (await login(ADMIN_EMAIL, ADMIN_PASSWORD, '10.11.0.1')).json();
    const user = await t.createUser('analyst');
    const disable = await t.request({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      token: admin.accessToken,
      payload: { disabled: true },
    });
    expect(disable.json()).toMatchObject({ disabled: true });
    expect((await t.request({ method: 'GET', url: '/api/me', token: user.token })).statusCode).toBe(401);
    expect((await login(user.email, USER_PASSWORD, '10.11.0.2')).statusCode).toBe(401);
  });
});

describe('login throttling shared through Redis', () => {
  let database: TestDatabase;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const prefix = `datavis-test:throttle-${Date.now()}:`;
    apps.push(await startTestApp({ database, redisUrl: TEST_REDIS_URL, redisKeyPrefix: prefix, config: { loginMaxFailures: 2 } }));
    apps.push(await startTestApp({ database, redisUrl: TEST_REDIS_URL, redisKeyPrefix: prefix, config: { loginMaxFailures: 2 } }));
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await database?.drop();
  });

  it('counts failures on one replica against logins on another', async () => {
    const user = await apps[0].createUser('viewer');
    for (const app of apps) {
      await app.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: 'wrong-password' } });
    }
    const response = await apps[1].app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: USER_PASSWORD },
    });
    expect(response.statusCode).toBe(429);
  });
});
