import type { EnvironmentName } from '../config/environment-name';

/**
 * The failed-runs metric: the contract between the web app, which publishes it, and the
 * platform, which graphs it on the environment's dashboard and raises an alarm on it.
 *
 * The web app writes one line of JSON to stdout per run that ends `failed` or `timed_out`,
 * in CloudWatch Embedded Metric Format (EMF): build it with `runsFailedEvent()`. Any JSON
 * logger works as long as the object's top-level keys stay as built (pino adds its own keys
 * next to them, which is fine). Cancelled runs are a user's choice, not a failure, and are
 * not counted.
 *
 * This module imports nothing but types, so the web app can import it without the CDK.
 */
export const RUNS_FAILED_METRIC = {
  /** Metric name. */
  name: 'RunsFailed',
  /** The one dimension: the environment the run belongs to. */
  dimension: 'Environment',
  unit: 'Count',
} as const;

/** Run statuses counted as failures. */
export const FAILED_RUN_STATUSES = ['failed', 'timed_out'] as const;
export type FailedRunStatus = (typeof FAILED_RUN_STATUSES)[number];

/** CloudWatch namespace of the platform's own metrics in one environment, e.g. "Datavis/prod". */
export function runsMetricNamespace(env: EnvironmentName): string {
  return `Datavis/${env}`;
}

/** What the web app knows about the run; written next to the metric so the log line explains it. */
export interface FailedRunDetails {
  readonly runId: number;
  readonly taskId: number;
  readonly projectId: number;
  readonly status: FailedRunStatus;
  /** Attempt number of the run (1 for the first try). */
  readonly attempt: number;
}

/** The EMF document of one failed run (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html). */
export interface RunsFailedEvent extends FailedRunDetails {
  readonly _aws: {
    /** Milliseconds since the epoch. */
    readonly Timestamp: number;
    readonly CloudWatchMetrics: readonly [
      {
        readonly Namespace: string;
        readonly Dimensions: readonly [readonly [typeof RUNS_FAILED_METRIC.dimension]];
        readonly Metrics: readonly [{ readonly Name: typeof RUNS_FAILED_METRIC.name; readonly Unit: typeof RUNS_FAILED_METRIC.unit }];
      },
    ];
  };
  readonly Environment: EnvironmentName;
  readonly RunsFailed: 1;
  /** Says what the line is to people reading the logs. */
  readonly event: 'run.failed';
}

/** The line to log (as JSON, on one line) when a run of `env` ends failed or timed out. */
export function runsFailedEvent(env: EnvironmentName, details: FailedRunDetails, now: Date = new Date()): RunsFailedEvent {
  if (!(FAILED_RUN_STATUSES as readonly string[]).includes(details.status)) {
    throw new Error(`runsFailedEvent: status must be one of ${FAILED_RUN_STATUSES.join(', ')}, got '${details.status}'`);
  }
  return {
    _aws: {
      Timestamp: now.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: runsMetricNamespace(env),
          Dimensions: [[RUNS_FAILED_METRIC.dimension]],
          Metrics: [{ Name: RUNS_FAILED_METRIC.name, Unit: RUNS_FAILED_METRIC.unit }],
        },
      ],
    },
    Environment: env,
    RunsFailed: 1,
    event: 'run.failed',
    runId: details.runId,
    taskId: details.taskId,
    projectId: details.projectId,
    status: details.status,
    attempt: details.attempt,
  };
}
