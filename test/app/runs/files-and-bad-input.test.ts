import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/test-databases';
import { notebookJson } from './support/notebooks';
import { createNotebookTask, startRunApp, uploadFile, uploadNotebook, type RunTestApp } from './support/run-app';

describe.each(DIALECTS)('project files, library and refused run input, on %s', (dialect) => {
  let database: TestDatabase;
  let r: RunTestApp;
  let taskId: number;

  const storedFileKeys = async () =>
    (await r.t.ctx.db.selectFrom('project_files').select('storage_key').execute()).map((row) => row.storage_key);

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    r = await startRunApp(database);
    await uploadNotebook(r.t, r.cast.owner.token, r.fixture.projectId, 'typed.ipynb', '#parameters\nlimit = 10\nlabel = "x"\nratio = 0.5');
    taskId = await createNotebookTask(r.t, r.cast.owner.token, r.fixture.projectId, { notebook: 'typed.ipynb' });
  });
  afterAll(async () => {
    await r?.t.close();
    await database?.drop();
  });

  it('stores a notebook with its declared parameters, lists it, serves its bytes, and deletes row and object together', async () => {
    const { t, cast, fixture } = r;
    const bytes = JSON.stringify(notebookJson('#parameters\nday = "2024-01-01"\ncount = 3', 'print(day)'));
    const created = await uploadFile(t, cast.editor.token, fixture.projectId, 'reports/daily.ipynb', bytes);
    expect(created.statusCode).toBe(201);
    const file = created.json<{ id: number; name: string; sizeBytes: number; parameters: unknown[] }>();
    expect(file).toMatchObject({ name: 'reports/daily.ipynb', sizeBytes: Buffer.byteLength(bytes) });
    expect(file.parameters).toEqual([
      { name: 'day', default: '2024-01-01', type: 'string', nullable: false },
      { name: 'count', default: 3, type: 'integer', nullable: false },
    ]);
    const list = await t.request({ method: 'GET', url: `/api/projects/${fixture.projectId}/files`, token: cast.viewer.token });
    expect(list.json<{ items: { name: string }[] }>().items.map((f) => f.name)).toContain('reports/daily.ipynb');
    const content = await t.request({ method: 'GET', url: `/api/files/${file.id}/content`, token: cast.viewer.token });
    expect(content.statusCode).toBe(200);
    expect(content.body).toBe(bytes);
    expect(content.headers['content-disposition']).toContain('daily.ipynb');

    const key = (await t.ctx.db.selectFrom('project_files').select('storage_key').where('id', '=', file.id).executeTakeFirstOrThrow())
      .storage_key;
    expect(await t.ctx.storage.head(key)).toBeDefined();
    const viewerDelete = await t.request({ method: 'DELETE', url: `/api/files/${file.id}`, token: cast.viewer.token });
    expect(viewerDelete.statusCode).toBe(403);
    const deleted = await t.request({ method: 'DELETE', url: `/api/files/${file.id}`, token: cast.owner.token });
    expect(deleted.statusCode).toBe(204);
    expect(await t.ctx.storage.head(key)).toBeUndefined();
    expect((await t.request({ method: 'GET', url: `/api/files/${file.id}`, token: cast.owner.token })).statusCode).toBe(404);
  });

  it('refuses a second file of the same name with 409 file_exists', async () => {
    const before = await storedFileKeys();
    const again = await uploadFile(r.t, r.cast.owner.token, r.fixture.projectId, 'typed.ipynb', JSON.stringify(notebookJson('1')));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'file_exists' } });
    expect(await storedFileKeys()).toEqual(before);
  });

  it('refuses a notebook that is not JSON with 400 invalid_notebook, storing nothing', async () => {
    const before = await storedFileKeys();
    const response = await uploadFile(r.t, r.cast.owner.token, r.fixture.projectId, 'bad.ipynb', '{"cells": [');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'invalid_notebook', message: expect.stringContaining('not JSON') } });
    expect(await storedFileKeys()).toEqual(before);
  });

  it('refuses a .py over 5 MiB with 413 and stores nothing', async () => {
    const before = await storedFileKeys();
    const response = await uploadFile(r.t, r.cast.owner.token, r.fixture.projectId, 'big.py', Buffer.alloc(5 * 1024 * 1024 + 1, 0x23));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toHaveProperty('error.code');
    expect(await storedFileKeys()).toEqual(before);
  });

  it('refuses a file name outside .ipynb and .py, or under library/, with 400', async () => {
    for (const name of ['notes.txt', 'library/x.ipynb', '../escape.py']) {
      const response = await uploadFile(r.t, r.cast.owner.token, r.fixture.projectId, name, 'print(1)');
      expect(response.statusCode).toBe(400);
    }
  });

  it('lists the platform notebooks and Spark jobs as library/<file>, with their parameters', async () => {
    const response = await r.t.request({ method: 'GET', url: '/api/library', token: r.cast.viewer.token });
    expect(response.statusCode).toBe(200);
    const items = response.json<{ items: { name: string; kind: string; parameters: { name: string }[] }[] }>().items;
    const report = items.find((i) => i.name === 'library/daily_report.ipynb');
    expect(report).toMatchObject({ kind: 'notebook' });
    expect(report?.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['dataset_uri', 'lookback_days']));
    expect(items).toContainEqual({ name: 'library/profile_dataset.py', kind: 'spark', parameters: [] });
  });

  it('refuses an unknown parameter and a mistyped one, naming it, when the task is saved and when a run starts', async () => {
    const { t, cast, fixture } = r;
    const unknown = await t.request({
      method: 'POST',
      url: `/api/projects/${fixture.projectId}/tasks`,
      token: cast.owner.token,
      payload: { title: 't', kind: 'notebook', notebook: 'typed.ipynb', parameters: { limt: 5 } },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { code: 'unknown_parameter', message: expect.stringContaining("'limt'") } });
    const mistyped = await t.request({
      method: 'PATCH',
      url: `/api/tasks/${taskId}`,
      token: cast.owner.token,
      payload: { parameters: { limit: 'ten' } },
    });
    expect(mistyped.statusCode).toBe(400);
    expect(mistyped.json()).toMatchObject({ error: { code: 'invalid_parameter', message: expect.stringContaining("'limit'") } });
    const atStart = await t.request({
      method: 'POST',
      url: `/api/tasks/${taskId}/runs`,
      token: cast.owner.token,
      payload: { parameters: { label: 3 } },
    });
    expect(atStart.statusCode).toBe(400);
    expect(atStart.json()).toMatchObject({ error: { code: 'invalid_parameter', message: expect.stringContaining("'label'") } });
    const injected = await t.request({
      method: 'POST',
      url: `/api/tasks/${taskId}/runs`,
      token: cast.owner.token,
      payload: { parameters: { output_path: '/etc/passwd' } },
    });
    expect(injected.statusCode).toBe(400);
    expect(await t.ctx.db.selectFrom('runs').select('id').where('task_id', '=', taskId).execute()).toEqual([]);
  });

  it('answers 409 not_runnable for a run of a manual task', async () => {
    const response = await r.t.request({
      method: 'POST',
      url: `/api/tasks/${r.fixture.taskId}/runs`,
      token: r.cast.owner.token,
      payload: {},
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: { code: 'not_runnable' } });
  });

  it('answers 403 to a viewer starting a run and 404 to a non-member, and the run list stays empty', async () => {
    const { t, cast } = r;
    const viewer = await t.request({ method: 'POST', url: `/api/tasks/${taskId}/runs`, token: cast.viewer.token, payload: {} });
    expect(viewer.statusCode).toBe(403);
    const outsider = await t.request({ method: 'POST', url: `/api/tasks/${taskId}/runs`, token: cast.outsider.token, payload: {} });
    expect(outsider.statusCode).toBe(404);
    const outsiderList = await t.request({ method: 'GET', url: `/api/tasks/${taskId}/runs`, token: cast.outsider.token });
    expect(outsiderList.statusCode).toBe(404);
    const list = await t.request({ method: 'GET', url: `/api/tasks/${taskId}/runs`, token: cast.viewer.token });
    expect(list.json()).toEqual({ items: [], nextCursor: null });
  });

  it('refuses a run of a notebook that does not exist with 400 notebook_not_found', async () => {
    const id = await createNotebookTask(r.t, r.cast.owner.token, r.fixture.projectId, { notebook: 'later.ipynb' });
    const response = await r.t.request({ method: 'POST', url: `/api/tasks/${id}/runs`, token: r.cast.owner.token, payload: {} });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'notebook_not_found', message: expect.stringContaining('later.ipynb') } });
  });

  it('checks schedules, time zones, bounds, Spark sizing and the output dataset, naming the field', async () => {
    const { t, cast, fixture } = r;
    const patch = (payload: Record<string, unknown>) =>
      t.request({ method: 'PATCH', url: `/api/tasks/${taskId}`, token: cast.owner.token, payload });
    expect((await patch({ schedule: '61 * * * *' })).json()).toMatchObject({
      error: { code: 'invalid_schedule', message: expect.stringContaining('minute') },
    });
    expect((await patch({ schedule: '0 3 * * *', timeZone: 'Mars/Olympus' })).json()).toMatchObject({
      error: { code: 'invalid_time_zone' },
    });
    expect((await patch({ timeoutSeconds: 59 })).statusCode).toBe(400);
    expect((await patch({ maxRetries: 6 })).statusCode).toBe(400);
    expect((await patch({ retryDelaySeconds: 3601 })).statusCode).toBe(400);
    const spark = { driver: { cores: 64, memoryMiB: 1024 }, executor: { cores: 1, memoryMiB: 1024 }, minExecutors: 1, maxExecutors: 2 };
    expect((await patch({ spark })).json()).toMatchObject({
      error: { code: 'invalid_spark', message: expect.stringContaining('spark.driver.cores') },
    });
    // The fixture's dataset is registered, not managed.
    expect((await patch({ outputDatasetId: fixture.datasetId })).json()).toMatchObject({ error: { code: 'invalid_output_dataset' } });

    const saved = await patch({ schedule: '30 9 * * *', timeZone: 'Europe/Paris', maxRetries: 1 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ schedule: '30 9 * * *', timeZone: 'Europe/Paris', maxRetries: 1, timeoutSeconds: 3600 });
    const next = await t.request({ method: 'GET', url: `/api/tasks/${taskId}/schedule/next?count=5`, token: cast.viewer.token });
    const fireTimes = next.json<{ fireTimes: string[] }>().fireTimes;
    expect(fireTimes).toHaveLength(5);
    for (const time of fireTimes) {
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(
        new Date(time),
      );
      expect(local).toBe('09:30');
    }
    await patch({ schedule: null });
  });
});
