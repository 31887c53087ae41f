import { Counter, Gauge, type Registry } from 'prom-client';
import type { EnvironmentName } from '../../../lib/config/environment-name';
import { FAILED_RUN_STATUSES, runsFailedEvent, type FailedRunStatus } from '../../../lib/observability/runs-failed-metric';
import { RUN_STATUSES, type RunStatus } from '../../../schema/vocabulary';

/** Final run statuses: a run in one of them has ended. */
export const FINAL_RUN_STATUSES = ['succeeded', 'failed', 'cancelled', 'timed_out'] as const satisfies readonly RunStatus[];
export type FinalRunStatus = (typeof FINAL_RUN_STATUSES)[number];

/** What the metrics need to know about a run that ended. */
export interface FinishedRun {
  readonly runId: number;
  readonly taskId: number;
  readonly projectId: number;
  /** 1 for the first try. */
  readonly attempt: number;
  readonly status: FinalRunStatus;
}

/**
 * The hook the runs service reports to (`ctx.metrics.runs`). It only records: nothing here
 * reads the database, so the service calls it where it already knows the numbers.
 *
 * - `setQueueDepth(n)`: runs waiting for a slot (status queued), whenever that number changes.
 * - `setRunsByStatus({ queued, running })`: how many runs are in each status now (after a
 *   reconcile, or on a timer); statuses left out are set to 0.
 * - `runFinished(run)`: once per run that reached a final status. It counts the run by status
 *   and, for `failed` and `timed_out`, writes the RunsFailed line (CloudWatch Embedded Metric
 *   Format, lib/observability/runs-failed-metric.ts) to stdout, which the platform's metric
 *   filter turns into the failed-runs alarm's metric.
 */
export interface RunMetrics {
  setQueueDepth(depth: number): void;
  setRunsByStatus(counts: Partial<Record<RunStatus, number>>): void;
  runFinished(run: FinishedRun): void;
}

export interface RunMetricsProps {
  readonly registry: Registry;
  /** The environment the RunsFailed line names (its metric's dimension). */
  readonly environment: EnvironmentName;
  /** Where the RunsFailed line goes. @default stdout, whatever the log level */
  readonly writeLine?: (line: string) => void;
}

const isFailed = (status: string): status is FailedRunStatus => (FAILED_RUN_STATUSES as readonly string[]).includes(status);

function requireCount(what: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  return value;
}

export function createRunMetrics(props: RunMetricsProps): RunMetrics {
  const registers = [props.registry];
  const writeLine = props.writeLine ?? ((line: string) => void process.stdout.write(line));
  const queueDepth = new Gauge({ name: 'datavis_runs_queue_depth', help: 'Runs waiting for a slot to start', registers });
  const byStatus = new Gauge({ name: 'datavis_runs', help: 'Runs in each status now', labelNames: ['status'], registers });
  const finished = new Counter({
    name: 'datavis_runs_finished_total',
    help: 'Runs that reached a final status, by that status',
    labelNames: ['status'],
    registers,
  });
  for (const status of RUN_STATUSES) byStatus.set({ status }, 0);
  for (const status of FINAL_RUN_STATUSES) finished.inc({ status }, 0);
  queueDepth.set(0);
  return {
    setQueueDepth(depth) {
      queueDepth.set(requireCount('queue depth', depth));
    },
    setRunsByStatus(counts) {
      for (const status of RUN_STATUSES) byStatus.set({ status }, requireCount(`runs ${status}`, counts[status] ?? 0));
    },
    runFinished(run) {
      if (!(FINAL_RUN_STATUSES as readonly string[]).includes(run.status)) {
        throw new RangeError(`runFinished: status must be one of ${FINAL_RUN_STATUSES.join(', ')}, got '${run.status}'`);
      }
      finished.inc({ status: run.status });
      if (isFailed(run.status)) {
        const { runId, taskId, projectId, attempt, status } = run;
        writeLine(JSON.stringify(runsFailedEvent(props.environment, { runId, taskId, projectId, attempt, status })) + '\n');
      }
    },
  };
}
