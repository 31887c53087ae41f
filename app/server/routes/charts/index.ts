import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { principalOf } from '../../plugins/authentication';
import {
  Chart,
  ChartDataResponse,
  ChartList,
  CreateChartBody,
  DashboardOrderBody,
  PreviewChartBody,
  UpdateChartBody,
} from '../../schemas/chart.schema';
import { IdParams, errorResponses } from '../../schemas/common.schema';
import { chartDataBody, previewChartBody, type SerializeChartData } from '../../services/chart-data-service';
import { arrangeDashboard, changeChart, chartRead, chartsRead, createChart, removeChart } from '../../services/chart-service';
import { sendRead } from '../cached-read';

/** The response schema's serializer, to the bytes the chart data cache keeps and sends. */
function serializerOf(reply: FastifyReply): SerializeChartData {
  return (data) => {
    const json: unknown = reply.serialize(data);
    return typeof json === 'string' ? Buffer.from(json, 'utf8') : Buffer.isBuffer(json) ? json : Buffer.from(String(json), 'utf8');
  };
}

/** Sends JSON bytes as they are: a cached chart's data is neither parsed nor serialized again. */
function sendJson(reply: FastifyReply, body: Buffer): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(body);
}

const DATA_ERRORS =
  'A column the encoding names that the source does not have is 400 unknown_column naming it; a spec the chart type does not allow, ' +
  '400 invalid_encoding; a {sql} source that is not one read-only query, 400 invalid_query; past QUERY_TIMEOUT_MS, 400 query_timeout.';

/** Charts and the dashboard of a project: the charts in order, each computed over its source. */
const chartRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/projects/:id/charts',
    {
      schema: {
        tags: ['charts'],
        summary: "A project's charts, in dashboard order",
        params: IdParams,
        response: { 200: ChartList, ...errorResponses(400, 401, 404, 503) },
      },
    },
    async (request, reply) => sendRead(reply, ctx.cache, chartsRead(ctx, principalOf(request), request.params.id)),
  );

  app.post(
    '/projects/:id/charts',
    {
      schema: {
        tags: ['charts'],
        summary: 'Create a chart, placed last on the dashboard (owner, editors, admins)',
        description: DATA_ERRORS,
        params: IdParams,
        body: CreateChartBody,
        response: { 201: Chart, ...errorResponses(400, 401, 403, 404, 503) },
      },
    },
    async (request, reply) => reply.code(201).send(await createChart(ctx, principalOf(request), request.params.id, request.body)),
  );

  app.post(
    '/projects/:id/charts/preview',
    {
      schema: {
        tags: ['charts'],
        summary: "A chart's data without saving it: the builder's live preview (any member)",
        description: DATA_ERRORS,
        params: IdParams,
        body: PreviewChartBody,
        response: { 200: ChartDataResponse, ...errorResponses(400, 401, 404, 503) },
      },
    },
    async (request, reply) => {
      const body = await previewChartBody(ctx, principalOf(request), request.params.id, request.body, serializerOf(reply));
      return sendJson(reply, body);
    },
  );

  app.put(
    '/projects/:id/dashboard',
    {
      schema: {
        tags: ['charts'],
        summary: 'Arrange the dashboard: every chart of the project, exactly once, in order (owner, editors, admins)',
        description: 'An order that misses a chart, names one of another project or repeats one is 400 invalid_order naming them.',
        params: IdParams,
        body: DashboardOrderBody,
        response: { 200: ChartList, ...errorResponses(400, 401, 403, 404, 503) },
      },
    },
    async (request) => arrangeDashboard(ctx, principalOf(request), request.params.id, request.body),
  );

  app.get(
    '/charts/:id',
    {
      schema: {
        tags: ['charts'],
        summary: 'A chart',
        params: IdParams,
        response: { 200: Chart, ...errorResponses(400, 401, 404, 503) },
      },
    },
    async (request, reply) => sendRead(reply, ctx.cache, chartRead(ctx, principalOf(request), request.params.id)),
  );

  app.patch(
    '/charts/:id',
    {
      schema: {
        tags: ['charts'],
        summary: 'Change a chart; each given field replaces the old one (owner, editors, admins)',
        description: DATA_ERRORS,
        params: IdParams,
        body: UpdateChartBody,
        response: { 200: Chart, ...errorResponses(400, 401, 403, 404, 503) },
      },
    },
    async (request) => changeChart(ctx, principalOf(request), request.params.id, request.body),
  );

  app.delete(
    '/charts/:id',
    {
      schema: {
        tags: ['charts'],
        summary: 'Delete a chart (owner, editors, admins)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 503) },
      },
    },
    async (request, reply) => {
      await removeChart(ctx, principalOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/charts/:id/data',
    {
      schema: {
        tags: ['charts'],
        summary: "A chart's data, computed over its source; cached until a dataset the source reads gets a new version",
        description: DATA_ERRORS,
        params: IdParams,
        response: { 200: ChartDataResponse, ...errorResponses(400, 401, 404, 503) },
      },
    },
    async (request, reply) => {
      const body = await chartDataBody(ctx, principalOf(request), request.params.id, serializerOf(reply));
      return sendJson(reply, body);
    },
  );
};

export default chartRoutes;
