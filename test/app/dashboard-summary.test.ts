import type { Principal } from '../../app/server/context';
import { createDataset } from '../../app/server/services/dataset-service';
import { putMember } from '../../app/server/services/project-member-service';
import { createProject } from '../../app/server/services/project-service';
import { createTask } from '../../app/server/services/task-service';
import { toDbTimestamp } from '../../app/server/time';
import type { CreateTaskBody } from '../../app/server/schemas/task.schema';
import { createCast, tokenOf, type Actor, type Cast } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import { DIALECTS, TEST_REDIS_URL, createTestDatabase, type TestDatabase } from './support/test-databases';

const DAY_MS = 24 * 60 * 60 * 1000;

/** UTC midnight of the day `daysAgo` days before today, plus `offsetMs`. */
function utcDay(daysAgo: number, offsetMs = 0): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - daysAgo * DAY_MS + offsetMs);
}
const dayText = (daysAgo: number) => utcDay(daysAgo).toISOString().slice(0, 10);
const NOON = 12 * 60 * 60 * 1000;

interface Counts {
  pending?: number;
  running?: number;
  succeeded?: number;
  failed?: number;
  cancelled?: number;
}
const statuses = (c: Counts) => ({ pending: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0, ...c });
const kinds = (c: { notebook?: number; spark?: number; manual?: number }) => ({ notebook: 0, spark: 0, manual: 0, ...c });
const formats = (c: Partial<Record<'csv' | 'parquet' | 'json' | 'delta', [number, number]>>) =>
  Object.fromEntries((['csv', 'parquet', 'json', 'delta'] as const).map((f) => [f, { count: c[f]?.[0] ?? 0, sizeBytes: c[f]?.[1] ?? 0 }]));

interface Summary {
  projects: number;
  tasks: { total: number; byStatus: Record<string, number>; byKind: Record<string, number> };
  datasets: { total: number; sizeBytes: number; byFormat: Record<string, { count: number; sizeBytes: number }> };
  tasksCreatedPerDay: Array<{ day: string; total: number; byStatus: Record<string, number> }>;
  generatedAt: string;
}

/** The days of a summary that had tasks created, as { 'YYYY-MM-DD': byStatus }. */
const busyDays = (s: Summary) => Object.fromEntries(s.tasksCreatedPerDay.filter((d) => d.total > 0).map((d) => [d.day, d.byStatus]));

async function addTask(t: TestApp, who: Principal, projectId: number, body: CreateTaskBody, createdAt: Date): Promise<number> {
  const task = await createTask(t.ctx, who, projectId, body);
  await t.ctx.db
    .updateTable('tasks')
    .set({ created_at: toDbTimestamp(createdAt) })
    .where('id', '=', task.id)
    .execute();
  return task.id;
}

