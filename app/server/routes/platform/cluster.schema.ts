import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { StringEnum, Timestamp } from '../../schemas/common.schema';

const Nullable = <T extends TSchema>(schema: T, description?: string) =>
  Type.Union([schema, Type.Null()], description ? { description } : {});

const Capacity = (unit: string) =>
  Type.Object({
    allocatable: Type.Number({ description: `What pods may use, in ${unit}` }),
    used: Nullable(Type.Number(), `Current use from metrics-server, in ${unit}; null without metrics`),
  });

const ClusterNode = Type.Object({
  name: Type.String(),
  instanceType: Nullable(Type.String()),
  ready: Type.Boolean({ description: 'The Ready condition is True' }),
  schedulable: Type.Boolean({ description: 'Not cordoned' }),
  cpuCores: Capacity('cores'),
  memoryBytes: Capacity('bytes'),
});

const NodeGroup = Type.Object({
  name: Nullable(Type.String(), 'The eks.amazonaws.com/nodegroup label; null for nodes without it (a laptop cluster)'),
  nodes: Type.Array(ClusterNode),
  readyNodes: Type.Integer({ minimum: 0 }),
  cpuCores: Capacity('cores'),
  memoryBytes: Capacity('bytes'),
});

const Workload = Type.Object({
  kind: StringEnum(['Deployment', 'StatefulSet', 'DaemonSet'] as const),
  namespace: Type.String(),
  name: Type.String(),
  desired: Type.Integer({ minimum: 0 }),
  ready: Type.Integer({ minimum: 0 }),
  healthy: Type.Boolean({ description: 'Every desired replica is ready' }),
});

const SparkApplication = Type.Object({
  namespace: Type.String(),
  name: Type.String(),
  state: Type.String({ description: "The Spark operator's application state (NEW before it is submitted)" }),
  runId: Nullable(Type.String(), 'The run it belongs to (its datavis.io/run-id label)'),
  runPath: Nullable(Type.String(), 'The run page, /runs/<run id>'),
  submittedAt: Nullable(Timestamp),
  driverPod: Nullable(Type.String()),
  sparkApplicationId: Nullable(Type.String()),
  sparkUiUrl: Nullable(Type.String(), "The driver's Spark UI through its ingress, when the operator made one"),
  sparkUiCommand: Nullable(Type.String(), 'The kubectl command that forwards the Spark UI to localhost:4040'),
  historyUrl: Nullable(Type.String(), "The application's page on the Spark History Server (SPARK_HISTORY_URL)"),
});

const NotebookRun = Type.Object({
  namespace: Type.String(),
  name: Type.String({ description: 'The Job' }),
  runId: Nullable(Type.String(), 'The run it belongs to (its datavis.io/run-id label); null for a scheduled platform notebook'),
  runPath: Nullable(Type.String()),
  cronJob: Nullable(Type.String(), 'The CronJob that started it, for the platform schedules'),
  startedAt: Nullable(Timestamp),
  activePods: Type.Integer({ minimum: 0 }),
});

const WarningEvent = Type.Object({
  namespace: Type.String(),
  object: Type.String({ description: 'Kind/name of the object the event is about' }),
  reason: Type.String(),
  message: Type.String(),
  count: Type.Integer({ minimum: 1 }),
  lastSeen: Nullable(Timestamp),
});

export const CLUSTER_SECTIONS = ['nodes', 'workloads', 'spark-applications', 'notebook-runs', 'events'] as const;
export type ClusterSection = (typeof CLUSTER_SECTIONS)[number];

export const ClusterOverview = Type.Union(
  [
    Type.Object({
      state: Type.Literal('ok'),
      namespaces: Type.Array(Type.String(), { description: "The platform's namespaces read" }),
      nodeGroups: Type.Array(NodeGroup),
      nodeMetrics: Type.Object({
        available: Type.Boolean(),
        reason: Nullable(Type.String(), 'Why the use is missing (metrics-server absent or not ready)'),
      }),
      workloads: Type.Array(Workload),
      sparkApplications: Type.Array(SparkApplication, { description: 'Spark applications that have not ended' }),
      notebookRuns: Type.Array(NotebookRun, { description: 'Notebook Jobs that have not ended' }),
      warnings: Type.Array(WarningEvent, { description: 'The newest Warning events of the namespaces (at most 50)' }),
      errors: Type.Array(Type.Object({ section: StringEnum(CLUSTER_SECTIONS), message: Type.String() }), {
        description: 'Sections that could not be read, and why; the others are complete',
      }),
      checkedAt: Timestamp,
    }),
    Type.Object({
      state: Type.Literal('not-in-cluster'),
      reason: Type.String(),
      checkedAt: Timestamp,
    }),
  ],
  { description: "The cluster as the web app's service account sees it, or why the server cannot see one" },
);
export type ClusterOverview = Static<typeof ClusterOverview>;
type OkOverview = Extract<ClusterOverview, { state: 'ok' }>;
export type NodeGroupSummary = OkOverview['nodeGroups'][number];
export type WorkloadSummary = OkOverview['workloads'][number];
export type SparkApplicationSummary = OkOverview['sparkApplications'][number];
export type NotebookRunSummary = OkOverview['notebookRuns'][number];
export type WarningSummary = OkOverview['warnings'][number];
