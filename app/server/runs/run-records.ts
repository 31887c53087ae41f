import type { RunRow, RunTrigger } from '../../../schema/runs.table';
import type { TaskRow, TaskStatus, TaskUpdate } from '../../../schema/tasks.table';
import type { RunBackend, RunStatus } from '../../../schema/vocabulary';
import type { AppContext } from '../context';
import { classifyDatabaseError } from '../database-errors';
import { findProjectAudience } from '../repositories/project-repository';
import { findRunById, insertRun, latestRunOfTask, lockRunById, nextRunNumber, updateRun } from '../repositories/run-repository';
import { findTaskById, updateTask } from '../repositories/task-repository';
import type { Executor } from '../repositories/executor';
import type { BusMessage } from '../realtime/project-event';
import { presentTask } from '../services/representations';
import { presentRun } from '../services/run-representations';
import { commitThenPublish } from '../services/unit-of-work';
import { toDbTimestamp } from '../time';
import { applyObservation, isTerminal, type RunObservation } from './run-state';

/** A task's status follows its latest run; a run that timed out is a failure of the task. */
export const TASK_STATUS_OF_RUN: { readonly [status in RunStatus]: TaskStatus } = {
  queued: 'pending',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
  timed_out: 'failed',
};

export interface NewRun {
  readonly task: TaskRow;
  readonly trigger: RunTrigger;
  readonly attempt: number;
  readonly parameters: Record<string, unknown>;
  readonly backend: RunBackend;
  /** The process that takes the run (local backend), so no other replica starts it. */
  readonly externalId: string | null;
  readonly scheduledFor: Date | null;
  readonly notBefore: Date | null;
  readonly createdBy: number | null;
  readonly message?: string | null;
}

/** Statuses that keep the note a run was created with (nothing else to say). */
const KEEPS_NOTE: readonly RunStatus[] = ['running', 'succeeded'];

/** A second run for a fire time that already has one (another replica created it). */
export class DuplicateScheduledRunError extends Error {}

/** run.updated / run.created and task.updated, for the project's audience, after the commit. */
async function runMessages(trx: Executor, type: 'run.created' | 'run.updated', run: RunRow, task?: TaskRow): Promise<BusMessage[]> {
  const audience = await findProjectAudience(trx, run.project_id);
  const messages: BusMessage[] = [
    { kind: 'event', event: { type, projectId: run.project_id, taskId: run.task_id, data: presentRun(run) }, audience },
  ];
  if (task) {
    messages.push({
      kind: 'event',
      event: { type: 'task.updated', projectId: task.project_id, taskId: task.id, data: presentTask(task) },
      audience,
    });
  }
  return messages;
}

/** Moves the task to its latest run's status; returns the task as saved, or undefined when `run` is not its latest. */
async function followLatestRun(trx: Executor, run: RunRow): Promise<TaskRow | undefined> {
  const latest = await latestRunOfTask(trx, run.task_id);
  if (latest?.id !== run.id) return undefined;
  const changes: TaskUpdate = {
    status: TASK_STATUS_OF_RUN[run.status],
    started_at: run.status === 'queued' ? null : run.started_at,
    finished_at: isTerminal(run.status) ? run.finished_at : null,
  };
  await updateTask(trx, run.task_id, changes);
  return findTaskById(trx, run.task_id);
}

/**
 * Inserts a queued run with the task's next number, moves the task to it and publishes
 * run.created and task.updated after the commit. Two replicas racing for the same number: the
 * loser tries the next one; for the same fire time, the loser gets DuplicateScheduledRunError.
 */
export async function createRunRecord(ctx: AppContext, input: NewRun): Promise<RunRow> {
  for (let tries = 1; ; tries++) {
    try {
      return await commitThenPublish(ctx, async (trx, outbox) => {
        const now = new Date();
        const run = await insertRun(trx, {
          task_id: input.task.id,
          project_id: input.task.project_id,
          number: await nextRunNumber(trx, input.task.id),
          trigger: input.trigger,
          attempt: input.attempt,
          status: 'queued',
          parameters: JSON.stringify(input.parameters),
          backend: input.backend,
          external_id: input.externalId,
          message: input.message ?? null,
          scheduled_for: input.scheduledFor === null ? null : toDbTimestamp(input.scheduledFor),
          not_before: input.notBefore === null ? null : toDbTimestamp(input.notBefore),
          created_by: input.createdBy,
          created_at: toDbTimestamp(now),
          started_at: null,
          finished_at: null,
        });
        const task = await followLatestRun(trx, run);
        outbox.push(...(await runMessages(trx, 'run.created', run, task)));
        return run;
      });
    } catch (error) {
      if (classifyDatabaseError(error) !== 'unique_violation') throw error;
      if (input.scheduledFor !== null) {
        const existing = await ctx.db
          .selectFrom('runs')
          .select('id')
          .where('task_id', '=', input.task.id)
          .where('scheduled_for', '=', toDbTimestamp(input.scheduledFor))
          .executeTakeFirst();
        if (existing) throw new DuplicateScheduledRunError(`fire time ${input.scheduledFor.toISOString()} already has run ${existing.id}`);
      }
      if (tries >= 5) throw error;
    }
  }
}

/** What else a finished run produced, saved with its final status. */
export interface RunResults {
  readonly outputKey?: string;
  readonly outputDatasetVersion?: number;
  readonly externalId?: string;
}

/**
 * Applies a backend's observation to the run (run-state.ts decides what may change), moves the
 * task along, and publishes run.updated (and task.updated) after the commit. Returns the run
 * as saved, or undefined when nothing changed (a finished run, a repeated observation).
 */
export async function recordObservation(
  ctx: AppContext,
  runId: number,
  observation: RunObservation,
  results: RunResults = {},
): Promise<RunRow | undefined> {
  return commitThenPublish(ctx, async (trx, outbox) => {
    const current = await lockRunById(trx, runId, ctx.dialect === 'mysql');
    if (!current || isTerminal(current.status)) return undefined;
    const state = applyObservation(
      {
        status: current.status,
        message: current.message,
        startedAt: current.started_at === null ? null : new Date(`${current.started_at.replace(' ', 'T')}Z`),
        finishedAt: null as Date | null,
      },
      observation,
    );
    if (state.status === current.status && results.externalId === undefined) return undefined;
    await updateRun(trx, runId, {
      status: state.status,
      // A note the run was created with (missed fire times) stays while nothing else is to be said.
      message: (state.message ?? (KEEPS_NOTE.includes(state.status) ? current.message : null))?.slice(0, 2000) ?? null,
      started_at: state.startedAt === null ? null : toDbTimestamp(state.startedAt),
      finished_at: state.finishedAt === null ? null : toDbTimestamp(state.finishedAt),
      ...(results.outputKey !== undefined ? { output_key: results.outputKey } : {}),
      ...(results.outputDatasetVersion !== undefined ? { output_dataset_version: results.outputDatasetVersion } : {}),
      ...(results.externalId !== undefined ? { external_id: results.externalId } : {}),
    });
    const run = (await findRunById(trx, runId)) as RunRow;
    const task = await followLatestRun(trx, run);
    outbox.push(...(await runMessages(trx, 'run.updated', run, task)));
    return run;
  });
}
