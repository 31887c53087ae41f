import type { V1Job, V1Pod } from '@kubernetes/client-node';
import type { RunObservation } from '../run-state';

/**
 * How the objects' status maps to a run's status. Jobs: the Job controller's final conditions
 * (Complete, or Failed with reason DeadlineExceeded when activeDeadlineSeconds ran out, which
 * it only sets once the pods are gone). SparkApplications: the application states of the
 * Spark operator v2.5.2 (api/v1beta2/sparkapplication_types.go), with restartPolicy Never, so
 * the operator never retries and each state below is final or on the way to one.
 */

/** Every application state of the operator v2.5.2 (the empty string is a new application). */
export const SPARK_APPLICATION_STATES = [
  '',
  'SUBMITTED',
  'RUNNING',
  'COMPLETED',
  'FAILED',
  'SUBMISSION_FAILED',
  'PENDING_RERUN',
  'INVALIDATING',
  'SUCCEEDING',
  'FAILING',
  'SUSPENDING',
  'SUSPENDED',
  'RESUMING',
  'UNKNOWN',
] as const;

export type SparkApplicationState = (typeof SPARK_APPLICATION_STATES)[number];

export interface SparkApplicationStatus {
  readonly applicationState?: { readonly state?: string; readonly errorMessage?: string };
  readonly driverInfo?: { readonly podName?: string; readonly webUIAddress?: string };
  readonly lastSubmissionAttemptTime?: string | null;
  readonly terminationTime?: string | null;
  readonly sparkApplicationId?: string;
}

export interface SparkApplicationObject {
  readonly metadata?: {
    readonly name?: string;
    readonly labels?: { readonly [k: string]: string };
    readonly annotations?: { readonly [k: string]: string };
    readonly creationTimestamp?: string | Date;
  };
  readonly status?: SparkApplicationStatus;
}

const time = (value: string | Date | null | undefined, fallback: Date): Date => (value ? new Date(value) : fallback);

/**
 * The run status a SparkApplication shows, or undefined while it is not running yet (new,
 * submitted: the driver pod waits for a node) or in a state that leads on without us
 * (UNKNOWN while the operator cannot see the driver, PENDING_RERUN, INVALIDATING, RESUMING).
 */
export function sparkApplicationObservation(app: SparkApplicationObject, now: Date): RunObservation | undefined {
  const status = app.status ?? {};
  const state = (status.applicationState?.state ?? '') as SparkApplicationState;
  const error = status.applicationState?.errorMessage;
  const at = time(status.terminationTime, now);
  const startedAt = status.lastSubmissionAttemptTime ? new Date(status.lastSubmissionAttemptTime) : undefined;
  const withStart = startedAt ? { startedAt } : {};
  switch (state) {
    case 'RUNNING':
    case 'SUCCEEDING':
    case 'FAILING':
      return { status: 'running', at: startedAt ?? now };
    case 'COMPLETED':
      return { status: 'succeeded', at, ...withStart };
    case 'FAILED':
      return { status: 'failed', at, message: `the Spark application failed: ${error || 'the driver ended with an error'}`, ...withStart };
    case 'SUBMISSION_FAILED':
      return {
        status: 'failed',
        at,
        message: `spark-submit failed: ${error || 'the operator could not submit the application'}`,
        ...withStart,
      };
    case 'SUSPENDING':
    case 'SUSPENDED':
      return { status: 'cancelled', at, message: 'the SparkApplication was suspended outside the platform', ...withStart };
    default:
      return undefined;
  }
}

interface JobCondition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
  readonly lastTransitionTime?: string | Date;
}

/** The exception line at the end of a papermill log ("ValueError: bad value"), if there is one. */
export function exceptionLine(text: string): string | undefined {
  const lines = text.split('\n').map((l) => l.trim());
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = /^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Warning)):(?: (.*))?$/.exec(lines[i]);
    if (match && !/^papermill\.exceptions\.PapermillExecutionError$/.test(match[1]))
      return `${match[1].split('.').pop()}: ${match[2] ?? ''}`.trim();
  }
  return undefined;
}

/** Why a run's pod ended, from its container's terminated state (with FallbackToLogsOnError). */
function podFailure(pods: readonly V1Pod[]): string | undefined {
  for (const pod of pods) {
    for (const container of pod.status?.containerStatuses ?? []) {
      const terminated = container.state?.terminated;
      if (terminated === undefined || terminated.exitCode === 0) continue;
      const fromLog = terminated.message ? exceptionLine(terminated.message) : undefined;
      return fromLog ?? `the container ended with exit code ${terminated.exitCode}${terminated.reason ? ` (${terminated.reason})` : ''}`;
    }
  }
  return undefined;
}

/**
 * The run status a notebook Job shows, or undefined while its pod is not running yet. `pods`
 * are the Job's pods, read when it failed to say why.
 */
export function jobObservation(job: V1Job, now: Date, pods: readonly V1Pod[] = []): RunObservation | undefined {
  const conditions = (job.status?.conditions ?? []) as JobCondition[];
  const final = conditions.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  const startedAt = job.status?.startTime ? new Date(job.status.startTime) : undefined;
  const withStart = startedAt ? { startedAt } : {};
  if (final?.type === 'Complete')
    return { status: 'succeeded', at: time(job.status?.completionTime ?? final.lastTransitionTime, now), ...withStart };
  if (final?.type === 'Failed') {
    const at = time(final.lastTransitionTime, now);
    if (final.reason === 'DeadlineExceeded') {
      const limit = job.spec?.activeDeadlineSeconds;
      return {
        status: 'timed_out',
        at,
        message: `timed out after ${limit} s (the task's timeoutSeconds); the Job controller stopped its pod`,
        ...withStart,
      };
    }
    const why = podFailure(pods) ?? `${final.reason ?? 'Failed'}: ${final.message ?? 'the Job failed'}`;
    return { status: 'failed', at, message: why, ...withStart };
  }
  if ((job.status?.ready ?? 0) > 0) return { status: 'running', at: startedAt ?? now };
  return undefined;
}