describe.each(DIALECTS)('GET /api/dashboard/summary on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  let cast: Cast;

  const summary = async (token: string | undefined, query = ''): Promise<Summary> => {
    const response = await t.request({ method: 'GET', url: `/api/dashboard/summary${query}`, token });
    expect(response.statusCode).toBe(200);
    return response.json<Summary>();
  };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = await startTestApp({ database });
    cast = await createCast(t);
    const { owner, outsider, admin } = cast;

    // A: the owner's, with the editor and the viewer as members.
    const a = await createProject(t.ctx, owner, { name: 'A' });
    await putMember(t.ctx, owner, a.id, cast.editor.id, 'editor');
    await putMember(t.ctx, owner, a.id, cast.viewer.id, 'viewer');
    await addTask(t, owner, a.id, { title: 'a1', kind: 'notebook', notebook: 'a.ipynb' }, utcDay(0, NOON));
    await addTask(t, owner, a.id, { title: 'a2', kind: 'spark', status: 'running' }, utcDay(0, NOON));
    await addTask(t, owner, a.id, { title: 'a3', kind: 'spark', status: 'succeeded' }, utcDay(2, NOON));
    await addTask(t, owner, a.id, { title: 'a4', kind: 'manual', status: 'failed' }, utcDay(40, NOON));
    await createDataset(t.ctx, owner, a.id, { name: 'a-csv', uri: 's3://b/a.csv', format: 'csv', sizeBytes: 100 });
    await createDataset(t.ctx, owner, a.id, { name: 'a-pq1', uri: 's3://b/a1.parquet', format: 'parquet', sizeBytes: 1000 });
    await createDataset(t.ctx, owner, a.id, { name: 'a-pq2', uri: 's3://b/a2.parquet', format: 'parquet', sizeBytes: 24 });
    // B: the owner's alone.
    const b = await createProject(t.ctx, owner, { name: 'B' });
    await addTask(t, owner, b.id, { title: 'b1', kind: 'manual', status: 'cancelled' }, utcDay(1, NOON));
    await createDataset(t.ctx, owner, b.id, { name: 'b-json', uri: 's3://b/b.json', format: 'json', sizeBytes: 5 });
    // C: the outsider's own.
    const c = await createProject(t.ctx, outsider, { name: 'C' });
    await addTask(t, outsider, c.id, { title: 'c1', kind: 'spark' }, utcDay(0, NOON));
    await createDataset(t.ctx, outsider, c.id, { name: 'c-delta', uri: 's3://b/c', format: 'delta', sizeBytes: 7 });
    // D: the admin's, nobody else's.
    const d = await createProject(t.ctx, admin, { name: 'D' });
    await addTask(t, admin, d.id, { title: 'd1', kind: 'manual', status: 'succeeded' }, utcDay(0, NOON));
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  const expected: Record<
    Exclude<Actor, 'anonymous'>,
    Omit<Summary, 'tasksCreatedPerDay' | 'generatedAt'> & { days: Record<string, unknown> }
  > = {
    admin: {
      projects: 4,
      tasks: {
        total: 7,
        byStatus: statuses({ pending: 2, running: 1, succeeded: 2, failed: 1, cancelled: 1 }),
        byKind: kinds({ notebook: 1, spark: 3, manual: 3 }),
      },
      datasets: { total: 5, sizeBytes: 1136, byFormat: formats({ csv: [1, 100], parquet: [2, 1024], json: [1, 5], delta: [1, 7] }) },
      days: {
        [dayText(0)]: statuses({ pending: 2, running: 1, succeeded: 1 }),
        [dayText(1)]: statuses({ cancelled: 1 }),
        [dayText(2)]: statuses({ succeeded: 1 }),
      },
    },
    owner: {
      projects: 2,
      tasks: {
        total: 5,
        byStatus: statuses({ pending: 1, running: 1, succeeded: 1, failed: 1, cancelled: 1 }),
        byKind: kinds({ notebook: 1, spark: 2, manual: 2 }),
      },
      datasets: { total: 4, sizeBytes: 1129, byFormat: formats({ csv: [1, 100], parquet: [2, 1024], json: [1, 5] }) },
      days: {
        [dayText(0)]: statuses({ pending: 1, running: 1 }),
        [dayText(1)]: statuses({ cancelled: 1 }),
        [dayText(2)]: statuses({ succeeded: 1 }),
      },
    },
    editor: {
      projects: 1,
      tasks: {
        total: 4,
        byStatus: statuses({ pending: 1, running: 1, succeeded: 1, failed: 1 }),
        byKind: kinds({ notebook: 1, spark: 2, manual: 1 }),
      },
      datasets: { total: 3, sizeBytes: 1124, byFormat: formats({ csv: [1, 100], parquet: [2, 1024] }) },
      days: { [dayText(0)]: statuses({ pending: 1, running: 1 }), [dayText(2)]: statuses({ succeeded: 1 }) },
    },
    viewer: {
      projects: 1,
      tasks: {
        total: 4,
        byStatus: statuses({ pending: 1, running: 1, succeeded: 1, failed: 1 }),
        byKind: kinds({ notebook: 1, spark: 2, manual: 1 }),
      },
      datasets: { total: 3, sizeBytes: 1124, byFormat: formats({ csv: [1, 100], parquet: [2, 1024] }) },
      days: { [dayText(0)]: statuses({ pending: 1, running: 1 }), [dayText(2)]: statuses({ succeeded: 1 }) },
    },
    outsider: {
      projects: 1,
      tasks: { total: 1, byStatus: statuses({ pending: 1 }), byKind: kinds({ spark: 1 }) },
      datasets: { total: 1, sizeBytes: 7, byFormat: formats({ delta: [1, 7] }) },
      days: { [dayText(0)]: statuses({ pending: 1 }) },
    },
  };

  it.each(Object.keys(expected) as Array<keyof typeof expected>)('counts exactly what %s may see', async (actor) => {
    const s = await summary(tokenOf(cast, actor));
    const { days, ...totals } = expected[actor];
    expect(s).toMatchObject(totals);
    expect(busyDays(s)).toEqual(days);
    // 30 UTC days by default, oldest first, ending today; the 40-day-old task is outside.
    expect(s.tasksCreatedPerDay.map((d) => d.day)).toEqual(Array.from({ length: 30 }, (_, i) => dayText(29 - i)));
    for (const d of s.tasksCreatedPerDay) expect(d.total).toBe(Object.values(d.byStatus).reduce((x, y) => x + y, 0));
    expect(Date.parse(s.generatedAt)).not.toBeNaN();
  });

  it('answers 401 without a valid token', async () => {
    for (const token of [undefined, 'not-a-token']) {
      const response = await t.request({ method: 'GET', url: '/api/dashboard/summary', token });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('unauthorized');
    }
  });

  it('gives a user without projects zeros for every day', async () => {
    const lonely = await t.createUser('viewer');
    const s = await summary(lonely.token, '?days=7');
    expect(s).toMatchObject({
      projects: 0,
      tasks: { total: 0, byStatus: statuses({}), byKind: kinds({}) },
      datasets: { total: 0, sizeBytes: 0, byFormat: formats({}) },
    });
    expect(s.tasksCreatedPerDay).toHaveLength(7);
    expect(s.tasksCreatedPerDay.every((d) => d.total === 0)).toBe(true);
  });

  it('covers `days` UTC days, today included, from the first one’s midnight', async () => {
    const analyst = await t.createUser('analyst');
    const p = await createProject(t.ctx, analyst, { name: 'window' });
    await addTask(t, analyst, p.id, { title: 'first instant', kind: 'manual' }, utcDay(2));
    await addTask(t, analyst, p.id, { title: 'last instant before', kind: 'manual' }, utcDay(2, -1));
    await addTask(t, analyst, p.id, { title: 'late today', kind: 'manual', status: 'failed' }, utcDay(0, DAY_MS - 1));
    const s = await summary(analyst.token, '?days=3');
    expect(s.tasksCreatedPerDay.map((d) => [d.day, d.total])).toEqual([
      [dayText(2), 1],
      [dayText(1), 0],
      [dayText(0), 1],
    ]);
    expect(s.tasks.total).toBe(3);
    const one = await summary(analyst.token, '?days=1');
    expect(one.tasksCreatedPerDay).toEqual([{ day: dayText(0), total: 1, byStatus: statuses({ failed: 1 }) }]);
    expect((await summary(analyst.token, '?days=365')).tasksCreatedPerDay).toHaveLength(365);
  });

  it('follows writes: status changes, deletions and membership', async () => {
    const analyst = await t.createUser('analyst');
    const member = await t.createUser('viewer');
    const p = await createProject(t.ctx, analyst, { name: 'moving' });
    const taskId = await addTask(t, analyst, p.id, { title: 'moves', kind: 'spark' }, new Date());
    expect((await summary(analyst.token)).tasks.byStatus).toEqual(statuses({ pending: 1 }));
    await t.request({ method: 'PATCH', url: `/api/tasks/${taskId}`, token: analyst.token, payload: { status: 'failed' } });
    const after = await summary(analyst.token);
    expect(after.tasks.byStatus).toEqual(statuses({ failed: 1 }));
    expect(busyDays(after)).toEqual({ [dayText(0)]: statuses({ failed: 1 }) });

    expect((await summary(member.token)).projects).toBe(0);
    await t.request({
      method: 'PUT',
      url: `/api/projects/${p.id}/members/${member.id}`,
      token: analyst.token,
      payload: { role: 'viewer' },
    });
    expect(await summary(member.token)).toMatchObject({ projects: 1, tasks: { total: 1 } });
    await t.request({ method: 'DELETE', url: `/api/tasks/${taskId}`, token: analyst.token });
    expect(await summary(member.token)).toMatchObject({ projects: 1, tasks: { total: 0 } });
  });

  it.each([
    ['days=0', /querystring\/days must be >= 1/],
    ['days=366', /querystring\/days must be <= 365/],
    ['days=-3', /querystring\/days must be >= 1/],
    ['days=ten', /querystring\/days must be integer/],
    ['days=1.5', /querystring\/days must be integer/],
    ['days=', /querystring\/days/],
  ])('?%s answers 400 naming the field', async (query, message) => {
    const response = await t.request({ method: 'GET', url: `/api/dashboard/summary?${query}`, token: cast.owner.token });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({ code: 'validation_failed', message: expect.stringMatching(message) });
  });

  it('is documented in /api/openapi.json', async () => {
    const spec = (await t.request({ method: 'GET', url: '/api/openapi.json' })).json();
    const operation = spec.paths['/api/dashboard/summary'].get;
    expect(operation.parameters).toEqual([
      expect.objectContaining({ name: 'days', in: 'query', schema: expect.objectContaining({ minimum: 1, maximum: 365, default: 30 }) }),
    ]);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '401']));
  });
});

