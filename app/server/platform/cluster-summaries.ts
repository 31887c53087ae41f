import type { CoreV1Event, NodeMetric, V1DaemonSet, V1Deployment, V1Job, V1Node, V1StatefulSet } from '@kubernetes/client-node';
import { quantityToScalar } from '@kubernetes/client-node/dist/util.js';
import { RUN_ID_LABEL } from '../runs/kubernetes/run-objects';
import type {
  NodeGroupSummary,
  NotebookRunSummary,
  SparkApplicationSummary,
  WarningSummary,
  WorkloadSummary,
} from '../routes/platform/cluster.schema';

/** The label EKS managed node groups put on their nodes. */
export const NODEGROUP_LABEL = 'eks.amazonaws.com/nodegroup';
const INSTANCE_TYPE_LABEL = 'node.kubernetes.io/instance-type';
/** Spark operator v2.5.2 states after which an application no longer runs (run-status.ts has them all). */
const ENDED_SPARK_STATES = new Set(['COMPLETED', 'FAILED', 'SUBMISSION_FAILED', 'SUSPENDED']);
/** The newest warnings shown. */
export const WARNING_LIMIT = 50;

/** A Kubernetes quantity ("3920m", "15742976Ki", "123456789n") as a number; null when it cannot be read. */
export function quantity(value: string | undefined): number | null {
  if (value === undefined) return null;
  try {
    return Number(quantityToScalar(value));
  } catch {
    return null;
  }
}

