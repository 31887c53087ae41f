import * as fs from 'node:fs';
import * as path from 'node:path';
import { NOTEBOOK_HTML_CSP } from '../../../app/server/runs/notebook-html';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/test-databases';
import { connectEvents } from '../support/ws-client';
import { livePids, waitFor } from './support/notebooks';
import {
  createNotebookTask,
  startRun,
  startRunApp,
  uploadNotebook,
  waitForFinish,
  waitForStatus,
  type RunTestApp,
} from './support/run-app';

/** Processes of a run: anything whose command line names the run's folder. */
function processesOf(runDir: string): number[] {
  return [...livePids()].filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(runDir);
    } catch {
      return false;
    }
  });
}

describe.each(DIALECTS)('runs end to end on the local backend, on %s', (dialect) => {
  let database: TestDatabase;
  let r: RunTestApp;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    r = await startRunApp(database);
  });
  afterAll(async () => {
    await r?.t.close();
    await database?.drop();
  });

  it('runs a notebook with the parameters given, keeps the executed notebook and adds the result to the output dataset', async () => {
    const { t, cast, fixture } = r;
    const upload = await t.request({
      method: 'POST',
      url: `/api/projects/${fixture.projectId}/datasets/upload?name=scores&format=csv`,
      token: cast.owner.token,
      headers: { 'content-type': 'text/csv' },
      payload: 'name,score\nseed,0\n',
    });
    expect(upload.statusCode).toBe(201);
    const datasetId = upload.json<{ id: number }>().id;
    await uploadNotebook(
      t,
      cast.owner.token,
      fixture.projectId,
      'scores.ipynb',
      '#parameters\nname = "nobody"\nscore = 1',
      'print(f"scoring {name}")\nwith open(output_path, "w") as f:\n    f.write(f"name,score\\n{name},{score * 2}\\n")',
    );
    const taskId = await createNotebookTask(t, cast.owner.token, fixture.projectId, {
      notebook: 'scores.ipynb',
      parameters: { name: 'ada' },
      outputDatasetId: datasetId,
    });
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const viewer = await connectEvents(base, cast.viewer.token);
    try {
      const run = await startRun(t, cast.editor.token, taskId, { score: 21 });
      expect(run).toMatchObject({ taskId, number: 1, trigger: 'manual', attempt: 1, status: 'queued', backend: 'local' });
      expect(run.parameters).toEqual({ name: 'ada', score: 21 });
      const done = await waitForFinish(t, cast.viewer.token, run.id);
      expect(done).toMatchObject({ status: 'succeeded', outputAvailable: true, outputDatasetVersion: 2, message: null });
      expect(done.startedAt).not.toBeNull();
      await viewer.waitFor((m) => m.type === 'run.created' && (m.data as { id: number }).id === run.id);
      await viewer.waitFor((m) => m.type === 'run.updated' && (m.data as { status: string }).status === 'succeeded');
      await viewer.waitFor((m) => m.type === 'dataset.updated' && m.datasetId === datasetId);

      const preview = await t.request({ method: 'GET', url: `/api/datasets/${datasetId}/preview`, token: cast.viewer.token });
      expect(preview.json()).toMatchObject({ version: 2, rows: [['ada', 42]] });
      const versions = await t.ctx.db
        .selectFrom('dataset_versions')
        .select(['version', 'run_id'])
        .where('dataset_id', '=', datasetId)
        .execute();
      expect(versions).toEqual(expect.arrayContaining([{ version: 2, run_id: run.id }]));

      const task = await t.request({ method: 'GET', url: `/api/tasks/${taskId}`, token: cast.viewer.token });
      expect(task.json()).toMatchObject({ status: 'succeeded' });

      const logs = await t.request({ method: 'GET', url: `/api/runs/${run.id}/logs?tail=50`, token: cast.viewer.token });
      expect(logs.statusCode).toBe(200);
      expect(logs.headers['content-type']).toMatch(/^text\/plain/);
      expect(logs.body).toContain('scoring ada');

      const ipynb = await t.request({ method: 'GET', url: `/api/runs/${run.id}/output?format=ipynb`, token: cast.viewer.token });
      expect(ipynb.statusCode).toBe(200);
      const executed = ipynb.json<{ cells: { source: string | string[]; metadata: { tags?: string[] } }[] }>();
      const injected = executed.cells.find((c) => (c.metadata.tags ?? []).includes('injected-parameters'));
      expect([injected?.source].flat().join('')).toContain('score = 21');

      const html = await t.request({ method: 'GET', url: `/api/runs/${run.id}/output`, token: cast.viewer.token });
      expect(html.statusCode).toBe(200);
      expect(html.headers['content-type']).toMatch(/^text\/html/);
      expect(html.headers['content-security-policy']).toBe(NOTEBOOK_HTML_CSP);
      expect(html.headers['content-security-policy']).not.toContain('allow-same-origin');
      expect(html.body).toContain('scoring ada');
    } finally {
      await viewer.close();
    }
  });

  it('fails a run whose cell raises, with the error in its message, and the task follows it', async () => {
    const { t, cast, fixture } = r;
    await uploadNotebook(t, cast.owner.token, fixture.projectId, 'broken.ipynb', 'raise ValueError("the data is bad")');
    const taskId = await createNotebookTask(t, cast.owner.token, fixture.projectId, { notebook: 'broken.ipynb' });
    const run = await startRun(t, cast.owner.token, taskId);
    const done = await waitForFinish(t, cast.owner.token, run.id);
    expect(done.status).toBe('failed');
    expect(done.message).toContain('ValueError: the data is bad');
    expect(done.outputAvailable).toBe(true);
    const task = await t.request({ method: 'GET', url: `/api/tasks/${taskId}`, token: cast.owner.token });
    expect(task.json()).toMatchObject({ status: 'failed' });
  });

  it('cancels a running run: its processes are gone, it says it was cancelled, and a second cancel is 409', async () => {
    const { t, cast, fixture } = r;
    await uploadNotebook(
      t,
      cast.owner.token,
      fixture.projectId,
      'sleepy.ipynb',
      'import time\nprint("started", flush=True)\ntime.sleep(300)',
    );
    const taskId = await createNotebookTask(t, cast.owner.token, fixture.projectId, { notebook: 'sleepy.ipynb' });
    const run = await startRun(t, cast.owner.token, taskId);
    await waitForStatus(t, cast.owner.token, run.id, 'running');
    const runDir = path.join(t.config.dataDir, 'runs', String(run.id));
    await waitFor(
      'the run to print',
      async () => fs.existsSync(path.join(runDir, 'log.txt')) && fs.readFileSync(path.join(runDir, 'log.txt'), 'utf8').includes('started'),
    );
    expect(processesOf(runDir).length).toBeGreaterThan(0);
    const cancel = await t.request({ method: 'POST', url: `/api/runs/${run.id}/cancel`, token: cast.editor.token });
    expect(cancel.statusCode).toBe(202);
    const done = await waitForFinish(t, cast.owner.token, run.id);
    expect(done.status).toBe('cancelled');
    expect(done.message).toContain('cancelled by a user');
    expect(processesOf(runDir)).toEqual([]);
    const again = await t.request({ method: 'POST', url: `/api/runs/${run.id}/cancel`, token: cast.owner.token });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'run_finished' } });
  });

  it('times a run out after timeoutSeconds and leaves none of its processes', async () => {
    const { t, cast, fixture } = r;
    await uploadNotebook(t, cast.owner.token, fixture.projectId, 'forever.ipynb', 'import time\ntime.sleep(600)');
    const taskId = await createNotebookTask(t, cast.owner.token, fixture.projectId, { notebook: 'forever.ipynb', timeoutSeconds: 60 });
    // The API's lower bound is 60 s; the row is shortened so the test does not wait a minute.
    await t.ctx.db.updateTable('tasks').set({ timeout_seconds: 3 }).where('id', '=', taskId).execute();
    const run = await startRun(t, cast.owner.token, taskId);
    const done = await waitForFinish(t, cast.owner.token, run.id);
    expect(done.status).toBe('timed_out');
    expect(done.message).toContain('timed out after 3 s');
    expect(processesOf(path.join(t.config.dataDir, 'runs', String(run.id)))).toEqual([]);
  });

  it('stops the processes of a running run when its task is deleted', async () => {
    const { t, cast, fixture } = r;
    await uploadNotebook(
      t,
      cast.owner.token,
      fixture.projectId,
      'orphan.ipynb',
      'import time\nprint("started", flush=True)\ntime.sleep(300)',
    );
    const taskId = await createNotebookTask(t, cast.owner.token, fixture.projectId, { notebook: 'orphan.ipynb' });
    const run = await startRun(t, cast.owner.token, taskId);
    await waitForStatus(t, cast.owner.token, run.id, 'running');
    const runDir = path.join(t.config.dataDir, 'runs', String(run.id));
    await waitFor(
      'the run to print',
      async () => fs.existsSync(path.join(runDir, 'log.txt')) && fs.readFileSync(path.join(runDir, 'log.txt'), 'utf8').includes('started'),
    );
    const deleted = await t.request({ method: 'DELETE', url: `/api/tasks/${taskId}`, token: cast.owner.token });
    expect(deleted.statusCode).toBe(204);
    await waitFor('its processes to be gone', () => processesOf(runDir).length === 0, 30000);
    expect(await t.ctx.db.selectFrom('runs').select('id').where('id', '=', run.id).execute()).toEqual([]);
  });

  it('retries a failed run as a new attempt after the delay, and attempt 2 succeeds', async () => {
    const { t, cast, fixture } = r;
    const marker = path.join(t.config.dataDir, `flaky-${dialect}`);
    await uploadNotebook(
      t,
      cast.owner.token,
      fixture.projectId,
      'flaky.ipynb',
      `#parameters\nmarker = ""`,
      'import os\nif not os.path.exists(marker):\n    open(marker, "w").close()\n    raise RuntimeError("first attempt fails")\nprint("second attempt")',
    );
    const taskId = await createNotebookTask(t, cast.owner.token, fixture.projectId, {
      notebook: 'flaky.ipynb',
      parameters: { marker },
      maxRetries: 2,
      retryDelaySeconds: 1,
    });
    const first = await startRun(t, cast.owner.token, taskId);
    const failed = await waitForFinish(t, cast.owner.token, first.id);
    expect(failed).toMatchObject({ status: 'failed', attempt: 1 });
    const runs = await waitFor(
      'the retry to succeed',
      async () => {
        const page = (await t.request({ method: 'GET', url: `/api/tasks/${taskId}/runs`, token: cast.owner.token })).json<{
          items: { id: number; status: string; attempt: number; trigger: string; createdAt: string }[];
        }>();
        return page.items.length === 2 && page.items[0]?.status === 'succeeded' ? page.items : undefined;
      },
      90000,
    );
    expect(runs[0]).toMatchObject({ attempt: 2, trigger: 'retry', status: 'succeeded' });
    expect(Date.parse(runs[0]?.createdAt as string)).toBeGreaterThanOrEqual(Date.parse(failed.finishedAt as string));
    const task = await t.request({ method: 'GET', url: `/api/tasks/${taskId}`, token: cast.owner.token });
    expect(task.json()).toMatchObject({ status: 'succeeded' });
  });
});
