import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const openapiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};

export default openapiRoutes;
