import * as path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { principalOf } from '../../plugins/authentication';
import { IdParams, errorResponses } from '../../schemas/common.schema';
import { LibraryList, ProjectFile, ProjectFileList } from '../../schemas/file.schema';
import { fileContent, getFile, listFiles, removeFile } from '../../services/project-file-service';
import { libraryEntries } from '../../services/notebook-source';
import { contentDisposition } from '../datasets/data';

/** Project files (notebooks and PySpark jobs) and the platform's library of them. */
const fileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/projects/:id/files',
    {
      schema: {
        tags: ['files'],
        summary: "A project's files, by name",
        params: IdParams,
        response: { 200: ProjectFileList, ...errorResponses(400, 401, 404, 503) },
      },
    },
    async (request) => listFiles(ctx, principalOf(request), request.params.id),
  );

  app.get(
    '/files/:id',
    {
      schema: {
        tags: ['files'],
        summary: 'A project file',
        params: IdParams,
        response: { 200: ProjectFile, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => getFile(ctx, principalOf(request), request.params.id),
  );

  app.get(
    '/files/:id/content',
    {
      schema: {
        tags: ['files'],
        summary: "A project file's bytes, as an attachment",
        params: IdParams,
        produces: ['application/x-ipynb+json', 'text/x-python'],
        response: { 200: Type.Unknown({ description: 'The file' }), ...errorResponses(400, 401, 404, 503) },
      },
    },
    async (request, reply) => {
      const { file, object, stream } = await fileContent(ctx, principalOf(request), request.params.id);
      return reply
        .type(file.name.endsWith('.ipynb') ? 'application/x-ipynb+json' : 'text/x-python; charset=utf-8')
        .header('content-length', String(object.sizeBytes))
        .header('content-disposition', contentDisposition(path.posix.basename(file.name)))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-cache')
        .send(stream);
    },
  );

  app.delete(
    '/files/:id',
    {
      schema: {
        tags: ['files'],
        summary: 'Delete a project file (owner, editors, admins)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 503) },
      },
    },
    async (request, reply) => {
      await removeFile(ctx, principalOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/library',
    {
      schema: {
        tags: ['files'],
        summary: "The platform's own notebooks and PySpark jobs, named library/<file> as tasks name them",
        response: { 200: LibraryList, ...errorResponses(401) },
      },
    },
    async () => ({ items: await libraryEntries() }),
  );
};

export default fileRoutes;
