import { startDatasetApp, upload, type DatasetTestApp } from '../datasets/support/dataset-app';
import { createCast, createProjectFixture, type Cast, type ProjectFixture } from '../support/fixtures';
import { DIALECTS, TEST_REDIS_URL, createTestDatabase, type TestDatabase } from '../support/test-databases';
import { aggregate } from './sales-fixture';
import { aggregateBy, aggregateBy2, createChart, makeOrders, ordersCsv, rounded } from './support/chart-fixtures';

const ORDERS = makeOrders(60);

interface ChartDataBody {
  columns: { name: string; role: string; kind: string }[];
  rows: unknown[][];
  truncated: boolean;
  sourceVersion: string;
  computedAt: string;
}

// SQLite with the chart data cache in memory; MariaDB with it in Redis (behind memory).
describe.each(DIALECTS)('charts API on %s', (dialect) => {
  let database: TestDatabase;
  let t: DatasetTestApp;
  let cast: Cast;
  let fixture: ProjectFixture;
  let datasetId: number;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = await startDatasetApp(database, 'file', dialect === 'mysql' ? { redisUrl: TEST_REDIS_URL } : {});
    cast = await createCast(t);
    fixture = await createProjectFixture(t, cast);
    const uploaded = await upload(t, cast.owner.token, fixture.projectId, 'orders', ordersCsv(ORDERS));
    expect(uploaded.statusCode).toBe(201);
    datasetId = uploaded.json().id;
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  const data = async (chartId: number, token = cast.viewer.token): Promise<ChartDataBody> => {
    const response = await t.request({ method: 'GET', url: `/api/charts/${chartId}/data`, token });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const chartOf = (type: string, encoding: Record<string, unknown>, source: Record<string, unknown> = { datasetId }) =>
    createChart(t, cast.owner.token, fixture.projectId, { title: `${type} chart`, source, type, encoding });

  describe('the data of each chart type equals the aggregate computed here from the same rows', () => {
    it('bar: sum of revenue per region, by region', async () => {
      const body = await data(await chartOf('bar', { x: 'region', y: ['revenue'], aggregate: 'sum' }));
      expect(body.columns.map((c) => [c.name, c.role, c.kind])).toEqual([
        ['region', 'x', 'string'],
        ['sum(revenue)', 'y', 'number'],
      ]);
      expect(rounded(body.rows)).toEqual(rounded(aggregateBy(ORDERS, 'region', 'sum', 'revenue')));
      expect(body.truncated).toBe(false);
      expect(body.sourceVersion).toBe(`${datasetId}@1`);
    });

    it('line: average units per year', async () => {
      const body = await data(await chartOf('line', { x: 'year', y: ['units'], aggregate: 'avg' }));
      expect(rounded(body.rows)).toEqual(rounded(aggregateBy(ORDERS, 'year', 'avg', 'units')));
    });

    it('area: sum of revenue per year and product', async () => {
      const body = await data(await chartOf('area', { x: 'year', series: 'product', y: ['revenue'], aggregate: 'sum' }));
      expect(rounded(body.rows)).toEqual(rounded(aggregateBy2(ORDERS, 'year', 'product', 'sum', 'revenue')));
    });

    it('scatter: every (units, revenue) pair, ordered by units', async () => {
      const body = await data(await chartOf('scatter', { x: 'units', y: ['revenue'] }));
      const units = body.rows.map((r) => r[0] as number);
      expect(units).toEqual([...units].sort((a, b) => a - b));
      const pairs = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
      expect(pairs(body.rows)).toEqual(pairs(ORDERS.map((o) => [o.units, o.revenue])));
    });

    it('pie: count of revenue values per product (nulls not counted)', async () => {
      const body = await data(await chartOf('pie', { x: 'product', y: ['revenue'], aggregate: 'count' }));
      expect(body.rows).toEqual(aggregateBy(ORDERS, 'product', 'count', 'revenue'));
    });

    it('heatmap: largest units per region and product', async () => {
      const body = await data(await chartOf('heatmap', { x: 'region', series: 'product', y: ['units'], aggregate: 'max' }));
      expect(body.rows).toEqual(aggregateBy2(ORDERS, 'region', 'product', 'max', 'units'));
    });

    it('table without encoding: the source rows as they are, limited', async () => {
      const body = await data(await chartOf('table', { limit: 10 }));
      expect(body.columns.map((c) => c.name)).toEqual(['region', 'product', 'year', 'units', 'revenue']);
      expect(body.rows).toHaveLength(10);
      expect(body.truncated).toBe(true);
      const all = new Set(ORDERS.map((o) => JSON.stringify([o.region, o.product, o.year, o.units, o.revenue])));
      for (const row of body.rows) expect(all.has(JSON.stringify(row))).toBe(true);
    });

    it('number: total units of one region, over a {sql} source', async () => {
      const body = await data(
        await chartOf('number', { y: ['units'], aggregate: 'sum' }, { sql: "SELECT * FROM orders WHERE region = 'north'" }),
      );
      expect(body.rows).toEqual([
        [
          aggregate(
            'sum',
            ORDERS.filter((o) => o.region === 'north').map((o) => o.units),
          ),
        ],
      ]);
      expect(body.sourceVersion).toBe(`${datasetId}@1`);
    });

    it('preview computes the same data without saving a chart', async () => {
      const before = await t.request({ method: 'GET', url: `/api/projects/${fixture.projectId}/charts`, token: cast.viewer.token });
      const response = await t.request({
        method: 'POST',
        url: `/api/projects/${fixture.projectId}/charts/preview`,
        token: cast.viewer.token,
        payload: { source: { datasetId }, type: 'bar', encoding: { x: 'product', y: ['units'], aggregate: 'min' } },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json().rows).toEqual(aggregateBy(ORDERS, 'product', 'min', 'units'));
      const after = await t.request({ method: 'GET', url: `/api/projects/${fixture.projectId}/charts`, token: cast.viewer.token });
      expect(after.json().items).toHaveLength(before.json().items.length);
    });
  });

  describe('validation', () => {
    const post = (body: Record<string, unknown>, token = cast.owner.token) =>
      t.request({ method: 'POST', url: `/api/projects/${fixture.projectId}/charts`, token, payload: body });
    const errorOf = (response: { statusCode: number; json: () => { error: { code: string; message: string } } }) => ({
      status: response.statusCode,
      ...response.json().error,
    });

    it('a column the dataset does not have is 400 unknown_column naming it and the field', async () => {
      const response = await post({ title: 't', source: { datasetId }, type: 'bar', encoding: { x: 'regoin', y: ['units'] } });
      expect(errorOf(response)).toMatchObject({ status: 400, code: 'unknown_column', message: expect.stringContaining('encoding.x') });
      expect(response.json().error.message).toContain('"regoin"');
    });

    it('a column a {sql} source does not select is 400 unknown_column; the preview says the same', async () => {
      const body = { source: { sql: 'SELECT region, units FROM orders' }, type: 'bar', encoding: { x: 'region', y: ['revenue'] } };
      expect(errorOf(await post({ title: 't', ...body }))).toMatchObject({ status: 400, code: 'unknown_column' });
      const preview = await t.request({
        method: 'POST',
        url: `/api/projects/${fixture.projectId}/charts/preview`,
        token: cast.viewer.token,
        payload: body,
      });
      expect(errorOf(preview)).toMatchObject({ status: 400, code: 'unknown_column', message: expect.stringContaining('"revenue"') });
    });

    it('an encoding the type does not allow is 400 invalid_encoding naming the field', async () => {
      expect(errorOf(await post({ title: 't', source: { datasetId }, type: 'pie', encoding: { y: ['units'] } }))).toMatchObject({
        status: 400,
        code: 'invalid_encoding',
        message: expect.stringContaining('encoding.x is required'),
      });
      expect(
        errorOf(
          await post({ title: 't', source: { datasetId }, type: 'bar', encoding: { x: 'region', y: ['product'], aggregate: 'sum' } }),
        ),
      ).toMatchObject({ status: 400, code: 'invalid_encoding', message: expect.stringContaining('numeric') });
    });

    it('a dataset of another project, a registered dataset and a write statement are refused by name', async () => {
      const other = await createProjectFixture(t, cast, 'other project');
      const foreign = await upload(t, cast.owner.token, other.projectId, 'foreign', ordersCsv(ORDERS.slice(0, 3)));
      const chart = (source: Record<string, unknown>) => post({ title: 't', source, type: 'table', encoding: {} });
      expect(errorOf(await chart({ datasetId: foreign.json().id }))).toMatchObject({
        status: 400,
        code: 'unknown_dataset',
        message: expect.stringContaining(`dataset ${foreign.json().id}`),
      });
      expect(errorOf(await chart({ datasetId: fixture.datasetId }))).toMatchObject({ status: 400, code: 'registered_dataset' });
      expect(errorOf(await chart({ sql: 'DELETE FROM orders' }))).toMatchObject({ status: 400, code: 'invalid_query' });
      expect(errorOf(await chart({ sql: 'SELECT * FROM foreign' }))).toMatchObject({ status: 400, code: 'invalid_query' });
    });

    it('a body outside the schema is 400 validation_failed and nothing is saved', async () => {
      const before = (await t.request({ method: 'GET', url: `/api/projects/${fixture.projectId}/charts`, token: cast.owner.token })).json();
      for (const body of [
        { title: 't', source: { datasetId }, type: 'donut', encoding: {} },
        { title: 't', source: { datasetId, sql: 'SELECT 1' }, type: 'table', encoding: {} },
        { title: '', source: { datasetId }, type: 'table', encoding: {} },
        { title: 't', source: { datasetId }, type: 'table', encoding: {}, width: 13 },
      ]) {
        expect(errorOf(await post(body))).toMatchObject({ status: 400, code: 'validation_failed' });
      }
      const after = (await t.request({ method: 'GET', url: `/api/projects/${fixture.projectId}/charts`, token: cast.owner.token })).json();
      expect(after).toEqual(before);
    });
  });

  describe('access', () => {
    const body = () => ({ title: 'access', source: { datasetId }, type: 'number', encoding: { y: ['units'], aggregate: 'sum' } });

    it('the owner, an editor and an admin create, change and delete charts; a viewer gets 403; an outsider 404; no token 401', async () => {
      const url = `/api/projects/${fixture.projectId}/charts`;
      for (const who of [cast.owner, cast.editor, cast.admin]) {
        const created = await t.request({ method: 'POST', url, token: who.token, payload: body() });
        expect(created.statusCode).toBe(201);
        const id = created.json().id;
        const patched = await t.request({ method: 'PATCH', url: `/api/charts/${id}`, token: who.token, payload: { width: 12 } });
        expect({ status: patched.statusCode, width: patched.json().width }).toEqual({ status: 200, width: 12 });
        expect((await t.request({ method: 'DELETE', url: `/api/charts/${id}`, token: who.token })).statusCode).toBe(204);
      }
      expect((await t.request({ method: 'POST', url, token: cast.viewer.token, payload: body() })).statusCode).toBe(403);
      expect((await t.request({ method: 'POST', url, token: cast.outsider.token, payload: body() })).statusCode).toBe(404);
      expect((await t.request({ method: 'POST', url, payload: body() })).statusCode).toBe(401);
    });

    it('a viewer member reads charts and their data; an outsider gets 404 for every read, as for a chart that does not exist', async () => {
      const id = await createChart(t, cast.owner.token, fixture.projectId, body());
      const reads = [`/api/charts/${id}`, `/api/charts/${id}/data`, `/api/projects/${fixture.projectId}/charts`];
      for (const url of reads) expect((await t.request({ method: 'GET', url, token: cast.viewer.token })).statusCode).toBe(200);
      for (const url of reads) expect((await t.request({ method: 'GET', url, token: cast.outsider.token })).statusCode).toBe(404);
      const writes = [
        { method: 'PATCH' as const, url: `/api/charts/${id}`, payload: { title: 'x' } },
        { method: 'DELETE' as const, url: `/api/charts/${id}` },
      ];
      for (const w of writes) {
        expect((await t.request({ ...w, token: cast.viewer.token })).statusCode).toBe(403);
        expect((await t.request({ ...w, token: cast.outsider.token })).statusCode).toBe(404);
      }
      expect((await t.request({ method: 'GET', url: '/api/charts/999999/data', token: cast.viewer.token })).statusCode).toBe(404);
      const preview = await t.request({
        method: 'POST',
        url: `/api/projects/${fixture.projectId}/charts/preview`,
        token: cast.outsider.token,
        payload: { source: { datasetId }, type: 'table', encoding: {} },
      });
      expect(preview.statusCode).toBe(404);
    });
  });

  describe('dashboard order', () => {
    let projectId: number;
    let ids: number[];
    const list = async () =>
      (await t.request({ method: 'GET', url: `/api/projects/${projectId}/charts`, token: cast.viewer.token }))
        .json()
        .items.map((c: { id: number; position: number }) => [c.id, c.position]);
    const arrange = (order: number[], token = cast.editor.token) =>
      t.request({ method: 'PUT', url: `/api/projects/${projectId}/dashboard`, token, payload: { order } });

    beforeAll(async () => {
      projectId = (await createProjectFixture(t, cast, 'ordered')).projectId;
      const source = (await upload(t, cast.owner.token, projectId, 'orders', ordersCsv(ORDERS))).json().id;
      ids = [];
      for (const title of ['a', 'b', 'c']) {
        ids.push(await createChart(t, cast.owner.token, projectId, { title, source: { datasetId: source }, type: 'table', encoding: {} }));
      }
    });

    it('lists new charts in the order they were created, numbered from 0', async () => {
      expect(await list()).toEqual(ids.map((id, i) => [id, i]));
    });

    it('PUT /dashboard arranges them, and the list follows', async () => {
      const response = await arrange([ids[2]!, ids[0]!, ids[1]!]);
      expect(response.statusCode).toBe(200);
      expect(await list()).toEqual([
        [ids[2], 0],
        [ids[0], 1],
        [ids[1], 2],
      ]);
    });

    it('an order that misses, repeats or adds a chart is 400 naming the charts, and changes nothing', async () => {
      const before = await list();
      const missing = await arrange([ids[0]!, ids[1]!]);
      expect(missing.json().error).toEqual({ code: 'invalid_order', message: expect.stringContaining(`${ids[2]} is missing`) });
      const foreign = await arrange([...ids, 999999]);
      expect(foreign.json().error).toEqual({ code: 'invalid_order', message: expect.stringContaining('999999 is not a chart') });
      const repeated = await arrange([ids[0]!, ids[0]!, ids[1]!, ids[2]!]);
      expect(repeated.statusCode).toBe(400);
      expect(repeated.json().error.message).toMatch(/duplicate/);
      expect((await arrange([...ids].reverse(), cast.viewer.token)).statusCode).toBe(403);
      expect(await list()).toEqual(before);
    });

    it('deleting a chart closes its gap', async () => {
      const [first, middle, last] = (await list()).map(([id]: number[]) => id);
      expect((await t.request({ method: 'DELETE', url: `/api/charts/${middle}`, token: cast.owner.token })).statusCode).toBe(204);
      expect(await list()).toEqual([
        [first, 0],
        [last, 1],
      ]);
    });
  });

  describe('cache', () => {
    it('serves the same computation again until the dataset gets a new version, then the new numbers', async () => {
      const chartId = await chartOf('bar', { x: 'product', y: ['units'], aggregate: 'sum' });
      const first = await data(chartId);
      const again = await data(chartId, cast.editor.token);
      expect(again).toEqual(first);

      const scaled = makeOrders(60, 3);
      const version = await t.request({
        method: 'POST',
        url: `/api/datasets/${datasetId}/versions`,
        token: cast.owner.token,
        payload: ordersCsv(scaled),
        headers: { 'content-type': 'text/csv' },
      });
      expect(version.statusCode).toBe(201);
      const fresh = await data(chartId);
      expect(fresh.sourceVersion).toBe(`${datasetId}@2`);
      expect(fresh.rows).toEqual(aggregateBy(scaled, 'product', 'sum', 'units'));
      expect(fresh.rows).not.toEqual(first.rows);
    });
  });
});
