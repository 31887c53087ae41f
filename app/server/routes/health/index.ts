import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import { errorResponses } from '../../schemas/common.schema';

const READINESS_TIMEOUT_MS = 2000;

/** Liveness and readiness for the load balancer and Kubernetes probes; no token needed. */
const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'The process is alive',
        security: [],
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'The database answers',
        security: [],
        response: { 200: Type.Object({ status: Type.Literal('ready') }), ...errorResponses(503) },
      },
    },
    async (_request, reply) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('readiness ping timed out'), { code: 'ETIMEDOUT' })), READINESS_TIMEOUT_MS);
      });
      try {
        await Promise.race([sql`select 1`.execute(app.ctx.db), timeout]);
      } finally {
        clearTimeout(timer);
      }
      return reply.send({ status: 'ready' as const });
    },
  );
};

export default healthRoutes;
