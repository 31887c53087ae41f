import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { validateChartSpec } from '../../../app/server/charts/chart-columns';
import { CreateChartBody, DashboardOrderBody, UpdateChartBody } from '../../../app/server/charts/chart-spec';
import errorHandler from '../../../app/server/plugins/error-handler';
import validation, { formatSchemaErrors } from '../../../app/server/plugins/validation';
import { SALES_COLUMNS } from './sales-fixture';

/**
 * The chart bodies through the API's own validation and error handler: every mistake is a
 * 400 in the error envelope naming the field.
 */
let app: FastifyInstance;

beforeAll(async () => {
  const server = Fastify({ logger: false, schemaErrorFormatter: formatSchemaErrors }).withTypeProvider<TypeBoxTypeProvider>();
  await server.register(validation);
  await server.register(errorHandler);
  server.post('/charts', { schema: { body: CreateChartBody } }, async (request, reply) => {
    validateChartSpec(request.body, SALES_COLUMNS);
    return reply.code(201).send(request.body);
  });
  server.patch('/charts/1', { schema: { body: UpdateChartBody } }, async (request) => request.body);
  server.put('/dashboard', { schema: { body: DashboardOrderBody } }, async (request) => request.body);
  await server.ready();
  app = server;
});
afterAll(() => app.close());

const valid = {
  title: 'Revenue by region',
  source: { datasetId: 7 },
  type: 'bar',
  encoding: { x: 'region', y: ['revenue'], aggregate: 'sum' },
};

async function post(body: unknown, url = '/charts', method: 'POST' | 'PATCH' | 'PUT' = 'POST') {
  const res = await app.inject({ method, url, payload: body as object });
  return { status: res.statusCode, body: res.json() };
}

describe('chart bodies', () => {
  it('accepts a chart over a dataset and gives it the default width of 6 columns', async () => {
    const res = await post(valid);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ ...valid, width: 6 });
  });

  it('accepts a chart over a SQL query', async () => {
    const res = await post({ ...valid, source: { sql: 'SELECT * FROM sales' }, width: 12 });
    expect(res.status).toBe(201);
    expect(res.body.source).toEqual({ sql: 'SELECT * FROM sales' });
  });

  it.each([
    ['width 0', { width: 0 }, 'body/width must be >= 1'],
    ['width 13', { width: 13 }, 'body/width must be <= 12'],
    ['width 2.5', { width: 2.5 }, 'body/width must be integer'],
    ['a blank title', { title: '   ' }, 'body/title has an invalid format'],
    ['no title', { title: undefined }, 'body must have the property "title"'],
    ['an unknown type', { type: 'donut' }, 'body/type must be one of: bar, line, area, scatter, pie, heatmap, table, number'],
    ['an unknown top-level field', { colour: 'red' }, 'body must not have the property "colour"'],
    ['no source', { source: undefined }, 'body must have the property "source"'],
    ['a dataset id of 0', { source: { datasetId: 0 } }, 'body/source/datasetId must be >= 1'],
    [
      'a source with both a dataset and SQL',
      { source: { datasetId: 1, sql: 'SELECT 1' } },
      'body/source must NOT have more than 1 properties',
    ],
    ['an empty source', { source: {} }, 'body/source must have the property "datasetId"'],
    ['an empty SQL source', { source: { sql: '' } }, 'body/source/sql must NOT have fewer than 1 characters'],
    ['a blank SQL source', { source: { sql: ' \n ' } }, 'body/source/sql has an invalid format'],
    [
      'a SQL source over 50,000 characters',
      { source: { sql: `SELECT ${'1'.repeat(50000)}` } },
      'body/source/sql must NOT have more than 50000 characters',
    ],
    ['a dataset id as text', { source: { datasetId: '7' } }, 'body/source/datasetId must be integer'],
  ])('refuses %s naming the field', async (_, change, message) => {
    const res = await post({ ...valid, ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.message).toContain(message);
  });

  it.each([
    ['an empty y', { y: [] }, 'body/encoding/y must NOT have fewer than 1 items'],
    ['a y column twice', { y: ['revenue', 'revenue'] }, 'body/encoding/y must NOT have duplicate items'],
    ['eleven y columns', { y: Array.from({ length: 11 }, (_, i) => `c${i}`) }, 'body/encoding/y must NOT have more than 10 items'],
    ['y as a string', { y: 'revenue' }, 'body/encoding/y must be array'],
    ['an empty x', { x: '' }, 'body/encoding/x must NOT have fewer than 1 characters'],
    ['an unknown aggregate', { aggregate: 'median' }, 'body/encoding/aggregate must be one of: sum, avg, count, min, max'],
    ['an unknown sort', { sort: 'asc' }, 'body/encoding/sort must be one of: x-asc, x-desc, y-asc, y-desc'],
    ['limit 0', { limit: 0 }, 'body/encoding/limit must be >= 1'],
    ['limit 5001', { limit: 5001 }, 'body/encoding/limit must be <= 5000'],
    ['an unknown encoding field', { color: 'region' }, 'body/encoding must not have the property "color"'],
  ])('refuses an encoding with %s naming the field', async (_, change, message) => {
    const res = await post({ ...valid, encoding: { ...valid.encoding, ...change } });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: 'validation_failed', message: expect.stringContaining(message) });
  });

  it('answers a rule of the chart type as 400 invalid_encoding naming the field', async () => {
    const res = await post({ ...valid, type: 'pie', encoding: { y: ['revenue'], aggregate: 'sum' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 'invalid_encoding',
      message: expect.stringMatching(/^encoding\.x is required for a pie chart/),
    });
  });

  it('answers a column the source lacks as 400 unknown_column naming it', async () => {
    const res = await post({ ...valid, encoding: { x: 'regio', y: ['revenue'] } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('unknown_column');
    expect(res.body.error.message).toContain('"regio"');
  });

  it('refuses a change with no field, and one with a bad width', async () => {
    expect((await post({}, '/charts/1', 'PATCH')).body.error).toEqual({
      code: 'validation_failed',
      message: 'body must have at least 1 field(s) to change',
    });
    expect((await post({ width: 20 }, '/charts/1', 'PATCH')).body.error.message).toBe('body/width must be <= 12');
    expect((await post({ title: 'Renamed' }, '/charts/1', 'PATCH')).status).toBe(200);
  });

  it('refuses a dashboard order naming a chart twice', async () => {
    const res = await post({ order: [3, 1, 3] }, '/dashboard', 'PUT');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('body/order must NOT have duplicate items');
    expect((await post({ order: [3, 1, 2] }, '/dashboard', 'PUT')).status).toBe(200);
  });
});
