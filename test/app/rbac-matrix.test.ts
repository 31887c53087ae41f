import { createChart } from '../../app/server/services/chart-service';
import { createCast, createProjectFixture, tokenOf, type Actor, type Cast, type ProjectFixture } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import { DIALECTS, createTestDatabase, type TestDatabase } from './support/test-databases';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Expected = Record<Actor, number>;

interface RouteCase {
  readonly method: Method;
  readonly route: string;
  /** Builds the concrete URL and body on fresh fixtures, so destructive calls do not interfere. */
  readonly request: (
    f: ProjectFixture,
    cast: Cast,
    t: TestApp,
  ) => Promise<{ url: string; body?: unknown }> | { url: string; body?: unknown };
  readonly expected: Expected;
}

// One status per caller, straight from DESIGN.md's access rules:
// admin everything; analyst owner manages; analyst editor changes contents; viewer member
// reads; non-member sees nothing (404, never 403); no token 401.
const read: Expected = { admin: 200, owner: 200, editor: 200, viewer: 200, outsider: 404, anonymous: 401 };
const change: Expected = { admin: 200, owner: 200, editor: 200, viewer: 403, outsider: 404, anonymous: 401 };
const create: Expected = { admin: 201, owner: 201, editor: 201, viewer: 403, outsider: 404, anonymous: 401 };
const remove: Expected = { admin: 204, owner: 204, editor: 204, viewer: 403, outsider: 404, anonymous: 401 };
const manage = (status: number): Expected => ({ admin: status, owner: status, editor: 403, viewer: 403, outsider: 404, anonymous: 401 });
const adminOnly = (status: number): Expected => ({ admin: status, owner: 403, editor: 403, viewer: 403, outsider: 403, anonymous: 401 });
const everyone = (status: number): Expected => ({
  admin: status,
  owner: status,
  editor: status,
  viewer: status,
  outsider: status,
  anonymous: 401,
});

/** A chart over a query that reads no dataset: valid in any project. */
const CHART_SPEC = { source: { sql: 'SELECT 42 AS answer' }, type: 'number', encoding: { y: ['answer'] } } as const;
const chartOf = async (f: ProjectFixture, c: Cast, t: TestApp) =>
  (await createChart(t.ctx, c.owner, f.projectId, { title: 'chart', ...CHART_SPEC, encoding: { y: ['answer'] } })).id;

