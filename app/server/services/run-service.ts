import type { Readable } from 'node:stream';
import type { RunRow } from '../../../schema/runs.table';
import type { TaskRow } from '../../../schema/tasks.table';
import type { AppContext, Principal } from '../context';
import { ApiError, conflict, notFound } from '../errors';
import { findRunById, listRunsOfTask } from '../repositories/run-repository';
import { findTaskById } from '../repositories/task-repository';
import type { Executor } from '../repositories/executor';
import { tailLines } from '../runs/local/log-file';
import { NotebookRenderError, renderNotebookHtml } from '../runs/notebook-html';
import { isTerminal } from '../runs/run-state';
import type { PageQuery } from '../schemas/common.schema';
import type { NextFireTimes, Run } from '../schemas/run.schema';
import { runLogKey } from '../storage/run-keys';
import { decodeCursor, toPage, type PageResult } from './cursor';
import { requireRunSource, requireValidParameters } from './notebook-source';
import { findProjectAccess, requirePermission, type ProjectPermission } from './project-access';
import { presentRun } from './run-representations';
import { parseTaskSchedule } from './task-settings';

/** The task, if the user may see its project; 404 alike when missing or invisible, 403 without `needed`. */
async function visibleTask(db: Executor, principal: Principal, id: number, needed: ProjectPermission = 'read'): Promise<TaskRow> {
  const task = await findTaskById(db, id);
  const access = task ? await findProjectAccess(db, principal, task.project_id) : undefined;
  if (!task || !access) throw notFound(`task ${id}`);
  requirePermission(access, needed);
  return task;
}

async function visibleRun(db: Executor, principal: Principal, id: number, needed: ProjectPermission = 'read'): Promise<RunRow> {
  const run = await findRunById(db, id);
  const access = run ? await findProjectAccess(db, principal, run.project_id) : undefined;
  if (!run || !access) throw notFound(`run ${id}`);
  requirePermission(access, needed);
  return run;
}

/**
 * POST /tasks/:id/runs: a manual run with the task's parameters and the request's overrides,
 * checked against the notebook now. The run is queued and starts when the backend has a slot.
 */
export async function startRun(
  ctx: AppContext,
  principal: Principal,
  taskId: number,
  overrides: Record<string, unknown> | undefined,
): Promise<Run> {
  const task = await visibleTask(ctx.db, principal, taskId, 'write');
  if (task.kind === 'manual') {
    throw conflict('not_runnable', `task ${taskId} is a manual task: only notebook and spark tasks have runs`);
  }
  const parameters = { ...(JSON.parse(task.parameters) as Record<string, unknown>), ...overrides };
  if (task.kind === 'notebook') {
    if (task.notebook === null) throw new ApiError(400, 'notebook_required', `task ${taskId} names no notebook to run`);
    requireValidParameters((await requireRunSource(ctx.db, task.project_id, 'notebook', task.notebook)).parameters, parameters);
  } else {
    if (task.application === null) throw new ApiError(400, 'application_required', `task ${taskId} names no application to run`);
    await requireRunSource(ctx.db, task.project_id, 'application', task.application);
  }
  const run = await ctx.runs.create({
    task,
    trigger: 'manual',
    attempt: 1,
    parameters,
    scheduledFor: null,
    notBefore: null,
    createdBy: principal.id,
  });
  return presentRun(run);
}

export async function listRuns(ctx: AppContext, principal: Principal, taskId: number, page: PageQuery): Promise<PageResult<Run>> {
  await visibleTask(ctx.db, principal, taskId);
  const rows = await listRunsOfTask(ctx.db, taskId, { beforeId: decodeCursor(page.cursor), limit: page.limit + 1 });
  return toPage(rows, page.limit, presentRun);
}

export async function getRun(ctx: AppContext, principal: Principal, id: number): Promise<Run> {
  return presentRun(await visibleRun(ctx.db, principal, id));
}

/** POST /runs/:id/cancel: 409 for a finished run; else the run stops and says it was cancelled. */
export async function cancelRun(ctx: AppContext, principal: Principal, id: number): Promise<Run> {
  const run = await visibleRun(ctx.db, principal, id, 'write');
  if (isTerminal(run.status)) throw conflict('run_finished', `run ${id} has already finished (${run.status}): there is nothing to cancel`);
  const task = await findTaskById(ctx.db, run.task_id);
  if (!task) throw notFound(`run ${id}`);
  await ctx.runs.cancel(run, task);
  return presentRun((await findRunById(ctx.db, id)) ?? run);
}

/** The last `tail` lines of the run's log: from the backend while it has them, else as kept in storage. */
export async function runLogs(ctx: AppContext, principal: Principal, id: number, tail: number): Promise<string> {
  const run = await visibleRun(ctx.db, principal, id);
  const task = await findTaskById(ctx.db, run.task_id);
  const live = await ctx.runs.adapter.logs(run, task?.kind === 'spark' ? 'spark' : 'notebook', tail);
  if (live !== undefined) return live;
  const key = runLogKey(run.project_id, run.id);
  if (!(await ctx.storage.head(key))) return '';
  const file = await ctx.storage.localFile(key);
  try {
    return await tailLines(file.path, tail);
  } finally {
    file.release();
  }
}

export type RunOutput = { readonly html: string } | { readonly notebook: Readable; readonly sizeBytes: number };

/** GET /runs/:id/output: the executed notebook as HTML (rendered, never run) or as it is; 404 until there is one. */
export async function runOutput(ctx: AppContext, principal: Principal, id: number, format: 'html' | 'ipynb'): Promise<RunOutput> {
  const run = await visibleRun(ctx.db, principal, id);
  if (run.output_key === null) {
    throw new ApiError(404, 'not_found', `run ${id} has no executed notebook${isTerminal(run.status) ? '' : ' yet'}`);
  }
  if (format === 'ipynb') {
    const object = await ctx.storage.get(run.output_key);
    return { notebook: object.body, sizeBytes: object.sizeBytes };
  }
  const file = await ctx.storage.localFile(run.output_key);
  try {
    return { html: await renderNotebookHtml(file.path, { python: ctx.config.runs.python }) };
  } catch (error) {
    if (error instanceof NotebookRenderError) throw new ApiError(503, 'render_unavailable', error.message);
    throw error;
  } finally {
    file.release();
  }
}

/** GET /tasks/:id/schedule/next: the next fire times of the task's schedule, in its time zone. */
export async function nextFireTimes(ctx: AppContext, principal: Principal, taskId: number, count: number): Promise<NextFireTimes> {
  const task = await visibleTask(ctx.db, principal, taskId);
  const fireTimes =
    task.schedule === null
      ? []
      : parseTaskSchedule(task.schedule, task.time_zone)
          .nextFireTimes(count, new Date())
          .map((t) => t.toISOString());
  return { schedule: task.schedule, timeZone: task.time_zone, fireTimes };
}
