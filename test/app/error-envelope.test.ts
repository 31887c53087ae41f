import * as net from 'node:net';
import { MAX_JSON_DEPTH } from '../../app/server/plugins/json-body';
import { createCast, createProjectFixture, type Cast, type ProjectFixture } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import { DIALECTS, createTestDatabase, type TestDatabase } from './support/test-databases';

/** Exactly {"error":{"code","message"}}, JSON, with the given status and code. */
function expectEnvelope(response: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, code: string) {
  // Compared with the body, so a failure shows what came back.
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status });
  expect(String(response.headers['content-type'])).toMatch(/^application\/json/);
  const body = JSON.parse(response.body) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message']);
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
  return body.error.message;
}

/** `[[[...]]]` nested `depth` levels. */
const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
/** `{"a":{"a":...1}}` nested `depth` levels. */
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe.each(DIALECTS)('every 4xx is {"error":{"code","message"}} on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  let cast: Cast;
  let fixture: ProjectFixture;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = await startTestApp({ database, config: { bodyLimitBytes: 4096 } });
    cast = await createCast(t);
    fixture = await createProjectFixture(t, cast);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  const send = (
    method: 'POST' | 'PATCH' | 'DELETE' | 'GET',
    url: string,
    payload?: string | Buffer,
    headers: Record<string, string> = {},
  ) => t.request({ method, url, token: cast.owner.token, payload, headers });
  const json = { 'content-type': 'application/json' };
  const projectCount = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('projects')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('malformed JSON answers 400 malformed_json saying where JSON.parse stopped', async () => {
    const message = expectEnvelope(await send('POST', '/api/projects', '{"name": "x",', json), 400, 'malformed_json');
    expect(message).toMatch(/not valid JSON: .*JSON/);
  });

  it.each([
    ['POST', '/api/projects'],
    ['DELETE', '/api/projects/1'],
  ] as const)('an empty body sent as application/json (%s %s) answers 400 malformed_json', async (method, url) => {
    expect(expectEnvelope(await send(method, url, '', json), 400, 'malformed_json')).toMatch(/empty/);
  });

  it.each([
    ['text/plain', 'name=x'],
    ['application/x-www-form-urlencoded', 'name=x'],
    ['application/octet-stream', '{"name":"x"}'],
    ['multipart/form-data; boundary=x', '--x--'],
  ])('a %s body answers 415 unsupported_media_type naming the type', async (type, payload) => {
    const message = expectEnvelope(await send('POST', '/api/projects', payload, { 'content-type': type }), 415, 'unsupported_media_type');
    expect(message).toContain(type.split(';')[0]);
    expect(message).toMatch(/application\/json/);
  });

  it('a body without a Content-Type answers 415 unsupported_media_type', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: { authorization: `Bearer ${cast.owner.token}` },
      payload: Buffer.from('{"name":"x"}'),
    });
    expect(expectEnvelope(response, 415, 'unsupported_media_type')).toMatch(/without a Content-Type/);
  });

  it('a compressed body answers 415 unsupported_content_encoding', async () => {
    const response = await send('POST', '/api/projects', '{"name":"x"}', { ...json, 'content-encoding': 'gzip' });
    expectEnvelope(response, 415, 'unsupported_content_encoding');
  });

  it('a body over the limit answers 413 payload_too_large naming the limit', async () => {
    const message = expectEnvelope(
      await send('POST', '/api/projects', JSON.stringify({ name: 'x'.repeat(5000) }), json),
      413,
      'payload_too_large',
    );
    expect(message).toContain('4096 bytes');
  });

  it('a body shorter than its Content-Length answers 400 bad_request', async () => {
    const response = await send('POST', '/api/projects', '{"name":"x"}', { ...json, 'content-length': '5' });
    expectEnvelope(response, 400, 'bad_request');
  });

  it('a JSON body with a __proto__ key answers 400 forbidden_property and writes nothing', async () => {
    const before = await projectCount();
    expectEnvelope(await send('POST', '/api/projects', '{"name":"x","__proto__":{"admin":true}}', json), 400, 'forbidden_property');
    expect(await projectCount()).toBe(before);
  });

  it.each([
    ['a description of arrays 5,000 levels deep', `{"name":"deep","description":${nestedArrays(5000)}}`, '/api/projects'],
    ['a description of arrays 100,000 levels deep', `{"name":"deep","description":${nestedArrays(100_000)}}`, '/api/projects'],
  ])('%s answers 400 json_too_deep and writes nothing', async (_case, payload, url) => {
    // This file's app refuses bodies over 4 KiB before parsing them: use one with room.
    const roomy = await startTestApp({ database, config: { bodyLimitBytes: 1024 * 1024 } });
    try {
      const before = await projectCount();
      const response = await roomy.request({ method: 'POST', url, token: cast.owner.token, payload, headers: json });
      expect(expectEnvelope(response, 400, 'json_too_deep')).toContain(`${MAX_JSON_DEPTH} levels`);
      expect(await projectCount()).toBe(before);
    } finally {
      await roomy.close();
    }
  });

  it('task parameters nested past the limit answer 400 json_too_deep; nested within it they are stored', async () => {
    const url = `/api/projects/${fixture.projectId}/tasks`;
    const body = (depth: number) => `{"title":"deep","kind":"manual","parameters":${nestedObjects(depth)}}`;
    // The body object itself is one level, so parameters may nest MAX_JSON_DEPTH - 1 levels.
    expectEnvelope(await send('POST', url, body(MAX_JSON_DEPTH), json), 400, 'json_too_deep');
    const stored = await send('POST', url, body(MAX_JSON_DEPTH - 1), json);
    expect(stored.statusCode).toBe(201);
    expect(JSON.stringify(stored.json().parameters)).toBe(nestedObjects(MAX_JSON_DEPTH - 1));
  });

  it('brackets inside JSON strings do not count as nesting', async () => {
    const response = await send('POST', '/api/projects', JSON.stringify({ name: 'brackets', description: '['.repeat(3000) }), json);
    expect(response.statusCode).toBe(201);
  });

  it.each(['DELETE', 'PATCH'] as const)('a path parameter over 100 characters (%s) answers 414 uri_too_long', async (method) => {
    const response = await send(method, `/api/tasks/${'1'.repeat(101)}`, method === 'PATCH' ? '{"title":"x"}' : undefined, json);
    expectEnvelope(response, 414, 'uri_too_long');
    // Routed before any hook runs, and still with the security headers and a request id.
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('a GET with an over-long path parameter answers a JSON 404 (the UI route catches every GET)', async () => {
    expectEnvelope(await send('GET', `/api/tasks/${'1'.repeat(101)}`), 404, 'not_found');
  });

  it('a badly percent-encoded path answers 400 bad_url', async () => {
    const response = await send('DELETE', '/api/projects/%E0%A4%A');
    expectEnvelope(response, 400, 'bad_url');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each([
    ['GET', '/api/tasks/abc', /params\/id/],
    ['GET', '/api/projects/0', /params\/id/],
    ['DELETE', '/api/projects/1/members/x', /params\/userId/],
    ['GET', '/api/projects?limit=1000', /querystring\/limit/],
    ['GET', '/api/dashboard/summary?days=0', /querystring\/days/],
  ] as const)('bad params %s %s answer 400 validation_failed naming the field', async (method, url, field) => {
    expect(expectEnvelope(await send(method, url), 400, 'validation_failed')).toMatch(field);
  });

  it('an unknown route and an unknown method answer 404 not_found', async () => {
    expectEnvelope(await send('GET', '/api/nothing-here'), 404, 'not_found');
    expectEnvelope(await t.request({ method: 'OPTIONS', url: '/api/projects' }), 404, 'not_found');
  });

  it('a plain GET of the WebSocket route answers 426 upgrade_required', async () => {
    const response = await send('GET', '/api/ws');
    expectEnvelope(response, 426, 'upgrade_required');
    expect(response.headers.upgrade).toBe('websocket');
  });

  describe('requests Node rejects before Fastify sees them', () => {
    let port = 0;
    beforeAll(async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      port = (t.app.server.address() as net.AddressInfo).port;
    });

    /** Sends raw bytes and returns the parsed status, headers and body of the answer. */
    const raw = (request: string) =>
      new Promise<{ statusCode: number; headers: Record<string, string>; body: string }>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1');
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString('utf8')));
        socket.on('error', reject);
        socket.on('close', () => {
          const [head = '', body = ''] = data.split('\r\n\r\n');
          const [statusLine = '', ...lines] = head.split('\r\n');
          const headers = Object.fromEntries(
            lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
          );
          resolve({ statusCode: Number(statusLine.split(' ')[1]), headers, body });
        });
        socket.end(request);
      });

    it('a URL longer than 16 KiB answers 414 uri_too_long', async () => {
      const response = await raw(`GET /api/projects?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expectEnvelope(response, 414, 'uri_too_long');
    });

    it('headers larger than 16 KiB answer 431 headers_too_large', async () => {
      const response = await raw(`GET /api/projects HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`);
      expectEnvelope(response, 431, 'headers_too_large');
    });

    it('a request that is not HTTP answers 400 bad_request', async () => {
      expectEnvelope(await raw('HELLO THERE\r\n\r\n'), 400, 'bad_request');
    });
  });
});
