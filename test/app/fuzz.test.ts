import fc from 'fast-check';
import { createCast, createProjectFixture, type Cast, type ProjectFixture } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import { DIALECTS, createTestDatabase, type TestDatabase } from './support/test-databases';

/** Runs per write route and database; ~13 routes x 2 databases x RUNS requests in all. */
const RUNS = 150;

interface WriteRoute {
  readonly method: 'POST' | 'PATCH' | 'PUT';
  readonly route: string;
  readonly url: (f: ProjectFixture, cast: Cast) => string;
  /** Field names the route knows, so random bodies often get past the first check. */
  readonly fields: readonly string[];
}

const WRITE_ROUTES: readonly WriteRoute[] = [
  { method: 'POST', route: '/api/auth/login', url: () => '/api/auth/login', fields: ['email', 'password'] },
  { method: 'POST', route: '/api/auth/refresh', url: () => '/api/auth/refresh', fields: ['refreshToken'] },
  { method: 'POST', route: '/api/auth/logout', url: () => '/api/auth/logout', fields: ['refreshToken'] },
  { method: 'POST', route: '/api/users', url: () => '/api/users', fields: ['email', 'password', 'role'] },
  { method: 'PATCH', route: '/api/users/:id', url: (_f, c) => `/api/users/${c.outsider.id}`, fields: ['role', 'disabled'] },
  { method: 'POST', route: '/api/projects', url: () => '/api/projects', fields: ['name', 'description'] },
  { method: 'PATCH', route: '/api/projects/:id', url: (f) => `/api/projects/${f.projectId}`, fields: ['name', 'description'] },
  {
    method: 'PUT',
    route: '/api/projects/:id/members/:id',
    url: (f, c) => `/api/projects/${f.projectId}/members/${c.outsider.id}`,
    fields: ['role'],
  },
  {
    method: 'POST',
    route: '/api/projects/:id/tasks',
    url: (f) => `/api/projects/${f.projectId}/tasks`,
    fields: ['title', 'kind', 'status', 'notebook', 'parameters', 'schedule'],
  },
  {
    method: 'PATCH',
    route: '/api/tasks/:id',
    url: (f) => `/api/tasks/${f.taskId}`,
    fields: ['title', 'kind', 'status', 'notebook', 'parameters', 'schedule'],
  },
  {
    method: 'POST',
    route: '/api/projects/:id/datasets',
    url: (f) => `/api/projects/${f.projectId}/datasets`,
    fields: ['name', 'uri', 'format', 'sizeBytes'],
  },
  {
    method: 'PATCH',
    route: '/api/datasets/:id',
    url: (f) => `/api/datasets/${f.datasetId}`,
    fields: ['name', 'uri', 'format', 'sizeBytes'],
  },
];

const ENUM_WORDS = [
  'admin',
  'analyst',
  'viewer',
  'editor',
  'notebook',
  'spark',
  'manual',
  'pending',
  'running',
  'failed',
  'csv',
  'parquet',
  'delta',
  'json',
];

function value(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.constantFrom(...ENUM_WORDS, 's3://bucket/key', 'a/b.ipynb', '0 3 * * *', "'; drop table users; --", '', ' '),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  );
}

function body(fields: readonly string[]): fc.Arbitrary<unknown> {
  const known = fc.dictionary(fc.constantFrom(...fields), value(), { maxKeys: fields.length });
  const withExtra = fc.tuple(known, fc.dictionary(fc.string({ maxLength: 10 }), value(), { maxKeys: 2 })).map(([a, b]) => ({ ...b, ...a }));
  return fc.oneof(
    { arbitrary: known, weight: 4 },
    { arbitrary: withExtra, weight: 1 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
  );
}

/** Every row the API can write, to prove a rejected request changed nothing. */
async function snapshot(t: TestApp): Promise<string> {
  const db = t.ctx.db;
  const [users, projects, members, tasks, datasets] = await Promise.all([
    db.selectFrom('users').select(['id', 'email', 'role', 'disabled_at']).orderBy('id').execute(),
    db.selectFrom('projects').selectAll().orderBy('id').execute(),
    db.selectFrom('project_members').selectAll().orderBy('project_id').orderBy('user_id').execute(),
    db.selectFrom('tasks').selectAll().orderBy('id').execute(),
    db.selectFrom('datasets').selectAll().orderBy('id').execute(),
  ]);
  return JSON.stringify({ users, projects, members, tasks, datasets });
}

describe.each(DIALECTS)('fuzzing every write route on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  let cast: Cast;
  let fixture: ProjectFixture;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = await startTestApp({ database });
    cast = await createCast(t);
    fixture = await createProjectFixture(t, cast);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it.each(WRITE_ROUTES.map((r) => [r.method, r.route, r] as const))('%s %s: never a 5xx, never a partial write', async (_m, _u, route) => {
    await fc.assert(
      fc.asyncProperty(body(route.fields), async (payload) => {
        const before = await snapshot(t);
        const response = await t.request({
          method: route.method,
          url: route.url(fixture, cast),
          token: cast.admin.token,
          payload: JSON.stringify(payload),
          headers: { 'content-type': 'application/json' },
        });
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) {
          expect(response.json()).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
          expect(await snapshot(t)).toBe(before);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
