import { createConnection } from 'mysql2/promise';
import { reconcileStoredObjects } from '../../../app/server/services/stored-object-reconciliation';
import { chunkedSource } from '../storage/support/storage-fixtures';
import { CuttableProxy } from '../support/cuttable-proxy';
import { eventually } from '../support/eventually';
import { createCast, createProjectFixture, type Cast, type ProjectFixture } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-databases';
import { SALES_CSV, startDatasetApp, upload, type DatasetTestApp } from './support/dataset-app';

// MariaDB behind a TCP proxy the test cuts, and S3 on an s3rver the test stops: SQLite has no
// connection to lose, and a local folder no server to stop.
describe('dataset routes through database and storage outages (MariaDB, S3)', () => {
  let database: TestDatabase;
  let proxy: CuttableProxy;
  let t: DatasetTestApp;
  let cast: Cast;
  let fixture: ProjectFixture;
  let datasetId: number;

  beforeAll(async () => {
    database = await createTestDatabase('mysql');
    proxy = new CuttableProxy({ host: database.host, port: database.port });
    t = await startDatasetApp({ ...database, url: await proxy.urlFor(database) }, 's3', { dbPoolSize: 4 });
    cast = await createCast(t);
    fixture = await createProjectFixture(t, cast);
    datasetId = (await upload(t, cast.owner.token, fixture.projectId, 'sales', SALES_CSV)).json().id;
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.close();
    await database?.drop();
  });

  const datasetKeys = () => t.storedKeys().filter((key) => !key.startsWith(`datasets/${fixture.projectId}/${datasetId}/`));

  async function directRows(sql: string): Promise<unknown[]> {
    const connection = await createConnection({ uri: database.url });
    try {
      return (await connection.query(sql))[0] as unknown[];
    } finally {
      await connection.end();
    }
  }

  it('a database outage answers 503 on upload, preview, profile, query and download, stores nothing, and recovers', async () => {
    proxy.cutAll();
    const before = datasetKeys();
    const requests = [
      () => upload(t, cast.owner.token, fixture.projectId, 'during outage', SALES_CSV),
      () => t.request({ method: 'GET', url: `/api/datasets/${datasetId}/preview`, token: cast.viewer.token }),
      () => t.request({ method: 'GET', url: `/api/datasets/${datasetId}/profile`, token: cast.viewer.token }),
      () => t.request({ method: 'GET', url: `/api/datasets/${datasetId}/download`, token: cast.viewer.token }),
      () =>
        t.request({
          method: 'POST',
          url: `/api/projects/${fixture.projectId}/query`,
          token: cast.viewer.token,
          payload: { sql: 'SELECT 1' },
        }),
    ];
    for (const send of requests) {
      const response = await send();
      expect({ status: response.statusCode, code: response.json().error.code }).toEqual({ status: 503, code: 'database_unavailable' });
    }
    expect(datasetKeys()).toEqual(before);
    proxy.restore();
    await eventually(() => upload(t, cast.owner.token, fixture.projectId, 'after outage', SALES_CSV), 201);
    await eventually(() => t.request({ method: 'GET', url: `/api/datasets/${datasetId}/preview`, token: cast.viewer.token }), 200);
  });

  it('an insert that fails after the object was committed deletes the object again: no row, no object', async () => {
    const before = datasetKeys();
    proxy.cutOnQuery(/insert into `dataset_versions`/i);
    const response = await upload(t, cast.owner.token, fixture.projectId, 'insert fails', SALES_CSV);
    expect({ status: response.statusCode, code: response.json().error.code }).toEqual({ status: 503, code: 'database_unavailable' });
    expect(datasetKeys()).toEqual(before);
    expect(t.spoolFiles()).toEqual([]);
    proxy.restore();
    expect(await directRows("SELECT id FROM datasets WHERE name = 'insert fails'")).toEqual([]);
    await eventually(() => upload(t, cast.owner.token, fixture.projectId, 'insert fails', SALES_CSV), 201);
  });

  it('a storage outage answers 503 storage_unavailable on upload, new version, download and delete, changes nothing, and recovers', async () => {
    const rowsBefore = await directRows('SELECT id, version FROM datasets ORDER BY id');
    await t.s3!.stop();
    try {
      const requests = [
        () => upload(t, cast.owner.token, fixture.projectId, 'storage down', SALES_CSV),
        () =>
          t.request({
            method: 'POST',
            url: `/api/datasets/${datasetId}/versions`,
            token: cast.owner.token,
            payload: chunkedSource(Buffer.from(SALES_CSV), 16),
            headers: { 'content-type': 'text/csv' },
          }),
        () => t.request({ method: 'GET', url: `/api/datasets/${datasetId}/download`, token: cast.viewer.token }),
        () => t.request({ method: 'DELETE', url: `/api/datasets/${datasetId}`, token: cast.owner.token }),
      ];
      for (const send of requests) {
        const response = await send();
        expect({ status: response.statusCode, code: response.json().error.code }).toEqual({ status: 503, code: 'storage_unavailable' });
        expect(response.headers['retry-after']).toBe('5');
      }
      expect(await directRows('SELECT id, version FROM datasets ORDER BY id')).toEqual(rowsBefore);
      expect(t.spoolFiles()).toEqual([]);
    } finally {
      await t.s3!.start();
    }
    await eventually(() => t.request({ method: 'GET', url: `/api/datasets/${datasetId}/download`, token: cast.viewer.token }), 200);
    expect((await upload(t, cast.owner.token, fixture.projectId, 'storage back', SALES_CSV)).statusCode).toBe(201);
    expect(t.storedKeys().filter((key) => key.startsWith('.staging/'))).toEqual([]);
  });

  it('reconciliation deletes stored dataset objects that no version names, once they are older than the grace period', async () => {
    const staged = await t.ctx.storage.stage(chunkedSource(Buffer.from(SALES_CSV)), { maxBytes: 1 << 20 });
    const orphan = `datasets/${fixture.projectId}/999999/v1-000000000000.csv`;
    await staged.commit(orphan);
    const kept = t.storedKeys().filter((key) => key.startsWith('datasets/'));
    expect(await reconcileStoredObjects(t.ctx)).toBe(0);
    expect(t.storedKeys()).toContain(orphan);
    expect(await reconcileStoredObjects(t.ctx, 0)).toBe(1);
    expect(t.storedKeys().filter((key) => key.startsWith('datasets/'))).toEqual(kept.filter((key) => key !== orphan));
  });
});
