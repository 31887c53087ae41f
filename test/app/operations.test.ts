import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { buildApp } from '../../app/server/app';
import { DEFAULT_PASSWORD_HASHING, loadConfig, resolveJwtSecret } from '../../app/server/config';
import { helmetHeaders } from '../../app/server/plugins/security-headers';
import { createPasswordHasher } from '../../app/server/services/password-hasher';
import { createCast, createProjectFixture, type Cast } from './support/fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TEST_JWT_SECRET, startTestApp, type TestApp } from './support/test-app';
import { DIALECTS, TEST_REDIS_URL, createTestDatabase, type TestDatabase } from './support/test-databases';
import { connectEvents } from './support/ws-client';

describe.each(DIALECTS)('operations on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = await startTestApp({ database });
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('answers /healthz and /readyz without a token', async () => {
    expect((await t.request({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.request({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
  });

  it('sends security headers, a request id, and no CORS headers', async () => {
    const response = await t.request({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'https://evil.example', 'x-request-id': 'abc-123' },
    });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['x-request-id']).toBe('abc-123');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends every header helmet sets, on answers and on errors alike', async () => {
    const expected = helmetHeaders();
    expect(Object.keys(expected)).toEqual(
      expect.arrayContaining(['strict-transport-security', 'cross-origin-opener-policy', 'referrer-policy']),
    );
    for (const request of [{ url: '/healthz' }, { url: '/api/me' }, { url: '/api/nope' }]) {
      const response = await t.request({ method: 'GET', ...request });
      expect(response.headers).toMatchObject(expected);
    }
  });

  it('serves an OpenAPI 3.1 document with every route of the contract', async () => {
    const response = await t.request({ method: 'GET', url: '/api/openapi.json' });
    const spec = response.json();
    expect(spec.openapi).toBe('3.1.0');
    const routes = Object.entries(spec.paths as Record<string, object>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login',
        'POST /api/auth/refresh',
        'POST /api/auth/logout',
        'GET /api/me',
        'GET /api/users',
        'POST /api/users',
        'PATCH /api/users/{id}',
        'DELETE /api/users/{id}',
        'GET /api/projects',
        'POST /api/projects',
        'GET /api/projects/{id}',
        'PATCH /api/projects/{id}',
        'DELETE /api/projects/{id}',
        'PUT /api/projects/{id}/members/{userId}',
        'DELETE /api/projects/{id}/members/{userId}',
        'GET /api/projects/{id}/tasks',
        'POST /api/projects/{id}/tasks',
        'GET /api/tasks/{id}',
        'PATCH /api/tasks/{id}',
        'DELETE /api/tasks/{id}',
        'GET /api/projects/{id}/datasets',
        'POST /api/projects/{id}/datasets',
        'GET /api/datasets/{id}',
        'PATCH /api/datasets/{id}',
        'DELETE /api/datasets/{id}',
        'GET /api/ws',
        'GET /healthz',
        'GET /readyz',
      ]),
    );
    expect(spec.components.securitySchemes.refreshCookie).toMatchObject({ in: 'cookie', name: 'datavis_refresh' });
    const createProject = spec.paths['/api/projects'].post.requestBody.content['application/json'].schema;
    expect(createProject.additionalProperties).toBe(false);
    expect(spec.paths['/api/projects'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['limit', 'cursor', 'q']),
    );
  });

  it('keeps the first admin when started again and does not create another', async () => {
    const again = await buildApp({
      config: t.config,
      logger: false,
      onFirstAdmin: () => {
        throw new Error('must not run');
      },
    });
    await again.close();
    const admins = await t.ctx.db.selectFrom('users').select('email').where('role', '=', 'admin').execute();
    expect(admins.map((a) => a.email)).toEqual([ADMIN_EMAIL]);
  });
});

describe('start-up settings', () => {
  it('requires JWT_SECRET in production, with a clear message', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required when NODE_ENV=production/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET is too short/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty" is invalid/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x' })).toThrow(/not supported/);
    expect(() => loadConfig({ ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD is too short/);
  });

  it('defaults to port 3000 and an SQLite file under ./data, resolved against the working directory', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBe(`sqlite:${path.resolve('data', 'datavis.sqlite')}`);
    expect(config.passwordHashing).toEqual({ cost: 65536, blockSize: 8, parallelization: 1 });
  });

  it('generates a JWT secret once and keeps it in the data dir (mode 0600)', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'datavis-secret-'));
    try {
      const config = loadConfig({ DATA_DIR: dataDir });
      const first = resolveJwtSecret(config);
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(resolveJwtSecret(config)).toBe(first);
      expect(fs.statSync(path.join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('generates the first admin password when none is given, and it logs in', async () => {
    const database = await createTestDatabase('sqlite');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'datavis-first-'));
    let generated: string | undefined;
    const config = {
      ...loadConfig({ DATABASE_URL: database.url, DATA_DIR: dataDir }),
      passwordHashing: { cost: 1024, blockSize: 8, parallelization: 1 },
    };
    const app = await buildApp({
      config,
      logger: false,
      onFirstAdmin: (r) => {
        generated = r.generatedPassword;
      },
    });
    try {
      expect(generated).toMatch(/^[A-Za-z0-9_-]{24}$/);
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'admin@localhost', password: generated },
      });
      expect(login.statusCode).toBe(200);
      expect(fs.existsSync(path.join(dataDir, 'jwt-secret'))).toBe(true);
    } finally {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    }
  });

  it('hashes passwords with scrypt at the documented production parameters', async () => {
    const hasher = createPasswordHasher(DEFAULT_PASSWORD_HASHING);
    const stored = await hasher.hash('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$65536\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(await hasher.verify('correct horse battery staple', stored)).toBe(true);
    expect(await hasher.verify('correct horse battery stapl', stored)).toBe(false);
    expect(await hasher.hash('correct horse battery staple')).not.toBe(stored);
  });
});