describe.each(DIALECTS)('dashboard summary through the Redis read cache on %s', (dialect) => {
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

  it('is cached per user, dropped on every write, and never serves another user’s view', async () => {
    const get = async (token: string) => (await t.request({ method: 'GET', url: '/api/dashboard/summary?days=7', token })).json<Summary>();
    const p = await createProject(t.ctx, cast.owner, { name: 'cached' });
    await putMember(t.ctx, cast.owner, p.id, cast.viewer.id, 'viewer');
    await createTask(t.ctx, cast.owner, p.id, { title: 'one', kind: 'manual' });
    expect((await get(cast.owner.token)).tasks.total).toBe(1);

    // A row written behind the app's back is not seen: the answer came from the cache.
    await t.ctx.db
      .insertInto('tasks')
      .values({
        project_id: p.id,
        title: 'behind the back',
        kind: 'spark',
        status: 'running',
        notebook: null,
        parameters: '{}',
        schedule: null,
        created_by: cast.owner.id,
        created_at: toDbTimestamp(new Date()),
        updated_at: toDbTimestamp(new Date()),
        started_at: null,
        finished_at: null,
      })
      .execute();
    expect((await get(cast.owner.token)).tasks.total).toBe(1);
    // Other users get their own view, computed for them.
    expect((await get(cast.outsider.token)).projects).toBe(0);
    expect((await get(cast.admin.token)).tasks.total).toBe(2);

    // Any write through the API drops every cached summary.
    await t.request({
      method: 'POST',
      url: `/api/projects/${p.id}/datasets`,
      token: cast.owner.token,
      payload: { name: 'd', uri: 's3://b/d', format: 'csv' },
    });
    expect((await get(cast.owner.token)).tasks).toMatchObject({ total: 2, byStatus: { running: 1, pending: 1 } });
    expect((await get(cast.viewer.token)).projects).toBe(1);
    // Removing a member takes the project out of their summary at once.
    await t.request({ method: 'DELETE', url: `/api/projects/${p.id}/members/${cast.viewer.id}`, token: cast.owner.token });
    expect(await get(cast.viewer.token)).toMatchObject({ projects: 0, tasks: { total: 0 } });
  });
});
