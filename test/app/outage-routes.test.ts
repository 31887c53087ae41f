import { createCast, createProjectFixture, type Cast, type ProjectFixture } from './support/fixtures';
import { CuttableProxy } from './support/cuttable-proxy';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-databases';
import { connectEvents } from './support/ws-client';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface RouteCall {
  readonly family: string;
  readonly method: Method;
  readonly url: (f: ProjectFixture, cast: Cast) => string;
  readonly body?: (f: ProjectFixture, cast: Cast, refreshToken: string) => unknown;
  /** Who calls it; undefined for the unauthenticated auth routes. */
  readonly as?: 'admin' | 'owner';
  /** Answers without the database once the caller is known (the principal cache is warm). */
  readonly withoutDatabase?: boolean;
}

/** At least one call of every route family, each as a caller it would succeed for. */
const ROUTES: readonly RouteCall[] = [
  { family: 'auth', method: 'POST', url: () => '/api/auth/login', body: () => ({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }) },
  { family: 'auth', method: 'POST', url: () => '/api/auth/refresh', body: (_f, _c, refreshToken) => ({ refreshToken }) },
  { family: 'auth', method: 'POST', url: () => '/api/auth/logout', body: (_f, _c, refreshToken) => ({ refreshToken }) },
  { family: 'me', method: 'GET', url: () => '/api/me', as: 'owner', withoutDatabase: true },
  { family: 'users', method: 'GET', url: () => '/api/users', as: 'admin' },
  {
    family: 'users',
    method: 'POST',
    url: () => '/api/users',
    body: () => ({ email: 'new-during-outage@example.com', password: 'long-enough-password', role: 'viewer' }),
    as: 'admin',
  },
  { family: 'users', method: 'PATCH', url: (_f, c) => `/api/users/${c.outsider.id}`, body: () => ({ role: 'viewer' }), as: 'admin' },
  { family: 'users', method: 'DELETE', url: (_f, c) => `/api/users/${c.outsider.id}`, as: 'admin' },
  { family: 'projects', method: 'GET', url: () => '/api/projects', as: 'owner' },
  { family: 'projects', method: 'POST', url: () => '/api/projects', body: () => ({ name: 'during outage' }), as: 'owner' },
  { family: 'projects', method: 'GET', url: (f) => `/api/projects/${f.projectId}`, as: 'owner' },
  { family: 'projects', method: 'PATCH', url: (f) => `/api/projects/${f.projectId}`, body: () => ({ name: 'renamed' }), as: 'owner' },
  { family: 'projects', method: 'DELETE', url: (f) => `/api/projects/${f.projectId}`, as: 'owner' },
  {
    family: 'members',
    method: 'PUT',
    url: (f, c) => `/api/projects/${f.projectId}/members/${c.outsider.id}`,
    body: () => ({ role: 'viewer' }),
    as: 'owner',
  },
  { family: 'members', method: 'DELETE', url: (f, c) => `/api/projects/${f.projectId}/members/${c.viewer.id}`, as: 'owner' },
  { family: 'tasks', method: 'GET', url: (f) => `/api/projects/${f.projectId}/tasks`, as: 'owner' },
  {
    family: 'tasks',
    method: 'POST',
    url: (f) => `/api/projects/${f.projectId}/tasks`,
    body: () => ({ title: 't', kind: 'manual' }),
    as: 'owner',
  },
  { family: 'tasks', method: 'GET', url: (f) => `/api/tasks/${f.taskId}`, as: 'owner' },
  { family: 'tasks', method: 'PATCH', url: (f) => `/api/tasks/${f.taskId}`, body: () => ({ status: 'running' }), as: 'owner' },
  { family: 'tasks', method: 'DELETE', url: (f) => `/api/tasks/${f.taskId}`, as: 'owner' },
  { family: 'datasets', method: 'GET', url: (f) => `/api/projects/${f.projectId}/datasets`, as: 'owner' },
  {
    family: 'datasets',
    method: 'POST',
    url: (f) => `/api/projects/${f.projectId}/datasets`,
    body: () => ({ name: 'd', uri: 's3://b/k', format: 'csv' }),
    as: 'owner',
  },
  { family: 'datasets', method: 'GET', url: (f) => `/api/datasets/${f.datasetId}`, as: 'owner' },
  { family: 'datasets', method: 'PATCH', url: (f) => `/api/datasets/${f.datasetId}`, body: () => ({ name: 'e' }), as: 'owner' },
  { family: 'datasets', method: 'DELETE', url: (f) => `/api/datasets/${f.datasetId}`, as: 'owner' },
  { family: 'dashboard', method: 'GET', url: () => '/api/dashboard/summary', as: 'owner' },
  { family: 'platform', method: 'GET', url: () => '/api/platform/environments', as: 'admin', withoutDatabase: true },
  { family: 'platform', method: 'GET', url: () => '/api/platform/pipeline', as: 'admin', withoutDatabase: true },
  { family: 'platform', method: 'GET', url: () => '/api/platform/cluster', as: 'admin', withoutDatabase: true },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The embedded SQLite database has no network to lose; outages are a MySQL matter.
describe('a MySQL outage answers 503 on every route family', () => {
  let database: TestDatabase;
  let proxy: CuttableProxy;
  let t: TestApp;
  let cast: Cast;
  let fixture: ProjectFixture;
  let refreshToken: string;
  let baseUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase('mysql');
    proxy = new CuttableProxy({ host: database.host, port: database.port });
    // A long principal cache: with the caller known, each route's own queries meet the outage.
    t = await startTestApp({
      database: { ...database, url: await proxy.urlFor(database) },
      config: { dbPoolSize: 4, authCacheSeconds: 300 },
    });
    cast = await createCast(t);
    fixture = await createProjectFixture(t, cast);
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    refreshToken = (
      await t.request({ method: 'POST', url: '/api/auth/login', payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } })
    ).json().refreshToken;
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.close();
    await database?.drop();
  });

  const call = (route: RouteCall) =>
    t.request({
      method: route.method,
      url: route.url(fixture, cast),
      token: route.as ? cast[route.as].token : undefined,
      ...(route.body ? { payload: route.body(fixture, cast, refreshToken) as object } : {}),
    });

  const warmPrincipals = async () => {
    for (const who of ['admin', 'owner'] as const) {
      expect((await t.request({ method: 'GET', url: '/api/me', token: cast[who].token })).statusCode).toBe(200);
    }
  };

  const untilReady = async () => {
    const deadline = Date.now() + 15_000;
    while ((await t.request({ method: 'GET', url: '/readyz' })).statusCode !== 200) {
      if (Date.now() > deadline) throw new Error('the app did not recover within 15 s');
      await sleep(100);
    }
  };

  const expect503 = (response: { statusCode: number; body: string; headers: Record<string, unknown> }) => {
    expect({ status: response.statusCode, body: JSON.parse(response.body) }).toEqual({
      status: 503,
      body: { error: { code: 'database_unavailable', message: expect.any(String) } },
    });
    expect(response.headers['retry-after']).toBe('5');
  };

  it('with the callers known (principal cache warm): 503 wherever the database is needed, 200 where it is not', async () => {
    await warmPrincipals();
    proxy.cutAll();
    try {
      for (const route of ROUTES) {
        const response = await call(route);
        if (route.withoutDatabase) expect(response.statusCode).toBe(200);
        else expect503(response);
      }
      // The WebSocket needs the database only to authenticate, which the cache answers.
      const socket = await connectEvents(baseUrl, cast.owner.token);
      await socket.close();
    } finally {
      proxy.restore();
    }
    await untilReady();
  });

  it('with no caller known (principal cache cold): every authenticated route and the WebSocket upgrade answer 503', async () => {
    proxy.cutAll();
    t.ctx.principals.clear();
    try {
      for (const route of ROUTES) expect503(await call(route));
      await expect(connectEvents(baseUrl, cast.owner.token)).rejects.toMatchObject({ statusCode: 503 });
    } finally {
      proxy.restore();
    }
    await untilReady();
  });

  it.each([
    ['GET', 'tasks', 'taskId'],
    ['PATCH', 'tasks', 'taskId'],
    ['DELETE', 'tasks', 'taskId'],
    ['GET', 'datasets', 'datasetId'],
    ['PATCH', 'datasets', 'datasetId'],
    ['DELETE', 'datasets', 'datasetId'],
  ] as const)('%s /api/%s/:id answers 503, not 404, when the database fails after the row was found', async (method, resource, key) => {
    await warmPrincipals();
    const fresh = await createProjectFixture(t, cast, `mid-request ${method} ${resource}`);
    // The row is read, then the connection dies on the visibility query (project + membership).
    proxy.cutOnQuery(/left join `project_members` as `m`/);
    try {
      const body = method === 'PATCH' ? (resource === 'tasks' ? { status: 'running' } : { name: 'e' }) : undefined;
      expect503(
        await t.request({ method, url: `/api/${resource}/${fresh[key]}`, token: cast.owner.token, ...(body ? { payload: body } : {}) }),
      );
    } finally {
      proxy.restore();
    }
    await untilReady();
    // Recovered: the same row answers normally, and it was not changed or deleted.
    const after = await t.request({ method: 'GET', url: `/api/${resource}/${fresh[key]}`, token: cast.owner.token });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject(resource === 'tasks' ? { status: 'pending' } : { name: 'fixture data' });
  });

  it('every route family works again after the outage', async () => {
    await untilReady();
    for (const route of ROUTES.filter((r) => r.method === 'GET')) {
      expect((await call(route)).statusCode).toBe(200);
    }
  });
});
