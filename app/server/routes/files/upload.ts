import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../plugins/authentication';
import { IdParams, errorResponses } from '../../schemas/common.schema';
import { FileUploadQuery, MAX_PROJECT_FILE_BYTES, ProjectFile } from '../../schemas/file.schema';
import { uploadProjectFile } from '../../services/project-file-service';
import { streamUploadBodies, uploadBodyOf } from '../datasets/upload-body';

/** Media types a project file may be sent as (besides multipart/form-data with one file). */
const FILE_MEDIA_TYPES = ['application/octet-stream', 'application/json', 'application/x-ipynb+json', 'text/x-python', 'text/plain'];

/** The upload of a project file: its body arrives as a stream (see upload-body.ts), at most 5 MiB. */
const fileUploadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;
  await streamUploadBodies(app, MAX_PROJECT_FILE_BYTES, FILE_MEDIA_TYPES);
  app.post(
    '/projects/:id/files',
    {
      schema: {
        tags: ['files'],
        summary: 'Upload a notebook (.ipynb) or PySpark file (.py) to a project (owner, editors, admins)',
        description:
          'The body is the file (at most 5 MiB). A notebook must be nbformat 4 JSON; its parameters cell is read. ' +
          '409 file_exists when the project has a file of that name; 413 over 5 MiB; 400 invalid_notebook naming the problem.',
        consumes: [...FILE_MEDIA_TYPES, 'multipart/form-data'],
        params: IdParams,
        querystring: FileUploadQuery,
        response: { 201: ProjectFile, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 503) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await uploadProjectFile(ctx, principalOf(request), request.params.id, request.query.name, uploadBodyOf(request))),
  );
};

export default fileUploadRoutes;
