import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { principalOf } from '../../plugins/authentication';
import { IdParams, Page, PageQuery, errorResponses } from '../../schemas/common.schema';
import { CreateProjectBody, Project, ProjectDetail, ProjectListQuery, UpdateProjectBody } from '../../schemas/project.schema';
import { changeProject, createProject, projectRead, removeProject, visibleProjectsRead } from '../../services/project-service';
import { sendRead } from '../cached-read';

const NOT_VISIBLE = 'A project the caller may not see answers 404, never 403.';

const projectRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/projects',
    {
      schema: {
        tags: ['projects'],
        summary: 'Projects the caller may see, newest first',
        querystring: Type.Composite([PageQuery, ProjectListQuery]),
        response: { 200: Page(Project), ...errorResponses(400, 401) },
      },
    },
    async (request, reply) => sendRead(reply, ctx.cache, visibleProjectsRead(ctx, principalOf(request), request.query)),
  );

  app.post(
    '/projects',
    {
      schema: {
        tags: ['projects'],
        summary: 'Create a project owned by the caller (admins and analysts)',
        body: CreateProjectBody,
        response: { 201: Project, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await createProject(ctx, principalOf(request), request.body)),
  );

  app.get(
    '/projects/:id',
    {
      schema: {
        tags: ['projects'],
        summary: 'A project with its members',
        description: NOT_VISIBLE,
        params: IdParams,
        response: { 200: ProjectDetail, ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => sendRead(reply, ctx.cache, projectRead(ctx, principalOf(request), request.params.id)),
  );

  app.patch(
    '/projects/:id',
    {
      schema: {
        tags: ['projects'],
        summary: 'Rename or describe a project (owner, editors, admins)',
        description: NOT_VISIBLE,
        params: IdParams,
        body: UpdateProjectBody,
        response: { 200: Project, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => changeProject(ctx, principalOf(request), request.params.id, request.body),
  );

  app.delete(
    '/projects/:id',
    {
      schema: {
        tags: ['projects'],
        summary: 'Delete a project with its tasks, datasets and members (owner, admins)',
        description: NOT_VISIBLE,
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await removeProject(ctx, principalOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default projectRoutes;
