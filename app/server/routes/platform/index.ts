import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { KubeConfig } from '@kubernetes/client-node';
import { principalOf } from '../../plugins/authentication';
import { errorResponses } from '../../schemas/common.schema';
import { clusterConnection, readCluster } from '../../services/cluster-service';
import { listPlatformEnvironments, readPipeline } from '../../services/platform-service';
import { ClusterOverview } from './cluster.schema';
import { PipelineOverview, PlatformEnvironments } from './platform.schema';

export interface PlatformRoutesOptions {
  /** Kubernetes API access for the cluster overview. @default the in-cluster service account, when there is one */
  readonly kubeConfig?: KubeConfig;
}

/** Admin only: the Deployment page's view of the environments and the delivery pipeline, and the cluster overview. */
const platformRoutes: FastifyPluginAsyncTypebox<PlatformRoutesOptions> = async (app, options) => {
  const { ctx } = app;
  const cluster = clusterConnection(options.kubeConfig);

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

  app.get(
    '/platform/cluster',
    {
      schema: {
        tags: ['platform'],
        summary: 'Nodes per node group, workloads, running Spark applications and notebook runs, recent warnings (admin)',
        description:
          "Read-only, with the web app's service account: nodes with their capacity and metrics-server use, the Deployments, StatefulSets and DaemonSets of the platform's namespaces, Spark applications and notebook Jobs that have not ended (with their run page), and the newest Warning events. Outside a cluster the answer says so.",
        response: { 200: ClusterOverview, ...errorResponses(401, 403) },
      },
    },
    async (request) => readCluster(ctx, principalOf(request), cluster),
  );
};

export default platformRoutes;
