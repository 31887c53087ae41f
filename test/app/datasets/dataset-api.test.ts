import { createCast, createProjectFixture, type Cast, type ProjectFixture } from '../support/fixtures';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/test-databases';
import {
  MULTIPART_TYPE,
  SALES_CSV,
  STORAGE_KINDS,
  multipartBody,
  startDatasetApp,
  upload,
  type DatasetTestApp,
} from './support/dataset-app';

const CASES = DIALECTS.flatMap((dialect) => STORAGE_KINDS.map((storage) => [dialect, storage] as const));

describe.each(CASES)('managed datasets on %s with %s storage', (dialect, storageKind) => {
  let database: TestDatabase;
  let t: DatasetTestApp;
  let cast: Cast;
  let fixture: ProjectFixture;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = await startDatasetApp(database, storageKind);
    cast = await createCast(t);
    fixture = await createProjectFixture(t, cast);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  const get = (url: string, token = cast.viewer.token) => t.request({ method: 'GET', url, token });

  it('uploads a CSV as version 1 with its typed schema, row count, size and a stored object', async () => {
    const response = await upload(t, cast.editor.token, fixture.projectId, 'Sales', SALES_CSV);
    expect(response.statusCode).toBe(201);
    const dataset = response.json();
    expect(dataset).toMatchObject({
      name: 'Sales',
      managed: true,
      format: 'csv',
      version: 1,
      rowCount: 5,
      sizeBytes: Buffer.byteLength(SALES_CSV),
      schema: {
        columns: [
          { name: 'region', type: 'string' },
          { name: 'product', type: 'string' },
          { name: 'quantity', type: 'integer' },
          { name: 'price', type: 'double' },
          { name: 'day', type: 'date' },
        ],
      },
    });
    const keys = t.storedKeys().filter((key) => key.startsWith(`datasets/${fixture.projectId}/${dataset.id}/`));
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(new RegExp(`^datasets/${fixture.projectId}/${dataset.id}/v1-[0-9a-f]{12}\\.csv$`));
    expect(dataset.uri.endsWith(keys[0]!)).toBe(true);
    expect(t.storedKeys().filter((key) => key.startsWith('.staging/'))).toEqual([]);
    // The dataset is in the project's list at once (the write dropped the cached list).
    const list = await get(`/api/projects/${fixture.projectId}/datasets`);
    expect(list.json().items.map((d: { name: string }) => d.name)).toContain('Sales');
  });

  it('previews the first rows in column order, with the total row count and version', async () => {
    const id = (await upload(t, cast.editor.token, fixture.projectId, 'preview me', SALES_CSV)).json().id;
    const response = await get(`/api/datasets/${id}/preview?limit=2`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      columns: expect.arrayContaining([{ name: 'quantity', type: 'integer' }]),
      rows: [
        ['north', 'widget', 3, 2.5, '2024-01-01'],
        ['south', 'widget', 1, 2.5, '2024-01-02'],
      ],
      rowCount: 5,
      version: 1,
    });
  });

  it('profiles every column once and answers the kept profile afterwards', async () => {
    const id = (await upload(t, cast.editor.token, fixture.projectId, 'profile me', SALES_CSV)).json().id;
    const first = await get(`/api/datasets/${id}/profile`);
    expect(first.statusCode).toBe(200);
    const quantity = first.json().columns.find((c: { name: string }) => c.name === 'quantity');
    expect(quantity).toMatchObject({ type: 'integer', nullCount: 1, distinctCount: 4, min: 1, max: 5, mean: 2.75 });
    expect(quantity.histogram.reduce((sum: number, bin: { count: number }) => sum + bin.count, 0)).toBe(4);
    const region = first.json().columns.find((c: { name: string }) => c.name === 'region');
    expect(region.top[0]).toEqual({ value: 'north', count: 3 });
    const kept = await t.ctx.db
      .selectFrom('dataset_versions')
      .select('profile_json')
      .where('dataset_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(kept.profile_json!).columns).toHaveLength(5);
    expect((await get(`/api/datasets/${id}/profile`)).json()).toEqual(first.json());
  });

  it('adds versions from raw and multipart bodies, lists them and downloads each as an attachment', async () => {
    const created = (await upload(t, cast.owner.token, fixture.projectId, 'versioned', SALES_CSV)).json();
    const second = 'region,product,quantity,price,day\nwest,valve,7,1.25,2024-02-01\n';
    const response = await t.request({
      method: 'POST',
      url: `/api/datasets/${created.id}/versions`,
      token: cast.editor.token,
      payload: multipartBody([{ name: 'second.csv', content: second }]),
      headers: { 'content-type': MULTIPART_TYPE },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ id: created.id, version: 2, rowCount: 1, sizeBytes: second.length });
    const versions = (await get(`/api/datasets/${created.id}/versions`)).json().items;
    expect(versions.map((v: { version: number; rowCount: number }) => [v.version, v.rowCount])).toEqual([
      [2, 1],
      [1, 5],
    ]);
    expect(versions[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const current = await get(`/api/datasets/${created.id}/download`);
    expect(current.statusCode).toBe(200);
    expect(current.body).toBe(second);
    expect(current.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(current.headers['content-disposition']).toBe(`attachment; filename="versioned-v2.csv"; filename*=UTF-8''versioned-v2.csv`);
    const first = await get(`/api/datasets/${created.id}/download?version=1`);
    expect(first.body).toBe(SALES_CSV);
    expect((await get(`/api/datasets/${created.id}/download?version=3`)).statusCode).toBe(404);
    expect((await get(`/api/datasets/${created.id}/preview?version=1&limit=1`)).json().rowCount).toBe(5);
  });

  it('reads newline-delimited JSON and a JSON array, and answers a non-ASCII name in Content-Disposition', async () => {
    const ndjson = await upload(t, cast.editor.token, fixture.projectId, 'événements', '{"a":1,"b":"x"}\n{"a":2,"b":null}\n', {
      contentType: 'application/json',
    });
    expect(ndjson.statusCode).toBe(201);
    expect(ndjson.json()).toMatchObject({
      format: 'json',
      rowCount: 2,
      schema: {
        columns: [
          { name: 'a', type: 'integer' },
          { name: 'b', type: 'string' },
        ],
      },
    });
    const array = await upload(t, cast.editor.token, fixture.projectId, 'array', '[{"n": 1.5}, {"n": 2}]', {
      format: 'json',
      contentType: 'application/octet-stream',
    });
    expect(array.json()).toMatchObject({ rowCount: 2, schema: { columns: [{ name: 'n', type: 'double' }] } });
    const download = await get(`/api/datasets/${ndjson.json().id}/download`);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="_v_nements-v1.json"; filename*=UTF-8''${encodeURIComponent('événements-v1.json')}`,
    );
  });

  it('answers SQL aggregates over the project datasets by name, quoted or not', async () => {
    await upload(t, cast.editor.token, fixture.projectId, 'orders', SALES_CSV);
    const response = await t.request({
      method: 'POST',
      url: `/api/projects/${fixture.projectId}/query`,
      token: cast.viewer.token,
      payload: { sql: 'SELECT region, sum(quantity) AS units FROM ORDERS GROUP BY region ORDER BY region', limit: 2 },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      columns: [
        { name: 'region', type: 'string' },
        { name: 'units', type: 'integer' },
      ],
      rows: [
        ['east', null],
        ['north', 10],
      ],
      rowCount: 2,
      truncated: true,
    });
    expect(response.json().elapsedMs).toEqual(expect.any(Number));
    const quoted = await t.request({
      method: 'POST',
      url: `/api/projects/${fixture.projectId}/query`,
      token: cast.viewer.token,
      payload: { sql: 'SELECT count(*) AS n FROM "preview me"' },
    });
    expect(quoted.json().rows).toEqual([[5]]);
  });

  it('deletes a managed dataset with every stored version, and the project with its files', async () => {
    const created = (await upload(t, cast.owner.token, fixture.projectId, 'doomed', SALES_CSV)).json();
    await t.request({
      method: 'POST',
      url: `/api/datasets/${created.id}/versions`,
      token: cast.owner.token,
      payload: SALES_CSV,
      headers: { 'content-type': 'text/csv' },
    });
    const prefix = `datasets/${fixture.projectId}/${created.id}/`;
    expect(t.storedKeys().filter((key) => key.startsWith(prefix))).toHaveLength(2);
    expect((await t.request({ method: 'DELETE', url: `/api/datasets/${created.id}`, token: cast.editor.token })).statusCode).toBe(204);
    expect(t.storedKeys().filter((key) => key.startsWith(prefix))).toEqual([]);
    expect(await t.ctx.db.selectFrom('dataset_versions').selectAll().where('dataset_id', '=', created.id).execute()).toEqual([]);

    const other = await createProjectFixture(t, cast, 'to delete');
    await upload(t, cast.owner.token, other.projectId, 'gone with the project', SALES_CSV);
    expect(t.storedKeys().some((key) => key.startsWith(`datasets/${other.projectId}/`))).toBe(true);
    expect((await t.request({ method: 'DELETE', url: `/api/projects/${other.projectId}`, token: cast.owner.token })).statusCode).toBe(204);
    expect(t.storedKeys().filter((key) => key.startsWith(`datasets/${other.projectId}/`))).toEqual([]);
  });

  it('renames a managed dataset but refuses changing what its versions decide', async () => {
    const created = (await upload(t, cast.owner.token, fixture.projectId, 'rename me', SALES_CSV)).json();
    const renamed = await t.request({
      method: 'PATCH',
      url: `/api/datasets/${created.id}`,
      token: cast.owner.token,
      payload: { name: 'renamed' },
    });
    expect(renamed.json()).toMatchObject({ name: 'renamed', version: 1, managed: true });
    const uri = await t.request({
      method: 'PATCH',
      url: `/api/datasets/${created.id}`,
      token: cast.owner.token,
      payload: { uri: 's3://x/y' },
    });
    expect(uri.statusCode).toBe(400);
    expect(uri.json().error.code).toBe('managed_dataset');
  });
});
