import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const REFRESH_COOKIE = 'datavis_refresh';

/** Collects every route schema into the OpenAPI document served at /api/openapi.json. */
async function openapi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'datavis-platform API',
        version: '1.0.0',
        description:
          'Projects, tasks and datasets of the data platform. Errors are {"error":{"code","message"}}. ' +
          'Real-time events: WebSocket /api/ws with `Sec-WebSocket-Protocol: bearer, <access token>` or `?token=`.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          refreshCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: REFRESH_COOKIE,
            description: 'HttpOnly, SameSite=Strict refresh token cookie scoped to /api/auth (browser UIs)',
          },
        },
      },
      security: [{ bearerAuth: [] }],
    },
  });
}

export default fp(openapi, { name: 'openapi' });
