import { startDatasetApp, upload, type DatasetTestApp } from '../datasets/support/dataset-app';
import { CuttableProxy } from '../support/cuttable-proxy';
import { eventually } from '../support/eventually';
import { createCast, createProjectFixture, type Cast, type ProjectFixture } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-databases';
import { createChart, makeOrders, ordersCsv } from './support/chart-fixtures';

// MariaDB behind a TCP proxy the test cuts, and S3 on an s3rver the test stops.
describe('chart routes through database and storage outages (MariaDB, S3)', () => {
  let database: TestDatabase;
  let proxy: CuttableProxy;
  let proxiedUrl: string;
  let t: DatasetTestApp;
  let cast: Cast;
  let fixture: ProjectFixture;
  let datasetId: number;
  let chartId: number;

  beforeAll(async () => {
    database = await createTestDatabase('mysql');
    proxy = new CuttableProxy({ host: database.host, port: database.port });
    proxiedUrl = await proxy.urlFor(database);
    t = await startDatasetApp({ ...database, url: proxiedUrl }, 's3', { dbPoolSize: 4 });
    cast = await createCast(t);
    fixture = await createProjectFixture(t, cast);
    datasetId = (await upload(t, cast.owner.token, fixture.projectId, 'orders', ordersCsv(makeOrders(20)))).json().id;
    chartId = await createChart(t, cast.owner.token, fixture.projectId, {
      title: 'units',
      source: { datasetId },
      type: 'bar',
      encoding: { x: 'region', y: ['units'], aggregate: 'sum' },
    });
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.close();
    await database?.drop();
  });

  const spec = () => ({ source: { datasetId }, type: 'bar', encoding: { x: 'product', y: ['units'], aggregate: 'sum' } });

  it('a database outage answers 503 on every chart route, saves nothing, and recovers', async () => {
    proxy.cutAll();
    const requests = [
      () => t.request({ method: 'GET', url: `/api/charts/${chartId}/data`, token: cast.viewer.token }),
      () => t.request({ method: 'GET', url: `/api/charts/${chartId}`, token: cast.viewer.token }),
      () => t.request({ method: 'GET', url: `/api/projects/${fixture.projectId}/charts`, token: cast.viewer.token }),
      () =>
        t.request({ method: 'POST', url: `/api/projects/${fixture.projectId}/charts/preview`, token: cast.viewer.token, payload: spec() }),
      () =>
        t.request({
          method: 'POST',
          url: `/api/projects/${fixture.projectId}/charts`,
          token: cast.owner.token,
          payload: { title: 'no', ...spec() },
        }),
      () => t.request({ method: 'PATCH', url: `/api/charts/${chartId}`, token: cast.owner.token, payload: { title: 'no' } }),
      () =>
        t.request({
          method: 'PUT',
          url: `/api/projects/${fixture.projectId}/dashboard`,
          token: cast.owner.token,
          payload: { order: [chartId] },
        }),
      () => t.request({ method: 'DELETE', url: `/api/charts/${chartId}`, token: cast.owner.token }),
    ];
    for (const send of requests) {
      const response = await send();
      expect({ status: response.statusCode, code: response.json().error.code }).toEqual({ status: 503, code: 'database_unavailable' });
    }
    proxy.restore();
    const list = await eventually(
      () => t.request({ method: 'GET', url: `/api/projects/${fixture.projectId}/charts`, token: cast.viewer.token }),
      200,
    );
    expect(list.json().items.map((c: { id: number; title: string }) => [c.id, c.title])).toEqual([[chartId, 'units']]);
    await eventually(() => t.request({ method: 'GET', url: `/api/charts/${chartId}/data`, token: cast.viewer.token }), 200);
  });

  it('a storage outage answers 503 storage_unavailable where the data needs the file, and the data comes once storage is back', async () => {
    // A second replica has no local copy of the dataset's file: computing needs the storage.
    const replica = await startDatasetApp({ ...database, url: proxiedUrl }, 's3', {}, { s3: t.s3 });
    try {
      await t.s3!.stop();
      try {
        const requests = [
          () => replica.request({ method: 'GET', url: `/api/charts/${chartId}/data`, token: cast.viewer.token }),
          () =>
            replica.request({
              method: 'POST',
              url: `/api/projects/${fixture.projectId}/charts/preview`,
              token: cast.viewer.token,
              payload: spec(),
            }),
        ];
        for (const send of requests) {
          const response = await send();
          expect({ status: response.statusCode, code: response.json().error.code }).toEqual({ status: 503, code: 'storage_unavailable' });
        }
      } finally {
        await t.s3!.start();
      }
      const data = await eventually(
        () => replica.request({ method: 'GET', url: `/api/charts/${chartId}/data`, token: cast.viewer.token }),
        200,
      );
      expect(data.json().sourceVersion).toBe(`${datasetId}@1`);
    } finally {
      await replica.close();
    }
  });
});
