import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../plugins/authentication';
import { errorResponses } from '../../schemas/common.schema';
import { Me } from '../../schemas/user.schema';

const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me',
    { schema: { tags: ['users'], summary: 'The logged-in user', response: { 200: Me, ...errorResponses(401) } } },
    async (request) => {
      const { id, email, role } = principalOf(request);
      return { id, email, role };
    },
  );
};

export default meRoutes;