const CASES: readonly RouteCase[] = [
  { method: 'GET', route: '/api/me', request: () => ({ url: '/api/me' }), expected: everyone(200) },
  { method: 'GET', route: '/api/users', request: () => ({ url: '/api/users' }), expected: adminOnly(200) },
  {
    method: 'POST',
    route: '/api/users',
    request: () => ({
      url: '/api/users',
      body: { email: `new-${Math.random()}@example.com`, password: 'long-enough-password', role: 'viewer' },
    }),
    expected: adminOnly(201),
  },
  {
    method: 'PATCH',
    route: '/api/users/:id',
    request: async (_f, _c, t) => ({ url: `/api/users/${(await t.createUser('viewer')).id}`, body: { role: 'analyst' } }),
    expected: adminOnly(200),
  },
  {
    method: 'DELETE',
    route: '/api/users/:id',
    request: async (_f, _c, t) => ({ url: `/api/users/${(await t.createUser('viewer')).id}` }),
    expected: adminOnly(204),
  },
  { method: 'GET', route: '/api/projects', request: () => ({ url: '/api/projects' }), expected: everyone(200) },
  {
    method: 'POST',
    route: '/api/projects',
    request: () => ({ url: '/api/projects', body: { name: 'new project' } }),
    expected: { admin: 201, owner: 201, editor: 201, viewer: 403, outsider: 201, anonymous: 401 },
  },
  { method: 'GET', route: '/api/projects/:id', request: (f) => ({ url: `/api/projects/${f.projectId}` }), expected: read },
  { method: 'GET', route: '/api/dashboard/summary', request: () => ({ url: '/api/dashboard/summary?days=7' }), expected: everyone(200) },
  {
    method: 'PATCH',
    route: '/api/projects/:id',
    request: (f) => ({ url: `/api/projects/${f.projectId}`, body: { name: 'renamed' } }),
    expected: change,
  },
  { method: 'DELETE', route: '/api/projects/:id', request: (f) => ({ url: `/api/projects/${f.projectId}` }), expected: manage(204) },
  {
    method: 'PUT',
    route: '/api/projects/:id/members/:userId',
    request: (f, c) => ({ url: `/api/projects/${f.projectId}/members/${c.outsider.id}`, body: { role: 'viewer' } }),
    expected: manage(201),
  },
  {
    method: 'DELETE',
    route: '/api/projects/:id/members/:userId',
    request: (f, c) => ({ url: `/api/projects/${f.projectId}/members/${c.viewer.id}` }),
    expected: manage(204),
  },
  { method: 'GET', route: '/api/projects/:id/tasks', request: (f) => ({ url: `/api/projects/${f.projectId}/tasks` }), expected: read },
  {
    method: 'POST',
    route: '/api/projects/:id/tasks',
    request: (f) => ({ url: `/api/projects/${f.projectId}/tasks`, body: { title: 'run it', kind: 'spark' } }),
    expected: create,
  },
  { method: 'GET', route: '/api/tasks/:id', request: (f) => ({ url: `/api/tasks/${f.taskId}` }), expected: read },
  {
    method: 'PATCH',
    route: '/api/tasks/:id',
    request: (f) => ({ url: `/api/tasks/${f.taskId}`, body: { status: 'running' } }),
    expected: change,
  },
  { method: 'DELETE', route: '/api/tasks/:id', request: (f) => ({ url: `/api/tasks/${f.taskId}` }), expected: remove },
  {
    method: 'GET',
    route: '/api/projects/:id/datasets',
    request: (f) => ({ url: `/api/projects/${f.projectId}/datasets` }),
    expected: read,
  },
  {
    method: 'POST',
    route: '/api/projects/:id/datasets',
    request: (f) => ({ url: `/api/projects/${f.projectId}/datasets`, body: { name: 'd', uri: 's3://b/k.parquet', format: 'parquet' } }),
    expected: create,
  },
  { method: 'GET', route: '/api/datasets/:id', request: (f) => ({ url: `/api/datasets/${f.datasetId}` }), expected: read },
  {
    method: 'PATCH',
    route: '/api/datasets/:id',
    request: (f) => ({ url: `/api/datasets/${f.datasetId}`, body: { sizeBytes: 42 } }),
    expected: change,
  },
  { method: 'DELETE', route: '/api/datasets/:id', request: (f) => ({ url: `/api/datasets/${f.datasetId}` }), expected: remove },
  { method: 'GET', route: '/api/projects/:id/charts', request: (f) => ({ url: `/api/projects/${f.projectId}/charts` }), expected: read },
  {
    method: 'POST',
    route: '/api/projects/:id/charts',
    request: (f) => ({ url: `/api/projects/${f.projectId}/charts`, body: { title: 'c', ...CHART_SPEC } }),
    expected: create,
  },
  {
    method: 'POST',
    route: '/api/projects/:id/charts/preview',
    request: (f) => ({ url: `/api/projects/${f.projectId}/charts/preview`, body: CHART_SPEC }),
    expected: read,
  },
  {
    method: 'PUT',
    route: '/api/projects/:id/dashboard',
    request: async (f, c, t) => ({ url: `/api/projects/${f.projectId}/dashboard`, body: { order: [await chartOf(f, c, t)] } }),
    expected: change,
  },
  {
    method: 'GET',
    route: '/api/charts/:id',
    request: async (f, c, t) => ({ url: `/api/charts/${await chartOf(f, c, t)}` }),
    expected: read,
  },
  {
    method: 'PATCH',
    route: '/api/charts/:id',
    request: async (f, c, t) => ({ url: `/api/charts/${await chartOf(f, c, t)}`, body: { width: 4 } }),
    expected: change,
  },
  {
    method: 'DELETE',
    route: '/api/charts/:id',
    request: async (f, c, t) => ({ url: `/api/charts/${await chartOf(f, c, t)}` }),
    expected: remove,
  },
  {
    method: 'GET',
    route: '/api/charts/:id/data',
    request: async (f, c, t) => ({ url: `/api/charts/${await chartOf(f, c, t)}/data` }),
    expected: read,
  },
];

