import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { principalOf } from '../../plugins/authentication';
import { errorResponses } from '../../schemas/common.schema';
import { MemberParams, ProjectMember, PutMemberBody } from '../../schemas/project.schema';
import { putMember, removeMember } from '../../services/project-member-service';

const projectMemberRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.put(
    '/projects/:id/members/:userId',
    {
      schema: {
        tags: ['projects'],
        summary: 'Add a member or change their role (owner, admins); 201 when added, 200 when changed',
        params: MemberParams,
        body: PutMemberBody,
        response: { 200: ProjectMember, 201: ProjectMember, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { id, userId } = request.params;
      const { member, created } = await putMember(ctx, principalOf(request), id, userId, request.body.role);
      return reply.code(created ? 201 : 200).send(member);
    },
  );

  app.delete(
    '/projects/:id/members/:userId',
    {
      schema: {
        tags: ['projects'],
        summary: 'Remove a member (owner, admins)',
        params: MemberParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await removeMember(ctx, principalOf(request), request.params.id, request.params.userId);
      return reply.code(204).send(null);
    },
  );
};

export default projectMemberRoutes;
