import { AppsV1Api, BatchV1Api, CoreV1Api, CustomObjectsApi, KubeConfig, Metrics } from '@kubernetes/client-node';
import { SPARK_APPLICATIONS, apiErrorText } from '../runs/kubernetes/kube-api';
import type { ClusterOverview, ClusterSection } from '../routes/platform/cluster.schema';
import {
  type SparkApplicationObject,
  newestWarnings,
  nodeGroups,
  runningNotebookJobs,
  runningSparkApplications,
  warningEvents,
  workloads,
} from './cluster-summaries';
import type { ClusterOverviewSettings } from './platform-settings';

/** The API clients the overview reads with (read-only; the RBAC it needs is in charts/lib/cluster-overview-access.ts). */
export interface ClusterApis {
  readonly core: CoreV1Api;
  readonly apps: AppsV1Api;
  readonly batch: BatchV1Api;
  readonly custom: CustomObjectsApi;
  readonly metrics: Metrics;
}

export function clusterApis(config: KubeConfig): ClusterApis {
  return {
    core: config.makeApiClient(CoreV1Api),
    apps: config.makeApiClient(AppsV1Api),
    batch: config.makeApiClient(BatchV1Api),
    custom: config.makeApiClient(CustomObjectsApi),
    metrics: new Metrics(config),
  };
}

/** The in-cluster service account's configuration (the token the WebAppChart mounts). */
export function inClusterConfig(): KubeConfig {
  const config = new KubeConfig();
  config.loadFromCluster();
  return config;
}

/** Longest one call may take before its section is reported as failed: the page must answer. */
const CALL_TIMEOUT_MS = 10_000;

function withTimeout<T>(what: string, call: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${CALL_TIMEOUT_MS / 1000} s`)), CALL_TIMEOUT_MS);
  });
  return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Reads the cluster for the overview: nodes and their use, the platform namespaces' workloads
 * and warning events, running Spark applications and notebook Jobs. All calls are lists, made
 * at once; a section whose calls fail is reported in `errors` and the others are still shown.
 */
export async function readClusterOverview(apis: ClusterApis, settings: ClusterOverviewSettings): Promise<ClusterOverview> {
  const errors: { section: ClusterSection; message: string }[] = [];
  const attempt = async <T>(section: ClusterSection, what: string, call: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await withTimeout(what, call());
    } catch (error) {
      errors.push({ section, message: `${what}: ${apiErrorText(error)}` });
      return undefined;
    }
  };
  const { namespaces, sparkNamespace, notebookNamespace } = settings;

  const [nodes, nodeMetrics, perNamespace, sparkApps, jobs] = await Promise.all([
    attempt('nodes', 'list nodes', () => apis.core.listNode()),
    // metrics-server may be missing or not ready yet: the capacity is still shown, without use.
    withTimeout('list node metrics', apis.metrics.getNodeMetrics()).then(
      (list) => ({ items: list.items, reason: null }),
      (error: unknown) => ({ items: undefined, reason: `metrics.k8s.io nodes: ${apiErrorText(error)}` }),
    ),
    Promise.all(
      namespaces.map(async (namespace) => {
        const [deployments, statefulSets, daemonSets, events] = await Promise.all([
          attempt('workloads', `list deployments in ${namespace}`, () => apis.apps.listNamespacedDeployment({ namespace })),
          attempt('workloads', `list statefulsets in ${namespace}`, () => apis.apps.listNamespacedStatefulSet({ namespace })),
          attempt('workloads', `list daemonsets in ${namespace}`, () => apis.apps.listNamespacedDaemonSet({ namespace })),
          attempt('events', `list events in ${namespace}`, () =>
            apis.core.listNamespacedEvent({ namespace, fieldSelector: 'type=Warning' }),
          ),
        ]);
        return {
          workloads: workloads(namespace, {
            deployments: deployments?.items ?? [],
            statefulSets: statefulSets?.items ?? [],
            daemonSets: daemonSets?.items ?? [],
          }),
          warnings: warningEvents(namespace, events?.items ?? []),
        };
      }),
    ),
    attempt('spark-applications', `list sparkapplications in ${sparkNamespace}`, () =>
      apis.custom.listNamespacedCustomObject({ ...SPARK_APPLICATIONS, namespace: sparkNamespace }),
    ),
    attempt('notebook-runs', `list jobs in ${notebookNamespace}`, () => apis.batch.listNamespacedJob({ namespace: notebookNamespace })),
  ]);

  return {
    state: 'ok',
    namespaces: [...namespaces],
    nodeGroups: nodeGroups(nodes?.items ?? [], nodeMetrics.items),
    nodeMetrics: { available: nodeMetrics.items !== undefined, reason: nodeMetrics.reason },
    workloads: perNamespace.flatMap((n) => n.workloads),
    sparkApplications: runningSparkApplications(
      sparkNamespace,
      ((sparkApps as { items?: SparkApplicationObject[] } | undefined)?.items ?? []) as SparkApplicationObject[],
      settings.sparkHistoryUrl,
    ),
    notebookRuns: runningNotebookJobs(notebookNamespace, jobs?.items ?? []),
    warnings: newestWarnings(perNamespace.flatMap((n) => n.warnings)),
    errors,
    checkedAt: new Date().toISOString(),
  };
}
