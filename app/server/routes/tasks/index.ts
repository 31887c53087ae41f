import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { principalOf } from '../../plugins/authentication';
import { IdParams, Page, PageQuery, errorResponses } from '../../schemas/common.schema';
import { CreateTaskBody, Task, UpdateTaskBody } from '../../schemas/task.schema';
import { changeTask, createTask, removeTask, taskRead, tasksRead } from '../../services/task-service';
import { sendRead } from '../cached-read';

const taskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/projects/:id/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: "A project's tasks, newest first",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: Page(Task), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => sendRead(reply, ctx.cache, tasksRead(ctx, principalOf(request), request.params.id, request.query)),
  );

  app.post(
    '/projects/:id/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Create a task (owner, editors, admins)',
        description: 'Tasks of kind "notebook" need a notebook path.',
        params: IdParams,
        body: CreateTaskBody,
        response: { 201: Task, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.code(201).send(await createTask(ctx, principalOf(request), request.params.id, request.body)),
  );

  app.get(
    '/tasks/:id',
    {
      schema: { tags: ['tasks'], summary: 'A task', params: IdParams, response: { 200: Task, ...errorResponses(400, 401, 404) } },
    },
    async (request, reply) => sendRead(reply, ctx.cache, taskRead(ctx, principalOf(request), request.params.id)),
  );

  app.patch(
    '/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Change a task (owner, editors, admins)',
        description: 'Setting status "running" sets startedAt; a final status sets finishedAt; "pending" clears both.',
        params: IdParams,
        body: UpdateTaskBody,
        response: { 200: Task, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => changeTask(ctx, principalOf(request), request.params.id, request.body),
  );

  app.delete(
    '/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Delete a task (owner, editors, admins)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await removeTask(ctx, principalOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default taskRoutes;
