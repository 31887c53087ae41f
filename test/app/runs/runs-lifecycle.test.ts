import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Run } from '../../../app/server/schemas/run.schema';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/test-databases';
import { startTestApp, type TestApp } from '../support/test-app';
import { createCast, createProjectFixture, type Cast, type ProjectFixture } from '../support/fixtures';
import { TEST_PYTHON, tempDir, waitFor } from './support/notebooks';
import { createNotebookTask, getRun, startRun, uploadNotebook, waitForFinish, waitForStatus } from './support/run-app';

const dbTimestamp = (date: Date) => date.toISOString().replace('T', ' ').replace('Z', '');

describe.each(DIALECTS)('runs across restarts, limits and replicas, on %s', (dialect) => {
  let database: TestDatabase;
  let dataDir: string;
  let first: TestApp | undefined;
  let cast: Cast;
  let fixture: ProjectFixture;

  const start = (env: NodeJS.ProcessEnv = {}) =>
    startTestApp({ database, env: { RUNS_PYTHON: TEST_PYTHON, DATA_DIR: dataDir, RUNS_SCHEDULER_INTERVAL_MS: '600000', ...env } });

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    dataDir = tempDir('runs-restart');
    first = await start();
    cast = await createCast(first);
    fixture = await createProjectFixture(first, cast);
    await uploadNotebook(
      first,
      cast.owner.token,
      fixture.projectId,
      'nap.ipynb',
      '#parameters\nseconds = 0.5',
      'import time\ntime.sleep(seconds)',
    );
  });
  afterAll(async () => {
    await first?.close();
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('never leaves a run running across a restart: a stopped server fails its runs, and one that died is settled at the next start', async () => {
    const t = first as TestApp;
    const taskId = await createNotebookTask(t, cast.owner.token, fixture.projectId, {
      notebook: 'nap.ipynb',
      parameters: { seconds: 300.0 },
    });
    const run = await startRun(t, cast.owner.token, taskId);
    await waitForStatus(t, cast.owner.token, run.id, 'running');
    await t.close();
    first = undefined;

    // A server that died without stopping its runs left this one "running".
    const owner = `local:${fs.readFileSync(path.join(dataDir, 'runs', 'instance-id'), 'utf8').trim()}`;
    const second = await start();
    first = second;
    const stopped = await getRun(second, cast.owner.token, run.id);
    expect(stopped.status).toBe('failed');
    expect(stopped.message).toContain('the server stopped while the run was running');

    const { id: orphanId } = await startRun(second, cast.owner.token, taskId, { seconds: 0.1 });
    await waitForFinish(second, cast.owner.token, orphanId);
    await second.ctx.db
      .updateTable('runs')
      .set({ status: 'running', started_at: dbTimestamp(new Date()), finished_at: null, message: null, external_id: owner })
      .where('id', '=', orphanId)
      .execute();
    await second.close();
    const third = await start();
    first = third;
    const settled = await getRun(third, cast.owner.token, orphanId);
    expect(settled).toMatchObject({ status: 'failed', message: expect.stringContaining('the server stopped while the run was running') });
    const running = await third.ctx.db.selectFrom('runs').select('id').where('status', '=', 'running').execute();
    expect(running).toEqual([]);
  });

  it('never runs more notebooks at once than RUNS_MAX_CONCURRENT, and every queued run finishes', async () => {
    const t = first as TestApp;
    const taskId = await createNotebookTask(t, cast.owner.token, fixture.projectId, {
      notebook: 'nap.ipynb',
      parameters: { seconds: 1.5 },
    });
    const runs: Run[] = [];
    for (let i = 0; i < 5; i++) runs.push(await startRun(t, cast.owner.token, taskId));
    let most = 0;
    await waitFor(
      'every run to finish',
      async () => {
        const rows = await t.ctx.db.selectFrom('runs').select('status').where('task_id', '=', taskId).execute();
        most = Math.max(most, rows.filter((r) => r.status === 'running').length);
        return rows.every((r) => r.status === 'succeeded') ? rows : undefined;
      },
      120000,
    );
    expect(t.config.runs.maxConcurrent).toBe(2);
    expect(most).toBe(2);
  });

  it('creates exactly one run per fire time when two servers schedule, and records missed fire times instead of replaying them', async () => {
    const a = first as TestApp;
    const otherDir = tempDir('runs-other');
    // Servers on one database share one object storage (S3 in the cluster): here a's folder.
    const objects = a.config.storage.location.kind === 'file' ? a.config.storage.location.dir : '';
    const b = await startTestApp({
      database,
      env: { RUNS_PYTHON: TEST_PYTHON, DATA_DIR: otherDir, RUNS_SCHEDULER_INTERVAL_MS: '600000', STORAGE_URL: `file:${objects}` },
    });
    try {
      const taskId = await createNotebookTask(a, cast.owner.token, fixture.projectId, {
        notebook: 'nap.ipynb',
        parameters: { seconds: 0.1 },
        schedule: '*/5 * * * *',
      });
      const now = new Date();
      const since = new Date(now.getTime() - 31 * 60 * 1000);
      await a.ctx.db
        .updateTable('tasks')
        .set({ schedule_since: dbTimestamp(since) })
        .where('id', '=', taskId)
        .execute();
      const schedulers = [a.ctx.runs.scheduler, b.ctx.runs.scheduler];
      await Promise.all(schedulers.map((s) => s?.tick(now)));
      await Promise.all(schedulers.map((s) => s?.tick(now)));
      const rows = await a.ctx.db.selectFrom('runs').selectAll().where('task_id', '=', taskId).execute();
      expect(rows).toHaveLength(1);
      const [run] = rows;
      const due = Math.floor(now.getTime() / 300000) * 300000;
      expect(run).toMatchObject({ trigger: 'schedule', attempt: 1, created_by: null, scheduled_for: dbTimestamp(new Date(due)) });
      // Fire times after `since` and before the due one: five or six, depending on where `now` falls.
      expect(run?.message).toMatch(/^[56] earlier fire time\(s\) were missed/);

      const later = new Date(due + 5 * 60 * 1000 + 1000);
      await Promise.all(schedulers.map((s) => s?.tick(later)));
      const after = await a.ctx.db
        .selectFrom('runs')
        .select(['scheduled_for', 'message'])
        .where('task_id', '=', taskId)
        .orderBy('id')
        .execute();
      expect(after.map((r) => r.scheduled_for)).toEqual([dbTimestamp(new Date(due)), dbTimestamp(new Date(due + 300000))]);
      expect(after[1]?.message).toBeNull();
      const finished = await waitFor('the scheduled runs to finish', async () => {
        const statuses = await a.ctx.db
          .selectFrom('runs')
          .select(['status', 'message'])
          .where('task_id', '=', taskId)
          .orderBy('id')
          .execute();
        return statuses.every((s) => s.status === 'succeeded') ? statuses : undefined;
      });
      // The note on missed fire times outlives the run's start and success.
      expect(finished[0]?.message).toMatch(/^[56] earlier fire time\(s\) were missed/);
    } finally {
      await b.close();
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
  });
});