/** DESIGN.md's HTTP contract, route by route. */
const CONTRACT_ROUTES = [
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'POST /api/auth/logout',
  'GET /api/me',
  'GET /api/users',
  'POST /api/users',
  'PATCH /api/users/:id',
  'DELETE /api/users/:id',
  'GET /api/projects',
  'POST /api/projects',
  'GET /api/projects/:id',
  'PATCH /api/projects/:id',
  'DELETE /api/projects/:id',
  'PUT /api/projects/:id/members/:userId',
  'DELETE /api/projects/:id/members/:userId',
  'GET /api/projects/:id/tasks',
  'POST /api/projects/:id/tasks',
  'GET /api/tasks/:id',
  'PATCH /api/tasks/:id',
  'DELETE /api/tasks/:id',
  'GET /api/projects/:id/datasets',
  'POST /api/projects/:id/datasets',
  'GET /api/datasets/:id',
  'PATCH /api/datasets/:id',
  'DELETE /api/datasets/:id',
  'POST /api/projects/:id/charts',
  'GET /api/projects/:id/charts',
  'GET /api/charts/:id',
  'PATCH /api/charts/:id',
  'DELETE /api/charts/:id',
  'PUT /api/projects/:id/dashboard',
  'GET /api/charts/:id/data',
  'GET /api/ws',
  'GET /healthz',
  'GET /readyz',
];
/** Reached without an access token, or (WebSocket) covered in realtime.test.ts. */
const PUBLIC_ROUTES = new Set([
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'POST /api/auth/logout',
  'GET /healthz',
  'GET /readyz',
  'GET /api/ws',
]);

const ROWS = CASES.flatMap((c) => (Object.keys(c.expected) as Actor[]).map((actor) => ({ ...c, actor, status: c.expected[actor] })));

describe.each(DIALECTS)('RBAC matrix on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = await startTestApp({ database });
    cast = await createCast(t);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('covers every route of the HTTP contract, and the app serves them all', () => {
    const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const served = new Set(
      Object.entries(spec.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`)),
    );
    const covered = new Set(CASES.map((c) => `${c.method} ${c.route}`));
    expect(CONTRACT_ROUTES.filter((r) => !served.has(r))).toEqual([]);
    expect(CONTRACT_ROUTES.filter((r) => !covered.has(r) && !PUBLIC_ROUTES.has(r))).toEqual([]);
  });

  it.each(ROWS)('$method $route as $actor answers $status', async ({ method, request, actor, status }) => {
    const fixture = await createProjectFixture(t, cast);
    const { url, body } = await request(fixture, cast, t);
    const response = await t.request({
      method,
      url,
      token: tokenOf(cast, actor),
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    expect({ status: response.statusCode, body: response.statusCode >= 400 ? response.json() : 'ok' }).toMatchObject({
      status,
      body: status >= 400 ? { error: { code: expect.any(String), message: expect.any(String) } } : 'ok',
    });
  });

  it('a non-member cannot tell an invisible project from a missing one', async () => {
    const fixture = await createProjectFixture(t, cast);
    const invisible = await t.request({ method: 'GET', url: `/api/projects/${fixture.projectId}`, token: cast.outsider.token });
    const missing = await t.request({ method: 'GET', url: '/api/projects/2147483000', token: cast.outsider.token });
    expect(invisible.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(invisible.json().error.code).toBe(missing.json().error.code);
  });

  it('lists only the projects a user may see', async () => {
    const visible = await createProjectFixture(t, cast, 'visible to members');
    const list = async (token: string) => {
      const ids: number[] = [];
      let cursor: string | null = null;
      do {
        const response = await t.request({ method: 'GET', url: `/api/projects?limit=100${cursor ? `&cursor=${cursor}` : ''}`, token });
        ids.push(...response.json().items.map((p: { id: number }) => p.id));
        cursor = response.json().nextCursor;
      } while (cursor);
      return ids;
    };
    expect(await list(cast.viewer.token)).toContain(visible.projectId);
    expect(await list(cast.outsider.token)).not.toContain(visible.projectId);
    expect(await list(cast.admin.token)).toContain(visible.projectId);
  });
});
