import { createCast, createProjectFixture, type Cast, type ProjectFixture } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import { DIALECTS, createTestDatabase, type TestDatabase } from './support/test-databases';

interface ProjectPage {
  items: Array<{ id: number }>;
  nextCursor: string | null;
}

const TRICKY_TEXT = [
  "'; DROP TABLE projects; --",
  '" OR "1"="1',
  'back\\slash \\\\ and 100% _under_ %s',
  'Ünïcødé café naïve — “quotes” ‘single’',
  'emoji 🚀🔥 family 👩‍👩‍👧‍👦 flags 🇫🇷🇯🇵 skin 👍🏽',
  'math 𝕏𝔸𝕄 ancient 𓀀 CJK 中文字 한국어 RTL עברית العربية',
  'combining e\u0301 vs é, zero\u200bwidth, bom \ufeff',
  'tab\tnew\nline\r\nnull\u0000byte',
];

describe.each(DIALECTS)('bad input on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  let cast: Cast;
  let fixture: ProjectFixture;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = await startTestApp({ database });
    cast = await createCast(t);
    fixture = await createProjectFixture(t, cast);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  const post = (url: string, payload: string | object, headers: Record<string, string> = {}) =>
    t.request({ method: 'POST', url, token: cast.owner.token, payload, headers: { 'content-type': 'application/json', ...headers } });

  it.each([
    ['malformed JSON', '{"name": "x",', 400, 'malformed_json', /JSON/i],
    ['empty body', '', 400, 'malformed_json', /empty/i],
    ['a JSON array', '[1,2]', 400, 'validation_failed', /body must be object/],
    ['a wrong type', { name: 123 }, 400, 'validation_failed', /body\/name must be string/],
    ['a missing field', { description: 'no name' }, 400, 'validation_failed', /must have the property "name"/],
    ['an unknown field', { name: 'ok', owner_id: 1 }, 400, 'validation_failed', /must not have the property "owner_id"/],
    ['a blank name', { name: '   ' }, 400, 'validation_failed', /body\/name/],
    ['a too long name', { name: 'x'.repeat(201) }, 400, 'validation_failed', /body\/name must NOT have more than 200 characters/],
    ['a 100 KB description', { name: 'ok', description: 'x'.repeat(100_000) }, 400, 'validation_failed', /body\/description/],
    ['a 1 MB string', { name: 'x'.repeat(1024 * 1024) }, 413, 'payload_too_large', /too large/i],
    ['a lone surrogate', '{"name":"bad \\ud800 text"}', 400, 'invalid_unicode', /body\/name/],
  ])('POST /api/projects with %s answers %d %s', async (_case, payload, status, code, message) => {
    const response = await post('/api/projects', payload);
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
    expect(response.json().error.message).toMatch(message);
  });

  it('rejects non-JSON media types with 415', async () => {
    const response = await post('/api/projects', 'name=x', { 'content-type': 'text/plain' });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('unsupported_media_type');
  });

  it('does not coerce body types ("5" is not a number, 1 is not a string)', async () => {
    const created = await post(`/api/projects/${fixture.projectId}/datasets`, {
      name: 'd',
      uri: 's3://b/k',
      format: 'csv',
      sizeBytes: '5',
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.message).toMatch(/body\/sizeBytes must be integer/);
  });

  it('names the allowed values of enums', async () => {
    const response = await post(`/api/projects/${fixture.projectId}/tasks`, { title: 't', kind: 'cron' });
    expect(response.json().error.message).toBe('body/kind must be one of: notebook, spark, manual');
  });

  it.each(TRICKY_TEXT)('round-trips %j byte for byte', async (text) => {
    const created = await post('/api/projects', { name: text, description: text });
    expect(created.statusCode).toBe(201);
    const fetched = await t.request({ method: 'GET', url: `/api/projects/${created.json().id}`, token: cast.owner.token });
    expect(Buffer.from(fetched.json().name, 'utf8').equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(Buffer.from(fetched.json().description, 'utf8').equals(Buffer.from(text, 'utf8'))).toBe(true);
    const row = await t.ctx.db.selectFrom('projects').select('name').where('id', '=', created.json().id).executeTakeFirstOrThrow();
    expect(row.name).toBe(text);
  });

  it('round-trips 200 four-byte characters in a 200-character name', async () => {
    const name = '😀'.repeat(200);
    const created = await post('/api/projects', { name });
    expect(created.statusCode).toBe(201);
    expect(created.json().name).toBe(name);
  });

  it('treats search metacharacters literally', async () => {
    const marker = `lit-${Date.now()}`;
    await post('/api/projects', { name: `${marker} 100% done` });
    await post('/api/projects', { name: `${marker} 1000 done` });
    const search = async (q: string) =>
      (await t.request({ method: 'GET', url: `/api/projects?q=${encodeURIComponent(q)}`, token: cast.owner.token }))
        .json()
        .items.map((p: { name: string }) => p.name);
    expect(await search(`${marker} 100%`)).toEqual([`${marker} 100% done`]);
    expect(await search(`${marker} 1_0`)).toEqual([]);
    expect(await search(marker.toUpperCase())).toHaveLength(2);
  });

  it.each([
    ['-1', 400],
    ['0', 400],
    ['abc', 400],
    ['1.5', 400],
    ['2147483648', 400],
    ['99999999999999999999999', 400],
    ['2147483647', 404],
  ])('GET /api/projects/%s answers %d', async (id, status) => {
    const response = await t.request({ method: 'GET', url: `/api/projects/${id}`, token: cast.owner.token });
    expect(response.statusCode).toBe(status);
    expect(response.json().error.message).toMatch(status === 400 ? /params\/id/ : /not found/);
  });

  it.each([
    ['GET', '/api/tasks/-5'],
    ['GET', '/api/datasets/x'],
    ['DELETE', '/api/users/1e999'],
    ['DELETE', '/api/projects/1/members/-2'],
  ] as const)('%s %s answers 400, never 500', async (method, url) => {
    const response = await t.request({ method, url, token: cast.admin.token });
    expect(response.statusCode).toBe(400);
  });

  it.each([
    ['limit=0', /querystring\/limit/],
    ['limit=101', /querystring\/limit/],
    ['limit=ten', /querystring\/limit/],
    ['cursor=!!!', /querystring\/cursor/],
    ['cursor=bm90LWFuLWlk', /cursor/],
  ])('GET /api/projects?%s answers 400', async (query, message) => {
    const response = await t.request({ method: 'GET', url: `/api/projects?${query}`, token: cast.owner.token });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(message);
  });

  it('pages with cursors without gaps or repeats', async () => {
    const owner = await t.createUser('analyst');
    const created: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      created.push((await t.request({ method: 'POST', url: '/api/projects', token: owner.token, payload: { name: `p${i}` } })).json().id);
    }
    // The page's type comes from the helper's signature, not from an initializer that reads
    // `cursor`, which the loop assigns from the page (a circular inference).
    const pageAfter = async (after: string | null): Promise<ProjectPage> =>
      (
        await t.request({ method: 'GET', url: `/api/projects?limit=3${after ? `&cursor=${after}` : ''}`, token: owner.token })
      ).json<ProjectPage>();
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await pageAfter(cursor);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...created].reverse());
  });

  it('rejects task parameters over 64 KiB and notebook tasks without a notebook', async () => {
    const big = { blob: 'x'.repeat(70_000) };
    const tooBig = await post(`/api/projects/${fixture.projectId}/tasks`, { title: 't', kind: 'spark', parameters: big });
    expect(tooBig.json().error.code).toBe('parameters_too_large');
    const noNotebook = await post(`/api/projects/${fixture.projectId}/tasks`, { title: 't', kind: 'notebook' });
    expect(noNotebook.json().error.code).toBe('notebook_required');
  });

  it('answers unknown /api routes with a JSON 404', async () => {
    const response = await t.request({ method: 'GET', url: '/api/nope', token: cast.owner.token });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });
});
