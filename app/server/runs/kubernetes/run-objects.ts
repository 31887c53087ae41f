import { PART_OF } from '../../../../charts/lib/labels';

/** Label on every object of a run (Job, its pods, SparkApplication, driver and executors). */
export const RUN_ID_LABEL = 'datavis.io/run-id';
/** Annotation of a SparkApplication: the run's timeoutSeconds (the operator has no deadline of its own). */
export const TIMEOUT_ANNOTATION = 'datavis.io/timeout-seconds';
/** Who creates run objects (app.kubernetes.io/managed-by). */
export const MANAGED_BY = 'datavis-web-app';

/**
 * Node groups of the cluster (lib/constructs/platform-cluster.ts): nodes carry the label
 * `datavis.io/node-role` and the Spark groups a NoSchedule taint with the same key and value.
 */
export const NODE_ROLE_LABEL = 'datavis.io/node-role';
export type SparkNodeRole = 'spark-driver' | 'spark-executor';

/** Selector of every run object the backend made. */
export const RUN_SELECTOR = RUN_ID_LABEL;

/** Run ids become label values and object names: digits, letters and dashes, at most 40. */
export function assertRunId(runId: string): void {
  if (!/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/.test(runId)) {
    throw new Error(`run id '${runId}' must be 1-40 lowercase letters, digits or dashes, starting and ending alphanumeric`);
  }
}

/** Name of a run's Job or SparkApplication. */
export function runObjectName(runId: string): string {
  assertRunId(runId);
  return `run-${runId}`;
}

export function runLabels(runId: string, component: 'notebook-run' | 'spark-run'): { [key: string]: string } {
  return {
    [RUN_ID_LABEL]: runId,
    'app.kubernetes.io/name': runObjectName(runId),
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': PART_OF,
    'app.kubernetes.io/managed-by': MANAGED_BY,
  };
}

/** Toleration and node selector that put a pod on a Spark node group (and only there). */
export function sparkPlacement(role: SparkNodeRole): {
  tolerations: { key: string; operator: 'Equal'; value: string; effect: 'NoSchedule' }[];
  nodeSelector: { [key: string]: string };
} {
  return {
    tolerations: [{ key: NODE_ROLE_LABEL, operator: 'Equal', value: role, effect: 'NoSchedule' }],
    nodeSelector: { [NODE_ROLE_LABEL]: role },
  };
}