const iso = (value: Date | string | undefined | null): string | null => {
  if (value === undefined || value === null) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

const runPath = (runId: string | null) => (runId === null ? null : `/runs/${encodeURIComponent(runId)}`);

/** Nodes grouped by node group, with allocatable CPU and memory and, when metrics-server answered, their use. */
export function nodeGroups(nodes: readonly V1Node[], metrics: readonly NodeMetric[] | undefined): NodeGroupSummary[] {
  const usage = new Map((metrics ?? []).map((m) => [m.metadata.name, m.usage]));
  const groups = new Map<string | null, NodeGroupSummary['nodes']>();
  for (const node of nodes) {
    const name = node.metadata?.name ?? '(unnamed)';
    const labels = node.metadata?.labels ?? {};
    const used = usage.get(name);
    const summary = {
      name,
      instanceType: labels[INSTANCE_TYPE_LABEL] ?? null,
      ready: (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
      schedulable: node.spec?.unschedulable !== true,
      cpuCores: { allocatable: quantity(node.status?.allocatable?.cpu) ?? 0, used: metrics ? quantity(used?.cpu) : null },
      memoryBytes: { allocatable: quantity(node.status?.allocatable?.memory) ?? 0, used: metrics ? quantity(used?.memory) : null },
    };
    const group = labels[NODEGROUP_LABEL] ?? null;
    groups.set(group, [...(groups.get(group) ?? []), summary]);
  }
  const sum = (values: (number | null)[]) => (values.some((v) => v === null) ? null : values.reduce<number>((a, v) => a + (v ?? 0), 0));
  return [...groups.entries()]
    .sort(([a], [b]) => (a ?? '\uffff').localeCompare(b ?? '\uffff'))
    .map(([name, members]) => ({
      name,
      nodes: members.sort((a, b) => a.name.localeCompare(b.name)),
      readyNodes: members.filter((n) => n.ready).length,
      cpuCores: { allocatable: sum(members.map((n) => n.cpuCores.allocatable)) ?? 0, used: sum(members.map((n) => n.cpuCores.used)) },
      memoryBytes: {
        allocatable: sum(members.map((n) => n.memoryBytes.allocatable)) ?? 0,
        used: sum(members.map((n) => n.memoryBytes.used)),
      },
    }));
}

/** Deployments, StatefulSets and DaemonSets of one namespace with how many of their replicas are ready. */
export function workloads(
  namespace: string,
  lists: { deployments: readonly V1Deployment[]; statefulSets: readonly V1StatefulSet[]; daemonSets: readonly V1DaemonSet[] },
): WorkloadSummary[] {
  const summary = (kind: WorkloadSummary['kind'], name: string | undefined, desired: number, ready: number): WorkloadSummary => ({
    kind,
    namespace,
    name: name ?? '(unnamed)',
    desired,
    ready,
    healthy: ready >= desired,
  });
  return [
    ...lists.deployments.map((d) => summary('Deployment', d.metadata?.name, d.spec?.replicas ?? 1, d.status?.readyReplicas ?? 0)),
    ...lists.statefulSets.map((s) => summary('StatefulSet', s.metadata?.name, s.spec?.replicas ?? 1, s.status?.readyReplicas ?? 0)),
    ...lists.daemonSets.map((d) =>
      summary('DaemonSet', d.metadata?.name, d.status?.desiredNumberScheduled ?? 0, d.status?.numberReady ?? 0),
    ),
  ];
}

/** A SparkApplication as the operator v2.5.2 stores it (status fields of its CRD). */
export interface SparkApplicationObject {
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  readonly status?: {
    readonly applicationState?: { readonly state?: string };
    readonly lastSubmissionAttemptTime?: string;
    readonly sparkApplicationId?: string;
    readonly driverInfo?: {
      readonly podName?: string;
      readonly webUIIngressAddress?: string;
      readonly webUIServiceName?: string;
      readonly webUIPort?: number;
    };
  };
}

/** The applications that have not ended, with links to their run, Spark UI and History Server page. */
export function runningSparkApplications(
  namespace: string,
  apps: readonly SparkApplicationObject[],
  historyUrl: string | undefined,
): SparkApplicationSummary[] {
  return apps
    .filter((app) => !ENDED_SPARK_STATES.has(app.status?.applicationState?.state ?? ''))
    .map((app) => {
      const driver = app.status?.driverInfo ?? {};
      const runId = app.metadata?.labels?.[RUN_ID_LABEL] ?? null;
      const appId = app.status?.sparkApplicationId ?? null;
      const ingress = driver.webUIIngressAddress;
      return {
        namespace,
        name: app.metadata?.name ?? '(unnamed)',
        state: app.status?.applicationState?.state || 'NEW',
        runId,
        runPath: runPath(runId),
        submittedAt: iso(app.status?.lastSubmissionAttemptTime),
        driverPod: driver.podName ?? null,
        sparkApplicationId: appId,
        // The operator writes the ingress URL with its scheme (url.URL.String()); older ones wrote host/path.
        sparkUiUrl: ingress ? (/^https?:\/\//.test(ingress) ? ingress : `http://${ingress}`) : null,
        sparkUiCommand: driver.webUIServiceName
          ? `kubectl -n ${namespace} port-forward svc/${driver.webUIServiceName} 4040:${driver.webUIPort ?? 4040}`
          : null,
        historyUrl: historyUrl !== undefined && appId !== null ? `${historyUrl}/history/${encodeURIComponent(appId)}/` : null,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Notebook Jobs that have not ended: run Jobs (labelled with their run) and the platform schedules' Jobs. */
export function runningNotebookJobs(namespace: string, jobs: readonly V1Job[]): NotebookRunSummary[] {
  return jobs
    .filter((job) => !(job.status?.conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True'))
    .map((job) => {
      const runId = job.metadata?.labels?.[RUN_ID_LABEL] ?? null;
      return {
        namespace,
        name: job.metadata?.name ?? '(unnamed)',
        runId,
        runPath: runPath(runId),
        cronJob: job.metadata?.ownerReferences?.find((o) => o.kind === 'CronJob')?.name ?? null,
        startedAt: iso(job.status?.startTime),
        activePods: job.status?.active ?? 0,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Warning events, newest first. */
export function warningEvents(namespace: string, events: readonly CoreV1Event[]): WarningSummary[] {
  return events
    .filter((e) => e.type === 'Warning')
    .map((e) => ({
      namespace,
      object: `${e.involvedObject?.kind ?? 'Object'}/${e.involvedObject?.name ?? '(unnamed)'}`,
      reason: e.reason ?? '',
      message: e.message ?? '',
      count: Math.max(1, e.count ?? e.series?.count ?? 1),
      lastSeen: iso(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp),
    }));
}

/** Newest first across namespaces, at most WARNING_LIMIT. */
export function newestWarnings(warnings: readonly WarningSummary[]): WarningSummary[] {
  return [...warnings].sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '')).slice(0, WARNING_LIMIT);
}
