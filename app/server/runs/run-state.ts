/**
 * The one place that says how a run's status may change, and when a finished run is tried
 * again. Pure: no clock, no I/O; callers pass the times in.
 *
 *   queued -> running -> succeeded | failed | cancelled | timed_out
 *   queued -> cancelled | failed   (cancelled before it started; could not be started at all)
 */
import type { RunStatus } from '../../../schema/vocabulary';

export { RUN_STATUSES, type RunStatus } from '../../../schema/vocabulary';

export type TerminalRunStatus = Exclude<RunStatus, 'queued' | 'running'>;

export const TERMINAL_RUN_STATUSES: readonly TerminalRunStatus[] = ['succeeded', 'failed', 'cancelled', 'timed_out'];

const ALLOWED: { readonly [from in RunStatus]: readonly RunStatus[] } = {
  queued: ['running', 'cancelled', 'failed'],
  running: ['succeeded', 'failed', 'cancelled', 'timed_out'],
  succeeded: [],
  failed: [],
  cancelled: [],
  timed_out: [],
};

export function isTerminal(status: RunStatus): status is TerminalRunStatus {
  return (TERMINAL_RUN_STATUSES as readonly RunStatus[]).includes(status);
}

/** The statuses a run in `from` may move to; empty for a finished run. */
export function allowedTransitions(from: RunStatus): readonly RunStatus[] {
  return ALLOWED[from];
}

export function canTransition(from: RunStatus, to: RunStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** Thrown by `transition` for a change the state machine does not allow. */
export class RunTransitionError extends Error {
  public constructor(
    public readonly from: RunStatus,
    public readonly to: RunStatus,
  ) {
    super(
      `a ${from} run cannot become ${to}; from ${from} it may become ${ALLOWED[from].length > 0 ? ALLOWED[from].join(', ') : 'nothing (it is finished)'}`,
    );
    this.name = 'RunTransitionError';
  }
}

/** The fields of a run the state machine reads and writes. */
export interface RunStateFields {
  readonly status: RunStatus;
  readonly message: string | null;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
}

/**
 * What a backend observed. `at` is when it happened. A message is required for every outcome
 * but success: a run that fails, times out or is cancelled says why.
 */
export type RunObservation =
  | { readonly status: 'running'; readonly at: Date }
  | { readonly status: 'succeeded'; readonly at: Date; readonly message?: string; readonly startedAt?: Date }
  | { readonly status: 'failed' | 'cancelled' | 'timed_out'; readonly at: Date; readonly message: string; readonly startedAt?: Date };

/**
 * The run after an observation. Observing the status a run already has changes nothing
 * (backends may report a state twice: a watch event and a resync); anything else the table
 * does not allow throws RunTransitionError. A run that fails before it ever ran (queued ->
 * failed/cancelled) has no startedAt.
 */
export function transition<T extends RunStateFields>(run: T, observed: RunObservation): T {
  if (run.status === observed.status) return run;
  if (!canTransition(run.status, observed.status)) throw new RunTransitionError(run.status, observed.status);
  if (observed.status === 'running') {
    return { ...run, status: 'running', startedAt: run.startedAt ?? observed.at, message: null };
  }
  if (observed.status !== 'succeeded' && observed.message.trim() === '') {
    throw new Error(`a ${observed.status} run must say why: the message is empty`);
  }
  return {
    ...run,
    status: observed.status,
    message: observed.message ?? null,
    startedAt: run.startedAt ?? observed.startedAt ?? null,
    finishedAt: observed.at,
  };
}

/**
 * What the runs service does with a backend's report. A finished run stays as it is (a Job
 * deleted after its run was cancelled still produces an event); a run the backend saw finish
 * before it saw it run (a short Job between two watch events) passes through running, started
 * at the observation's startedAt.
 */
export function applyObservation<T extends RunStateFields>(run: T, observed: RunObservation): T {
  if (isTerminal(run.status)) return run;
  let current = run;
  if (current.status === 'queued' && (observed.status === 'succeeded' || observed.status === 'timed_out')) {
    current = transition(current, { status: 'running', at: observed.startedAt ?? observed.at });
  }
  return transition(current, observed);
}

/** A task's retry settings (DESIGN: maxRetries 0..5, retryDelaySeconds 0..3600). */
export interface RetryPolicy {
  readonly maxRetries: number;
  readonly retryDelaySeconds: number;
}

export const RETRY_LIMITS = { maxRetries: { min: 0, max: 5 }, retryDelaySeconds: { min: 0, max: 3600 } } as const;

/** Statuses a new attempt follows. A cancelled run is never retried: someone asked it to stop. */
export const RETRIED_STATUSES: readonly TerminalRunStatus[] = ['failed', 'timed_out'];

export type RetryDecision =
  { readonly retry: true; readonly attempt: number; readonly notBefore: Date } | { readonly retry: false; readonly reason: string };

/**
 * Whether a finished run gets another attempt, and when. `attempt` counts from 1; a task with
 * maxRetries N runs at most N + 1 attempts. The next attempt is queued with trigger `retry`
 * and starts no earlier than `notBefore` (the finish time plus the delay).
 */
export function retryDecision(
  run: { readonly status: RunStatus; readonly attempt: number; readonly finishedAt: Date | null },
  policy: RetryPolicy,
): RetryDecision {
  for (const [field, { min, max }] of Object.entries(RETRY_LIMITS)) {
    const value = policy[field as keyof RetryPolicy];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new RangeError(`${field} must be an integer from ${min} to ${max}, got ${value}`);
    }
  }
  if (!Number.isInteger(run.attempt) || run.attempt < 1) throw new RangeError(`attempt must be an integer >= 1, got ${run.attempt}`);
  if (!isTerminal(run.status)) return { retry: false, reason: `the run is ${run.status}, not finished` };
  if (!RETRIED_STATUSES.includes(run.status)) return { retry: false, reason: `a ${run.status} run is not retried` };
  if (run.attempt > policy.maxRetries) {
    return { retry: false, reason: `attempt ${run.attempt} was the last one (maxRetries ${policy.maxRetries})` };
  }
  if (run.finishedAt === null) throw new Error('a finished run has a finishedAt');
  return { retry: true, attempt: run.attempt + 1, notBefore: new Date(run.finishedAt.getTime() + policy.retryDelaySeconds * 1000) };
}

/**
 * What start-up does with a run a stopped server left behind on the local backend, whose
 * processes died with it: a queued run is queued again (nothing of it ran), a running one
 * failed with a message (then retryDecision applies as for any failure). The Kubernetes
 * backend re-attaches instead, and uses this only for runs whose objects are gone.
 */
export function orphanedRunOutcome(status: RunStatus, at: Date, why: string): RunObservation | 'requeue' | 'unchanged' {
  if (status === 'queued') return 'requeue';
  if (status === 'running') return { status: 'failed', at, message: why };
  return 'unchanged';
}
