import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../plugins/authentication';
import { IdParams, errorResponses } from '../../schemas/common.schema';
import { Dataset, NewVersionQuery, UploadQuery } from '../../schemas/dataset.schema';
import { addVersion, uploadDataset } from '../../services/dataset-upload-service';
import { UPLOAD_MEDIA_TYPES, streamUploadBodies, uploadBodyOf } from './upload-body';

const BODY_FORMS =
  'The body is the file itself (application/octet-stream, text/csv, application/json, application/x-ndjson, ' +
  'application/vnd.apache.parquet) or multipart/form-data with exactly one file. It streams to storage; ' +
  'a body over MAX_UPLOAD_BYTES answers 413, an unreadable file 400 invalid_dataset naming the problem, ' +
  'and a refused or failed upload leaves nothing stored.';

/** Uploads: the routes whose bodies are files, streamed to storage (see upload-body.ts). */
const datasetUploadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;
  await streamUploadBodies(app, ctx.config.maxUploadBytes);

  app.post(
    '/projects/:id/datasets/upload',
    {
      schema: {
        tags: ['datasets'],
        summary: 'Upload a file as a new managed dataset (owner, editors, admins)',
        description: BODY_FORMS,
        consumes: [...UPLOAD_MEDIA_TYPES],
        params: IdParams,
        querystring: UploadQuery,
        response: { 201: Dataset, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 503) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await uploadDataset(ctx, principalOf(request), request.params.id, request.query, uploadBodyOf(request))),
  );

  app.post(
    '/datasets/:id/versions',
    {
      schema: {
        tags: ['datasets'],
        summary: "Upload the dataset's next version (owner, editors, admins)",
        description: `${BODY_FORMS} The format defaults to the dataset's.`,
        consumes: [...UPLOAD_MEDIA_TYPES],
        params: IdParams,
        querystring: NewVersionQuery,
        response: { 201: Dataset, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 503) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addVersion(ctx, principalOf(request), request.params.id, request.query, uploadBodyOf(request))),
  );
};

export default datasetUploadRoutes;
