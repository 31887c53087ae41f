import * as fs from 'node:fs';
import * as path from 'node:path';
import { addDatasetVersionFromFile } from '../../../app/server/services/dataset-upload-service';
import { projectQueryableDatasets } from '../../../app/server/services/dataset-data-service';
import { chunkedSource } from '../storage/support/storage-fixtures';
import { createCast, createProjectFixture, type Cast, type ProjectFixture } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-databases';
import { connectEvents } from '../support/ws-client';
import { SALES_CSV, STORAGE_KINDS, startDatasetApp, upload, type DatasetTestApp } from './support/dataset-app';

const NOW = '2025-01-01 00:00:00.000';

describe.each(STORAGE_KINDS)('service functions for other features, with %s storage', (storageKind) => {
  let database: TestDatabase;
  let t: DatasetTestApp;
  let cast: Cast;
  let fixture: ProjectFixture;
  let datasetId: number;
  let runId: number;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    t = await startDatasetApp(database, storageKind);
    cast = await createCast(t);
    fixture = await createProjectFixture(t, cast);
    datasetId = (await upload(t, cast.owner.token, fixture.projectId, 'report output', SALES_CSV)).json().id;
    const run = await t.ctx.db
      .insertInto('runs')
      .values({
        task_id: fixture.taskId,
        project_id: fixture.projectId,
        number: 1,
        trigger: 'manual',
        attempt: 1,
        status: 'succeeded',
        parameters: '{}',
        backend: 'local',
        external_id: null,
        message: null,
        scheduled_for: null,
        not_before: null,
        created_by: cast.owner.id,
        created_at: NOW,
        started_at: null,
        finished_at: null,
      })
      .executeTakeFirstOrThrow();
    runId = Number(run.insertId);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it("adds a run's local output file as the next version, with the run id, and tells the project", async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const viewer = await connectEvents(base, cast.viewer.token);
    const output = path.join(t.config.dataDir, 'run-output.csv');
    fs.writeFileSync(output, 'region,total\nnorth,10\nsouth,1\n');
    try {
      const dataset = await addDatasetVersionFromFile(t.ctx, { datasetId, source: { localPath: output }, runId, createdBy: cast.owner.id });
      expect(dataset).toMatchObject({
        id: datasetId,
        version: 2,
        rowCount: 2,
        schema: { columns: [{ name: 'region' }, { name: 'total' }] },
      });
      expect(fs.existsSync(output)).toBe(true);
      const event = await viewer.waitFor((m) => m.type === 'dataset.updated' && m.datasetId === datasetId);
      expect(event).toMatchObject({ data: { version: 2 } });
      const versions = await t.request({ method: 'GET', url: `/api/datasets/${datasetId}/versions`, token: cast.viewer.token });
      expect(versions.json().items[0]).toMatchObject({ version: 2, runId, createdBy: cast.owner.id });
    } finally {
      await viewer.close();
    }
  });

  it('adds an object already in storage as the next version, leaving that object as it was', async () => {
    const staged = await t.ctx.storage.stage(chunkedSource(Buffer.from('region,total\neast,4\n')), { maxBytes: 1 << 20 });
    await staged.commit('runs/1/output.csv');
    const dataset = await addDatasetVersionFromFile(t.ctx, { datasetId, source: { storageKey: 'runs/1/output.csv' }, runId: null });
    expect(dataset).toMatchObject({ version: 3, rowCount: 1 });
    expect(t.storedKeys()).toContain('runs/1/output.csv');
  });

  it('refuses an unreadable file without adding a version or leaving an object', async () => {
    const output = path.join(t.config.dataDir, 'ragged.csv');
    fs.writeFileSync(output, 'a,b\n1\n');
    const before = t.storedKeys();
    await expect(addDatasetVersionFromFile(t.ctx, { datasetId, source: { localPath: output } })).rejects.toMatchObject({
      code: 'invalid_dataset',
      message: expect.stringMatching(/CSV error on line 2/),
    });
    expect(t.storedKeys()).toEqual(before);
    await expect(addDatasetVersionFromFile(t.ctx, { datasetId: fixture.datasetId, source: { localPath: output } })).rejects.toMatchObject({
      code: 'registered_dataset',
    });
  });

  it("lists the project's managed datasets at their current version, as tables a query can read", async () => {
    const datasets = await projectQueryableDatasets(t.ctx, fixture.projectId);
    expect(datasets.map((d) => d.name)).toEqual(['report output']);
    const result = await t.ctx.queries.query({ sql: 'SELECT sum(total) FROM "report output"', datasets, limit: 10 });
    expect(result.rows).toEqual([[4]]);
  });
});
