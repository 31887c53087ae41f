import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../plugins/authentication';
import { errorResponses } from '../../schemas/common.schema';
import { listPlatformEnvironments } from '../../services/platform-service';
import { PlatformEnvironments } from './platform.schema';

/** Admin only: the Deployment page's view of the environments. */
const platformRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/platform/environments',
    {
      schema: {
        tags: ['platform'],
        summary: "Each environment's pinned release and live status (admin)",
        description:
          'Reads the checked-in release files and histories; where the server has AWS credentials, also the EKS cluster, node groups and RDS instance of each AWS environment.',
        response: { 200: PlatformEnvironments, ...errorResponses(401, 403) },
      },
    },
    async (request) => listPlatformEnvironments(ctx, principalOf(request)),
  );
};

export default platformRoutes;
