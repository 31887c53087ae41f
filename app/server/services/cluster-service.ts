import * as fs from 'node:fs';
import type { KubeConfig } from '@kubernetes/client-node';
import type { AppContext, Principal } from '../context';
import { forbidden } from '../errors';
import type { ClusterApis } from '../platform/cluster-overview';
import type { ClusterOverview } from '../routes/platform/cluster.schema';

/** Where Kubernetes mounts a pod's service account token (read by KubeConfig.loadFromCluster). */
export const SERVICE_ACCOUNT_TOKEN_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * Why the server cannot read its cluster, or undefined when it can: it needs the API server's
 * address, which Kubernetes gives every pod, and the service account token, which the
 * WebAppChart mounts (RUNS_BACKEND=kubernetes runs there too).
 */
export function notInClusterReason(
  env: NodeJS.ProcessEnv = process.env,
  exists: (file: string) => boolean = fs.existsSync,
): string | undefined {
  if ((env.KUBERNETES_SERVICE_HOST ?? '') === '' || (env.KUBERNETES_SERVICE_PORT ?? '') === '') {
    return 'the server is not running in a Kubernetes cluster (no KUBERNETES_SERVICE_HOST): it runs locally, with the local run backend';
  }
  if (!exists(SERVICE_ACCOUNT_TOKEN_FILE)) {
    return `the pod has no service account token (${SERVICE_ACCOUNT_TOKEN_FILE}): deploy the web app with Kubernetes API access`;
  }
  return undefined;
}

/**
 * The cluster overview's connection: the given configuration (tests), else the in-cluster
 * service account, else the reason there is none. The client library (ESM, ~10 MB) is loaded
 * on the first request only.
 */
export function clusterConnection(kubeConfig?: KubeConfig): () => Promise<ClusterApis | string> {
  let apis: Promise<ClusterApis | string> | undefined;
  return () =>
    (apis ??= (async () => {
      const reason = kubeConfig === undefined ? notInClusterReason() : undefined;
      if (reason !== undefined) return reason;
      const overview = await import('../platform/cluster-overview');
      return overview.clusterApis(kubeConfig ?? overview.inClusterConfig());
    })());
}

/** Admin only: the cluster as the web app's service account sees it. */
export async function readCluster(
  ctx: AppContext,
  principal: Principal,
  connect: () => Promise<ClusterApis | string>,
): Promise<ClusterOverview> {
  if (principal.role !== 'admin') throw forbidden('only admins may see the cluster overview');
  const apis = await connect();
  if (typeof apis === 'string') return { state: 'not-in-cluster', reason: apis, checkedAt: new Date().toISOString() };
  const { readClusterOverview } = await import('../platform/cluster-overview');
  return readClusterOverview(apis, ctx.config.platform.cluster);
}