describe('logging', () => {
  it('writes JSON lines with request ids and never a password or token', async () => {
    const database = await createTestDatabase('sqlite');
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'datavis-log-'));
    const config = {
      ...loadConfig({ DATABASE_URL: database.url, DATA_DIR: dataDir, JWT_SECRET: TEST_JWT_SECRET, ADMIN_EMAIL, ADMIN_PASSWORD }),
      passwordHashing: { cost: 1024, blockSize: 8, parallelization: 1 },
    };
    const { loggerOptions } = await import('../../app/server/logger');
    const app = await buildApp({ config, logger: { ...(loggerOptions('info') as object), stream }, onFirstAdmin: () => undefined });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
      const { accessToken, refreshToken } = login.json();
      await app.inject({ method: 'GET', url: `/api/ws?token=${accessToken}`, headers: { authorization: `Bearer ${accessToken}` } });
      await app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });
      const text = lines.join('');
      expect(lines.length).toBeGreaterThan(3);
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
      expect(lines.some((l) => JSON.parse(l).reqId)).toBe(true);
      for (const secret of [ADMIN_PASSWORD, accessToken, refreshToken]) expect(text).not.toContain(secret);
    } finally {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    }
  });
});

describe.each(DIALECTS)('Redis read cache on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = await startTestApp({ database, redisUrl: TEST_REDIS_URL });
    cast = await createCast(t);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('serves cached reads, drops them on every write, and never crosses users', async () => {
    const { projectId } = await createProjectFixture(t, cast, 'cached');
    const get = (token: string) => t.request({ method: 'GET', url: `/api/projects/${projectId}`, token });
    expect((await get(cast.owner.token)).json().name).toBe('cached');
    // A change behind the app's back is not seen: the read came from the cache.
    await t.ctx.db.updateTable('projects').set({ name: 'changed behind the back' }).where('id', '=', projectId).execute();
    expect((await get(cast.owner.token)).json().name).toBe('cached');
    // Another user's view is computed for them: the outsider still gets 404.
    expect((await get(cast.outsider.token)).statusCode).toBe(404);
    // Any write through the API invalidates.
    await t.request({ method: 'PATCH', url: `/api/projects/${projectId}`, token: cast.editor.token, payload: { description: 'edited' } });
    expect((await get(cast.owner.token)).json()).toMatchObject({ name: 'changed behind the back', description: 'edited' });
    // Membership changes are writes too: a removed member loses access at once.
    expect((await get(cast.viewer.token)).statusCode).toBe(200);
    await t.request({ method: 'DELETE', url: `/api/projects/${projectId}/members/${cast.viewer.id}`, token: cast.owner.token });
    expect((await get(cast.viewer.token)).statusCode).toBe(404);
  });

  it('answers a hit with the same bytes and headers as the miss that filled it', async () => {
    const { projectId } = await createProjectFixture(t, cast, 'same bytes 🚀');
    for (const url of [
      '/api/projects?limit=5',
      `/api/projects/${projectId}`,
      `/api/projects/${projectId}/tasks`,
      '/api/dashboard/summary?days=3',
    ]) {
      const miss = await t.request({ method: 'GET', url, token: cast.editor.token });
      const hit = await t.request({ method: 'GET', url, token: cast.editor.token });
      expect(miss.statusCode).toBe(200);
      expect(hit.rawPayload.equals(miss.rawPayload)).toBe(true);
      expect(hit.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(miss.headers['content-type']).toBe('application/json; charset=utf-8');
    }
    // The cached text came from the response schema's serializer: no field outside the schema.
    expect(
      Object.keys((await t.request({ method: 'GET', url: `/api/projects/${projectId}`, token: cast.editor.token })).json()).sort(),
    ).toEqual(['createdAt', 'description', 'id', 'members', 'name', 'ownerId', 'updatedAt']);
  });
});

describe('graceful shutdown', () => {
  it('closes WebSockets with 1001 and stops cleanly', async () => {
    const database = await createTestDatabase('sqlite');
    const t = await startTestApp({ database });
    try {
      const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const cast = await createCast(t);
      const client = await connectEvents(url, cast.owner.token);
      const closed = new Promise<number>((resolve) => client.socket.once('close', (code) => resolve(code)));
      await t.close();
      expect(await closed).toBe(1001);
    } finally {
      await database.drop();
    }
  });
});
