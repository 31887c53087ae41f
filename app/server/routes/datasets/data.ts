import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { principalOf } from '../../plugins/authentication';
import { IdParams, errorResponses } from '../../schemas/common.schema';
import {
  DatasetPreview,
  DatasetProfile,
  DatasetVersion,
  PreviewQuery,
  QueryBody,
  QueryResult,
  VersionQuery,
} from '../../schemas/dataset.schema';
import { downloadVersion, listVersions, previewVersion, profileVersion, runQuery } from '../../services/dataset-data-service';

/** `attachment` with an ASCII fallback and the exact name in RFC 5987 form. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Reading managed datasets: versions, download, preview, profile, and SQL over a project's datasets. */
const datasetDataRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/datasets/:id/versions',
    {
      schema: {
        tags: ['datasets'],
        summary: "A dataset's versions, newest first (none for a registered dataset)",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(DatasetVersion) }), ...errorResponses(400, 401, 404, 503) },
      },
    },
    async (request) => listVersions(ctx, principalOf(request), request.params.id),
  );

  app.get(
    '/datasets/:id/download',
    {
      schema: {
        tags: ['datasets'],
        summary: 'The stored file of a version (the current one by default), as an attachment',
        params: IdParams,
        querystring: VersionQuery,
        produces: ['text/csv', 'application/json', 'application/vnd.apache.parquet'],
        response: { 200: Type.Unknown({ description: 'The file' }), ...errorResponses(400, 401, 404, 503) },
      },
    },
    async (request, reply) => {
      const file = await downloadVersion(ctx, principalOf(request), request.params.id, request.query.version);
      return reply
        .type(file.mediaType)
        .header('content-length', String(file.sizeBytes))
        .header('content-disposition', contentDisposition(file.fileName))
        .header('etag', `"${file.sha256}"`)
        .header('cache-control', 'private, no-cache')
        .send(file.body);
    },
  );

  app.get(
    '/datasets/:id/preview',
    {
      schema: {
        tags: ['datasets'],
        summary: 'The first rows of a version (the current one by default)',
        params: IdParams,
        querystring: PreviewQuery,
        response: { 200: DatasetPreview, ...errorResponses(400, 401, 404, 503) },
      },
    },
    async (request) => previewVersion(ctx, principalOf(request), request.params.id, request.query),
  );

  app.get(
    '/datasets/:id/profile',
    {
      schema: {
        tags: ['datasets'],
        summary: 'Per-column profile of a version: types, nulls, distinct values, min/max, mean, top values, histogram',
        params: IdParams,
        querystring: VersionQuery,
        response: { 200: DatasetProfile, ...errorResponses(400, 401, 404, 503) },
      },
    },
    async (request) => profileVersion(ctx, principalOf(request), request.params.id, request.query.version),
  );

  app.post(
    '/projects/:id/query',
    {
      schema: {
        tags: ['datasets'],
        summary: "Run one read-only SQL statement over the project's managed datasets (any member)",
        description:
          'Each managed dataset is a table named by its dataset name (quote names that are not plain identifiers). ' +
          'Registered datasets cannot be queried. Anything but one SELECT / WITH statement, or a reference to a file, ' +
          'another project, an extension or the network, is 400 invalid_query; past QUERY_TIMEOUT_MS, 400 query_timeout.',
        params: IdParams,
        body: QueryBody,
        response: { 200: QueryResult, ...errorResponses(400, 401, 404, 503) },
      },
    },
    async (request) => runQuery(ctx, principalOf(request), request.params.id, request.body),
  );
};

export default datasetDataRoutes;
