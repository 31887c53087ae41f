import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../plugins/authentication';
import { errorResponses } from '../../schemas/common.schema';
import { listPlatformEnvironments, readPipeline } from '../../services/platform-service';
import { PipelineOverview, PlatformEnvironments } from './platform.schema';

/** Admin only: the Deployment page's view of the environments and the delivery pipeline. */
const platformRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/platform/environments',
    {
      schema: {
        tags: ['platform'],
        summary: "Each environment's pinned release, history, stage differences and live status (admin)",
        description:
          'Reads the release files and their histories; gives the field-by-field differences between adjacent stages with the CLI commands that promote and roll back; where the server has AWS credentials, also the EKS cluster, node groups and RDS instance of each AWS environment.',
        response: { 200: PlatformEnvironments, ...errorResponses(401, 403) },
      },
    },
    async (request) => listPlatformEnvironments(ctx, principalOf(request)),
  );

  app.get(
    '/platform/pipeline',
    {
      schema: {
        tags: ['platform'],
        summary: "The delivery pipeline's current stage and last execution (admin)",
        description:
          'Finds the pipeline by the PipelineName output of the Datavis-Pipeline stack, then reads its state and last execution from CodePipeline. Without AWS credentials, or when the pipeline cannot be read, the answer says why (never a server error).',
        response: { 200: PipelineOverview, ...errorResponses(401, 403) },
      },
    },
    async (request) => readPipeline(ctx, principalOf(request)),
  );
};

export default platformRoutes;
