import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { principalOf } from '../../plugins/authentication';
import { NOTEBOOK_HTML_HEADERS } from '../../runs/notebook-html';
import { IdParams, Page, PageQuery, errorResponses } from '../../schemas/common.schema';
import { LogsQuery, NextFireTimes, NextFireTimesQuery, OutputQuery, Run, StartRunBody } from '../../schemas/run.schema';
import { cancelRun, getRun, listRuns, nextFireTimes, runLogs, runOutput, startRun } from '../../services/run-service';

/** Runs of notebook and Spark tasks: start, list, read, cancel, logs and the executed notebook. */
const runRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.post(
    '/tasks/:id/runs',
    {
      schema: {
        tags: ['runs'],
        summary: 'Start a run of a notebook or spark task (owner, editors, admins)',
        description:
          "The run is queued and starts when the backend has a slot. `parameters` override the task's for this run and are " +
          "checked against the notebook's parameters cell (400 unknown_parameter / invalid_parameter). 409 not_runnable for a manual task.",
        params: IdParams,
        body: StartRunBody,
        response: { 202: Run, ...errorResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await startRun(ctx, principalOf(request), request.params.id, request.body?.parameters ?? undefined)),
  );

  app.get(
    '/tasks/:id/runs',
    {
      schema: {
        tags: ['runs'],
        summary: "A task's runs, newest first",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: Page(Run), ...errorResponses(400, 401, 404, 503) },
      },
    },
    async (request) => listRuns(ctx, principalOf(request), request.params.id, request.query),
  );

  app.get(
    '/tasks/:id/schedule/next',
    {
      schema: {
        tags: ['runs'],
        summary: "The next fire times of the task's schedule (UTC instants, computed in the task's time zone)",
        params: IdParams,
        querystring: NextFireTimesQuery,
        response: { 200: NextFireTimes, ...errorResponses(400, 401, 404, 503) },
      },
    },
    async (request) => nextFireTimes(ctx, principalOf(request), request.params.id, request.query.count),
  );

  app.get(
    '/runs/:id',
    { schema: { tags: ['runs'], summary: 'A run', params: IdParams, response: { 200: Run, ...errorResponses(400, 401, 404, 503) } } },
    async (request) => getRun(ctx, principalOf(request), request.params.id),
  );

  app.post(
    '/runs/:id/cancel',
    {
      schema: {
        tags: ['runs'],
        summary: 'Cancel a queued or running run (owner, editors, admins)',
        description: 'Its processes or pods are stopped; the run then says it was cancelled. 409 run_finished when it already ended.',
        params: IdParams,
        response: { 202: Run, ...errorResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request, reply) => reply.code(202).send(await cancelRun(ctx, principalOf(request), request.params.id)),
  );

  app.get(
    '/runs/:id/logs',
    {
      schema: {
        tags: ['runs'],
        summary: "The last lines of the run's log, while it runs and after",
        params: IdParams,
        querystring: LogsQuery,
        produces: ['text/plain'],
        response: { 200: Type.String(), ...errorResponses(400, 401, 404, 503) },
      },
    },
    async (request, reply) => {
      const text = await runLogs(ctx, principalOf(request), request.params.id, request.query.tail);
      return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(text);
    },
  );

  app.get(
    '/runs/:id/output',
    {
      schema: {
        tags: ['runs'],
        summary: 'The executed notebook: as HTML (no script runs: CSP sandbox), or ?format=ipynb as it is',
        params: IdParams,
        querystring: OutputQuery,
        produces: ['text/html', 'application/x-ipynb+json'],
        response: { 200: Type.Unknown({ description: 'The page or the notebook' }), ...errorResponses(400, 401, 404, 503) },
      },
    },
    async (request, reply) => {
      const output = await runOutput(ctx, principalOf(request), request.params.id, request.query.format);
      if ('html' in output) return reply.headers(NOTEBOOK_HTML_HEADERS).send(output.html);
      return reply
        .type('application/x-ipynb+json')
        .header('content-length', String(output.sizeBytes))
        .header('content-disposition', `attachment; filename="run-${request.params.id}.ipynb"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-cache')
        .send(output.notebook);
    },
  );
};

export default runRoutes;
