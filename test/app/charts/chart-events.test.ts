import * as fs from 'node:fs';
import * as path from 'node:path';
import { addDatasetVersionFromFile } from '../../../app/server/services/dataset-upload-service';
import { startDatasetApp, upload, type DatasetTestApp } from '../datasets/support/dataset-app';
import { createCast, createProjectFixture, type Cast, type ProjectFixture } from '../support/fixtures';
import { DIALECTS, TEST_REDIS_URL, createTestDatabase, type TestDatabase } from '../support/test-databases';
import { connectEvents, type EventClient } from '../support/ws-client';
import { aggregateBy, createChart, makeOrders, ordersCsv } from './support/chart-fixtures';

type Message = Record<string, unknown>;

// SQLite with the in-process event bus and chart cache; MariaDB with both in Redis.
describe.each(DIALECTS)('chart events on %s', (dialect) => {
  let database: TestDatabase;
  let t: DatasetTestApp;
  let base: string;
  let cast: Cast;
  let fixture: ProjectFixture;
  let ordersId: number;
  let otherId: number;
  const clients: EventClient[] = [];

  const open = async (token: string) => {
    const client = await connectEvents(base, token);
    clients.push(client);
    return client;
  };
  const rowsOf = async (chartId: number) => {
    const response = await t.request({ method: 'GET', url: `/api/charts/${chartId}/data`, token: cast.viewer.token });
    expect(response.statusCode).toBe(200);
    return response.json<{ rows: unknown[][]; sourceVersion: string }>();
  };
  const newVersion = (datasetId: number, csv: string) =>
    t.request({
      method: 'POST',
      url: `/api/datasets/${datasetId}/versions`,
      token: cast.editor.token,
      payload: csv,
      headers: { 'content-type': 'text/csv' },
    });

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = await startDatasetApp(database, 'file', dialect === 'mysql' ? { redisUrl: TEST_REDIS_URL } : {});
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    cast = await createCast(t);
    fixture = await createProjectFixture(t, cast);
    ordersId = (await upload(t, cast.owner.token, fixture.projectId, 'orders', ordersCsv(makeOrders(30)))).json().id;
    otherId = (await upload(t, cast.owner.token, fixture.projectId, 'other', ordersCsv(makeOrders(5)))).json().id;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await t?.close();
    await database?.drop();
  });

  it('chart.created, chart.updated and chart.deleted reach the members and admins, not an outsider', async () => {
    const listeners = await Promise.all([cast.owner, cast.viewer, cast.admin].map((u) => open(u.token)));
    const outsider = await open(cast.outsider.token);
    const chartId = await createChart(t, cast.editor.token, fixture.projectId, {
      title: 'live',
      source: { datasetId: ordersId },
      type: 'table',
      encoding: {},
    });
    await t.request({ method: 'PATCH', url: `/api/charts/${chartId}`, token: cast.editor.token, payload: { title: 'renamed' } });
    await t.request({ method: 'DELETE', url: `/api/charts/${chartId}`, token: cast.editor.token });
    for (const client of listeners) {
      expect(await client.waitFor((m) => m.type === 'chart.created' && m.chartId === chartId)).toMatchObject({
        projectId: fixture.projectId,
        data: { id: chartId, title: 'live', position: expect.any(Number) },
      });
      expect(await client.waitFor((m) => m.type === 'chart.updated' && m.chartId === chartId)).toMatchObject({
        data: { title: 'renamed' },
      });
      expect(await client.waitFor((m) => m.type === 'chart.deleted' && m.chartId === chartId)).toMatchObject({ data: { id: chartId } });
    }
    // The outsider's own project event comes after the chart events on the same bus.
    const own = await t.request({ method: 'POST', url: '/api/projects', token: cast.outsider.token, payload: { name: 'mine' } });
    await outsider.waitFor((m) => m.type === 'project.created' && m.projectId === own.json().id);
    expect(outsider.received.filter((m) => m.projectId === fixture.projectId)).toEqual([]);
  });

  it('a new version sends chart.data_changed for each chart reading the dataset, to members only, and the next read has the new numbers', async () => {
    const byDataset = await createChart(t, cast.owner.token, fixture.projectId, {
      title: 'units by region',
      source: { datasetId: ordersId },
      type: 'bar',
      encoding: { x: 'region', y: ['units'], aggregate: 'sum' },
    });
    const byQuery = await createChart(t, cast.owner.token, fixture.projectId, {
      title: 'total revenue',
      source: { sql: 'SELECT revenue FROM Orders' },
      type: 'number',
      encoding: { y: ['revenue'], aggregate: 'sum' },
    });
    const unrelated = await createChart(t, cast.owner.token, fixture.projectId, {
      title: 'other',
      source: { datasetId: otherId },
      type: 'table',
      encoding: {},
    });
    const before = await rowsOf(byDataset);
    await rowsOf(byQuery);
    const viewer = await open(cast.viewer.token);
    const outsider = await open(cast.outsider.token);

    const next = makeOrders(40, 2);
    const response = await newVersion(ordersId, ordersCsv(next));
    expect(response.statusCode).toBe(201);

    const changed = (chartId: number) => (m: Message) => m.type === 'chart.data_changed' && m.chartId === chartId;
    expect(await viewer.waitFor(changed(byDataset))).toEqual({
      type: 'chart.data_changed',
      projectId: fixture.projectId,
      chartId: byDataset,
      datasetId: ordersId,
      data: { chartId: byDataset },
    });
    await viewer.waitFor(changed(byQuery));
    // dataset.updated leaves after the chart events: once it is here, every chart event is.
    await viewer.waitFor((m) => m.type === 'dataset.updated' && m.datasetId === ordersId);
    expect(viewer.received.filter(changed(unrelated))).toEqual([]);

    const after = await rowsOf(byDataset);
    expect(after.sourceVersion).toBe(`${ordersId}@2`);
    expect(after.rows).toEqual(aggregateBy(next, 'region', 'sum', 'units'));
    expect(after.rows).not.toEqual(before.rows);
    const total = next.reduce((sum, o) => sum + (o.revenue ?? 0), 0);
    expect((await rowsOf(byQuery)).rows[0]![0]).toBeCloseTo(total, 6);

    const own = await t.request({ method: 'POST', url: '/api/projects', token: cast.outsider.token, payload: { name: 'marker' } });
    await outsider.waitFor((m) => m.type === 'project.created' && m.projectId === own.json().id);
    expect(outsider.received.filter((m) => m.type === 'chart.data_changed')).toEqual([]);
  });

  it("a run's output added as a new version tells the charts reading that dataset too", async () => {
    const chartId = await createChart(t, cast.owner.token, fixture.projectId, {
      title: 'other units',
      source: { datasetId: otherId },
      type: 'number',
      encoding: { y: ['units'], aggregate: 'max' },
    });
    await rowsOf(chartId);
    const owner = await open(cast.owner.token);
    const output = path.join(t.config.dataDir, 'run-output.csv');
    fs.writeFileSync(output, ordersCsv(makeOrders(5, 10)));
    await addDatasetVersionFromFile(t.ctx, { datasetId: otherId, source: { localPath: output } });
    await owner.waitFor((m) => m.type === 'chart.data_changed' && m.chartId === chartId);
    const data = await rowsOf(chartId);
    expect(data.rows).toEqual([[Math.max(...makeOrders(5, 10).map((o) => o.units))]]);
    expect(data.sourceVersion).toBe(`${otherId}@2`);
  });
  it('renaming a dataset tells the charts whose query names it; deleting it tells every chart reading it, whose data then says why', async () => {
    const doomed = (await upload(t, cast.owner.token, fixture.projectId, 'doomed', ordersCsv(makeOrders(4)))).json().id;
    const byQuery = await createChart(t, cast.owner.token, fixture.projectId, {
      title: 'by name',
      source: { sql: 'SELECT units FROM doomed' },
      type: 'number',
      encoding: { y: ['units'], aggregate: 'sum' },
    });
    const byId = await createChart(t, cast.owner.token, fixture.projectId, {
      title: 'by id',
      source: { datasetId: doomed },
      type: 'table',
      encoding: {},
    });
    const viewer = await open(cast.viewer.token);
    const changed = (chartId: number) => (m: Message) => m.type === 'chart.data_changed' && m.chartId === chartId;

    const renamed = await t.request({
      method: 'PATCH',
      url: `/api/datasets/${doomed}`,
      token: cast.owner.token,
      payload: { name: 'renamed' },
    });
    expect(renamed.statusCode).toBe(200);
    await viewer.waitFor(changed(byQuery));
    const broken = await t.request({ method: 'GET', url: `/api/charts/${byQuery}/data`, token: cast.viewer.token });
    expect({ status: broken.statusCode, code: broken.json().error.code }).toEqual({ status: 400, code: 'invalid_query' });

    expect((await t.request({ method: 'DELETE', url: `/api/datasets/${doomed}`, token: cast.owner.token })).statusCode).toBe(204);
    await viewer.waitFor(changed(byId));
    const gone = await t.request({ method: 'GET', url: `/api/charts/${byId}/data`, token: cast.viewer.token });
    expect({ status: gone.statusCode, code: gone.json().error.code }).toEqual({ status: 400, code: 'unknown_dataset' });
  });
});
