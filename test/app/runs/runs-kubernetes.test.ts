import { Readable } from 'node:stream';
import type { Run } from '../../../app/server/schemas/run.schema';
import { S3TestServer } from '../storage/support/s3-test-server';
import { createCast, createProjectFixture, type Cast, type ProjectFixture } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-databases';
import { kubeBackendHarness, kubeConfig } from './support/kube-backend-harness';
import { notebookJson, waitFor } from './support/notebooks';
import { createNotebookTask, getRun, startRun, uploadNotebook, waitForFinish } from './support/run-app';

describe('runs on the Kubernetes backend (RUNS_BACKEND=kubernetes), against an API stand-in and S3', () => {
  const harness = kubeBackendHarness();
  const { api, jobPod, setJobStatus } = harness;
  let s3: S3TestServer;
  let database: TestDatabase;
  let t: TestApp;
  let cast: Cast;
  let fixture: ProjectFixture;

  const start = () =>
    startTestApp({
      database,
      kubeConfig: kubeConfig(harness.server()),
      env: {
        RUNS_BACKEND: 'kubernetes',
        RUNS_RUNNER_IMAGE: 'datavis/notebook-runner:0.1.0',
        RUNS_SPARK_IMAGE: 'datavis/spark:4.0.4-1',
        RUNS_SPARK_VERSION: '4.0.4',
        RUNS_SPARK_EVENT_LOG_DIR: 's3a://datavis-local-spark-events/spark-events/',
        POD_NAME: 'web-app-0',
        STORAGE_URL: `s3://${s3.bucket}/app`,
        S3_ENDPOINT: s3.endpoint,
        S3_FORCE_PATH_STYLE: 'true',
        RUNS_SCHEDULER_INTERVAL_MS: '600000',
      },
    });

  /** What the runner pod does: write the executed notebook and the result file to the run's folder. */
  async function writeRunOutputs(run: Run, csv: string): Promise<void> {
    for (const [key, text] of [
      [`runs/${run.projectId}/${run.id}/output.ipynb`, JSON.stringify(notebookJson('print("done")'))],
      [`runs/${run.projectId}/${run.id}/result/result.csv`, csv],
    ] as const) {
      const staged = await t.ctx.storage.stage(Readable.from([Buffer.from(text)]), { maxBytes: 1024 * 1024 });
      await staged.commit(key);
    }
  }

  beforeAll(async () => {
    s3 = new S3TestServer();
    await s3.start();
    process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
    process.env.AWS_REGION = 'us-east-1';
    await harness.start();
    database = await createTestDatabase('sqlite');
    t = await start();
    cast = await createCast(t);
    fixture = await createProjectFixture(t, cast);
    await uploadNotebook(t, cast.owner.token, fixture.projectId, 'report.ipynb', '#parameters\nregion = "EU"', 'print(region)');
    await waitFor('this replica to hold the Lease', () => t.ctx.runs.adapter.schedules());
  });
  afterAll(async () => {
    await t?.close();
    await api.stop();
    await database?.drop();
    await s3?.dispose();
  });

  it('creates the run as a Job reading the notebook from S3, and on Complete keeps the output and adds the dataset version', async () => {
    const dataset = await t.request({
      method: 'POST',
      url: `/api/projects/${fixture.projectId}/datasets/upload?name=regions&format=csv`,
      token: cast.owner.token,
      headers: { 'content-type': 'text/csv' },
      payload: 'region,total\nseed,0\n',
    });
    const datasetId = dataset.json<{ id: number }>().id;
    const taskId = await createNotebookTask(t, cast.owner.token, fixture.projectId, {
      notebook: 'report.ipynb',
      outputDatasetId: datasetId,
    });
    const run = await startRun(t, cast.owner.token, taskId, { region: 'US' });
    expect(run.backend).toBe('kubernetes');
    const job = await waitFor('the Job', () => api.get('jobs', 'notebooks', `run-${run.id}`));
    const args = job.spec.template.spec.containers[0].args as string[];
    const input = `s3://${s3.bucket}/app/runs/${fixture.projectId}/${run.id}/input.ipynb`;
    expect(args).toEqual(
      expect.arrayContaining([input, '-r', 'output_path', `s3://${s3.bucket}/app/runs/${fixture.projectId}/${run.id}/result/result.csv`]),
    );
    expect(await t.ctx.storage.head(`runs/${fixture.projectId}/${run.id}/input.ipynb`)).toBeDefined();
    const row = await t.ctx.db.selectFrom('runs').select('external_id').where('id', '=', run.id).executeTakeFirstOrThrow();
    expect(row.external_id).toBe(`notebooks/run-${run.id}`);

    jobPod(String(run.id));
    api.setLog('notebooks', `run-${run.id}-abcde`, 'US\n');
    const logs = await t.request({ method: 'GET', url: `/api/runs/${run.id}/logs`, token: cast.viewer.token });
    expect(logs.body).toBe('US\n');
    await writeRunOutputs(run, 'region,total\nUS,7\n');
    setJobStatus(String(run.id), { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] });
    const done = await waitForFinish(t, cast.owner.token, run.id, 20000);
    expect(done).toMatchObject({ status: 'succeeded', outputAvailable: true, outputDatasetVersion: 2 });
    const preview = await t.request({ method: 'GET', url: `/api/datasets/${datasetId}/preview`, token: cast.owner.token });
    expect(preview.json()).toMatchObject({ version: 2, rows: [['US', 7]] });
    // The pod's log was kept in the run's folder before the run was reported finished.
    expect(await t.ctx.storage.head(`runs/${fixture.projectId}/${run.id}/log.txt`)).toBeDefined();
  });

  it('cancels a run by deleting its Job', async () => {
    const taskId = await createNotebookTask(t, cast.owner.token, fixture.projectId, { notebook: 'report.ipynb' });
    const run = await startRun(t, cast.owner.token, taskId);
    await waitFor('the Job', () => api.get('jobs', 'notebooks', `run-${run.id}`));
    const cancel = await t.request({ method: 'POST', url: `/api/runs/${run.id}/cancel`, token: cast.editor.token });
    expect(cancel.statusCode).toBe(202);
    const done = await waitForFinish(t, cast.owner.token, run.id, 20000);
    expect(done).toMatchObject({ status: 'cancelled', message: expect.stringContaining('its Job and its pod were deleted') });
    expect(api.get('jobs', 'notebooks', `run-${run.id}`)).toBeUndefined();
  });

  it('after a restart, a run whose Job is gone fails saying so; one whose Job is there is followed again', async () => {
    const taskId = await createNotebookTask(t, cast.owner.token, fixture.projectId, { notebook: 'report.ipynb' });
    const kept = await startRun(t, cast.owner.token, taskId);
    await waitFor('the Job', () => api.get('jobs', 'notebooks', `run-${kept.id}`));
    const lost = await startRun(t, cast.owner.token, taskId);
    await waitFor('the Job', () => api.get('jobs', 'notebooks', `run-${lost.id}`));
    await t.close();
    api.deleteObject('jobs', 'notebooks', `run-${lost.id}`);
    t = await start();
    const gone = await waitForFinish(t, cast.owner.token, lost.id, 20000);
    expect(gone).toMatchObject({ status: 'failed', message: expect.stringContaining('Kubernetes objects are gone') });
    expect((await getRun(t, cast.owner.token, kept.id)).status).toBe('queued');
    setJobStatus(String(kept.id), { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] });
    const followed = await waitForFinish(t, cast.owner.token, kept.id, 20000);
    expect(followed.status).toBe('succeeded');
  });
});
