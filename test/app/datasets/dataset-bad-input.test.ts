import * as fs from 'node:fs';
import * as http from 'node:http';
import { Readable } from 'node:stream';
import { DataWorkspace } from '../data-engine/support/data-fixtures';
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
const MAX_UPLOAD = 8192;

describe.each(CASES)('bad uploads and queries on %s with %s storage', (dialect, storageKind) => {
  let database: TestDatabase;
  let t: DatasetTestApp;
  let cast: Cast;
  let fixture: ProjectFixture;
  let other: ProjectFixture;
  const workspace = new DataWorkspace();
  let parquetBytes: Buffer;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = await startDatasetApp(database, storageKind, { maxUploadBytes: MAX_UPLOAD, queryTimeoutMs: 1000 });
    cast = await createCast(t);
    fixture = await createProjectFixture(t, cast);
    other = await createProjectFixture(t, cast, 'other project');
    parquetBytes = fs.readFileSync(await workspace.parquet('p.parquet', 'SELECT 1 AS a'));
    expect((await upload(t, cast.owner.token, fixture.projectId, 'Sales', SALES_CSV)).statusCode).toBe(201);
    expect((await upload(t, cast.owner.token, other.projectId, 'secret_orders', SALES_CSV)).statusCode).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
    workspace.dispose();
  });

  /** What is stored and recorded: a refused upload must change neither. */
  async function state() {
    const rows = await t.ctx.db.selectFrom('datasets').select('id').execute();
    const versions = await t.ctx.db.selectFrom('dataset_versions').select('id').execute();
    return { keys: t.storedKeys(), spool: t.spoolFiles(), rows: rows.length, versions: versions.length };
  }

  async function expectRefused(
    send: () => Promise<{ statusCode: number; headers: Record<string, unknown>; json(): any }>,
    status: number,
    code: string,
    message?: RegExp,
  ) {
    const before = await state();
    const response = await send();
    expect({ status: response.statusCode, code: response.json().error?.code }).toEqual({ status, code });
    if (message) expect(response.json().error.message).toMatch(message);
    expect(await state()).toEqual(before);
    return response;
  }

  const csv = (name: string, body: Buffer | string, options?: { format?: string; contentType?: string }) => () =>
    upload(t, cast.editor.token, fixture.projectId, name, body, options);

  it('413 for a Content-Length over MAX_UPLOAD_BYTES, before reading, closing the connection', async () => {
    const response = await expectRefused(csv('big', 'a\n'.repeat(MAX_UPLOAD)), 413, 'payload_too_large', /8192 bytes/);
    expect(response.headers).toMatchObject({ connection: 'close' });
  });

  it('413 for a streamed body that passes the limit, leaving nothing', async () => {
    const chunks = Array.from({ length: 20 }, () => Buffer.from('x,y\n'.repeat(256)));
    await expectRefused(
      () =>
        t.request({
          method: 'POST',
          url: `/api/projects/${fixture.projectId}/datasets/upload?name=streamed`,
          token: cast.editor.token,
          payload: Readable.from(chunks),
          headers: { 'content-type': 'text/csv' },
        }),
      413,
      'payload_too_large',
    );
    await expectRefused(
      () =>
        t.request({
          method: 'POST',
          url: `/api/projects/${fixture.projectId}/datasets/upload?name=multi`,
          token: cast.editor.token,
          payload: Readable.from([multipartBody([{ name: 'big.csv', content: 'x,y\n'.repeat(4000) }])]),
          headers: { 'content-type': MULTIPART_TYPE },
        }),
      413,
      'payload_too_large',
    );
  });

  it('400 for a truncated multipart body, a body with no file and one with two files', async () => {
    const whole = multipartBody([{ name: 'a.csv', content: SALES_CSV }]);
    const multipart = (payload: Buffer) => () =>
      t.request({
        method: 'POST',
        url: `/api/projects/${fixture.projectId}/datasets/upload?name=parts`,
        token: cast.editor.token,
        payload,
        headers: { 'content-type': MULTIPART_TYPE },
      });
    await expectRefused(multipart(whole.subarray(0, whole.length - 60)), 400, 'upload_interrupted', /ended before the whole file/);
    await expectRefused(multipart(Buffer.from('--test-boundary-7MA4YWxk--\r\n')), 400, 'file_required');
    const two = multipartBody([
      { name: 'a.csv', content: SALES_CSV },
      { name: 'b.csv', content: SALES_CSV },
    ]);
    await expectRefused(multipart(two), 400, 'one_file_only');
  });

  it('over a real connection an upload succeeds, and a client that disconnects mid-upload leaves no row and no object', async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const whole = await fetch(`${base}/api/projects/${fixture.projectId}/datasets/upload?name=over%20http`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cast.editor.token}`, 'content-type': 'text/csv' },
      body: SALES_CSV,
    });
    expect(whole.status).toBe(201);
    const before = await state();
    await new Promise<void>((resolve) => {
      const request = http.request(`${base}/api/projects/${fixture.projectId}/datasets/upload?name=dropped`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cast.editor.token}`, 'content-type': 'text/csv', 'content-length': String(MAX_UPLOAD - 10) },
      });
      request.on('error', () => resolve());
      request.write('a,b\n'.repeat(500), () => setTimeout(() => request.destroy(), 100));
      request.on('close', () => resolve());
    });
    // The server notices the reset and cleans up asynchronously.
    for (let i = 0; i < 50 && JSON.stringify(await state()) !== JSON.stringify(before); i += 1)
      await new Promise((r) => setTimeout(r, 100));
    expect(await state()).toEqual(before);
  });

  it.each([
    ['CSV declared Parquet', SALES_CSV, 'parquet', /not Parquet: it does not start with the PAR1 magic bytes/],
    ['JSON declared CSV', '[{"a": 1}]', 'csv', /looks like JSON, not CSV/],
    ['CSV declared JSON', SALES_CSV, 'json', /not a JSON dataset/],
    ['an empty file', '', 'csv', /the file is empty/],
    ['a CSV with a ragged row', 'a,b\n1,2\n3,4,5\n6,7\n', 'csv', /CSV error on line 3/],
    [
      'a CSV that is not UTF-8',
      Buffer.concat([Buffer.from('name,city\nok,Paris\n'), Buffer.from([0x4d, 0xfc, 0x6e]), Buffer.from(',x\n')]),
      'csv',
      /CSV error on line 3/,
    ],
  ])('400 invalid_dataset for %s, naming the problem', async (_what, body, format, message) => {
    await expectRefused(csv('bad', body, { format, contentType: 'application/octet-stream' }), 400, 'invalid_dataset', message);
  });

  it('400 invalid_dataset for Parquet bytes declared CSV', async () => {
    await expectRefused(csv('bad parquet', parquetBytes, { format: 'csv' }), 400, 'invalid_dataset', /the file is Parquet, not CSV/);
  });

  it('409 dataset_exists for a name the project has in any letter case, uploaded or registered', async () => {
    await expectRefused(csv('SALES', SALES_CSV), 409, 'dataset_exists', /"SALES"/);
    await expectRefused(
      () =>
        t.request({
          method: 'POST',
          url: `/api/projects/${fixture.projectId}/datasets`,
          token: cast.editor.token,
          payload: { name: 'sales', uri: 's3://b/k', format: 'csv' },
        }),
      409,
      'dataset_exists',
    );
    // Another project may use the name.
    expect((await upload(t, cast.owner.token, other.projectId, 'Sales', SALES_CSV)).statusCode).toBe(201);
  });

  it.each(['a/b', '../etc', 'back\\slash', '.', '..', 'tab\there'])('400 invalid_name for %j, naming the rule', async (name) => {
    await expectRefused(csv(name, SALES_CSV), 400, 'invalid_name', /may not contain '\/', '\\' or control characters, nor be '.' or '..'/);
  });

  it('415 for a media type that is not a file, and 400 when nothing says the format', async () => {
    await expectRefused(csv('xml', '<a/>', { contentType: 'application/xml' }), 415, 'unsupported_media_type', /multipart\/form-data/);
    await expectRefused(csv('unknown', SALES_CSV, { contentType: 'application/octet-stream' }), 400, 'format_required', /\?format=csv/);
  });

  describe('queries', () => {
    const query = (sql: string, projectId = fixture.projectId) =>
      t.request({ method: 'POST', url: `/api/projects/${projectId}/query`, token: cast.viewer.token, payload: { sql } });

    it.each([
      ['a file read', "SELECT * FROM read_csv('/etc/passwd')", 'invalid_query'],
      ['a bare file path', "SELECT * FROM '/etc/passwd'", 'invalid_query'],
      ['COPY ... TO', "COPY (SELECT * FROM sales) TO '/tmp/stolen.csv'", 'invalid_query'],
      ['ATTACH', "ATTACH '/tmp/other.duckdb' AS other", 'invalid_query'],
      ['INSTALL httpfs', 'INSTALL httpfs', 'invalid_query'],
      ['another project’s dataset', 'SELECT * FROM secret_orders', 'invalid_query'],
      ['two statements', 'SELECT 1; SELECT 2', 'invalid_query'],
      [
        'a cross join that would run for minutes',
        'SELECT sum(a.range * b.range) FROM range(1000000000) a CROSS JOIN range(1000000000) b',
        'query_timeout',
      ],
    ])('refuses %s with 400', async (_what, sql, code) => {
      const response = await query(sql);
      expect({ status: response.statusCode, code: response.json().error.code }).toEqual({ status: 400, code });
      expect(JSON.stringify(response.json())).not.toContain(t.config.dataDir);
    });

    it('says a registered dataset cannot be queried, previewed, profiled or downloaded', async () => {
      const response = await query('SELECT * FROM "fixture data"');
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toBe(
        '"fixture data" is a registered dataset (an external uri): only uploaded (managed) datasets can be queried',
      );
      for (const path of ['preview', 'profile', 'download']) {
        const read = await t.request({ method: 'GET', url: `/api/datasets/${fixture.datasetId}/${path}`, token: cast.viewer.token });
        expect({ status: read.statusCode, code: read.json().error.code }).toEqual({ status: 400, code: 'registered_dataset' });
      }
    });
  });
});
