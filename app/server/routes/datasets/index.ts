import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { principalOf } from '../../plugins/authentication';
import { IdParams, Page, PageQuery, errorResponses } from '../../schemas/common.schema';
import { CreateDatasetBody, Dataset, UpdateDatasetBody } from '../../schemas/dataset.schema';
import { changeDataset, createDataset, datasetRead, datasetsRead, removeDataset } from '../../services/dataset-service';
import { sendRead } from '../cached-read';

const datasetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/projects/:id/datasets',
    {
      schema: {
        tags: ['datasets'],
        summary: "A project's datasets, newest first",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: Page(Dataset), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => sendRead(reply, ctx.cache, datasetsRead(ctx, principalOf(request), request.params.id, request.query)),
  );

  app.post(
    '/projects/:id/datasets',
    {
      schema: {
        tags: ['datasets'],
        summary: 'Register a dataset (owner, editors, admins)',
        params: IdParams,
        body: CreateDatasetBody,
        response: { 201: Dataset, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.code(201).send(await createDataset(ctx, principalOf(request), request.params.id, request.body)),
  );

  app.get(
    '/datasets/:id',
    {
      schema: {
        tags: ['datasets'],
        summary: 'A dataset',
        params: IdParams,
        response: { 200: Dataset, ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => sendRead(reply, ctx.cache, datasetRead(ctx, principalOf(request), request.params.id)),
  );

  app.patch(
    '/datasets/:id',
    {
      schema: {
        tags: ['datasets'],
        summary: 'Change a dataset (owner, editors, admins)',
        params: IdParams,
        body: UpdateDatasetBody,
        response: { 200: Dataset, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => changeDataset(ctx, principalOf(request), request.params.id, request.body),
  );

  app.delete(
    '/datasets/:id',
    {
      schema: {
        tags: ['datasets'],
        summary: 'Delete a dataset (owner, editors, admins)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await removeDataset(ctx, principalOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default datasetRoutes;
