import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { principalOf } from '../../plugins/authentication';
import { IdParams, Page, PageQuery, errorResponses } from '../../schemas/common.schema';
import { CreateUserBody, UpdateUserBody, User } from '../../schemas/user.schema';
import { changeUser, createUser, listAllUsers, removeUser } from '../../services/user-service';

/** Admin only: every route answers 403 to other roles. */
const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'List users (admin), newest first',
        querystring: PageQuery,
        response: { 200: Page(User), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => listAllUsers(ctx, principalOf(request), request.query),
  );

  app.post(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user (admin)',
        description: 'Passwords need at least 12 characters (400 weak_password); a taken email answers 409.',
        body: CreateUserBody,
        response: { 201: User, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await createUser(ctx, principalOf(request), request.body)),
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: "Change a user's role or disable/enable them (admin)",
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: User, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => changeUser(ctx, principalOf(request), request.params.id, request.body),
  );

  app.delete(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Delete a user (admin); 409 while they own projects',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await removeUser(ctx, principalOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default userRoutes;
