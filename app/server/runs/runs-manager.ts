import * as fs from 'node:fs';
import type { JsonValue } from '../../../charts/notebooks/notebook-parameters';
import type { RunRow } from '../../../schema/runs.table';
import type { TaskRow } from '../../../schema/tasks.table';
import type { AppContext } from '../context';
import { ApiError } from '../errors';
import { findRunById, findRunsInStatus, countRunsByStatus, claimRun } from '../repositories/run-repository';
import { findTaskById } from '../repositories/task-repository';
import { addDatasetVersionFromFile } from '../services/dataset-upload-service';
import { requireRunSource, requireValidParameters } from '../services/notebook-source';
import { runOutputNotebookKey } from '../storage/run-keys';
import { isOneOf, MANAGED_DATASET_FORMATS } from '../../../schema/vocabulary';
import type { RunUpdate } from './run-backend';
import type { RunScheduler } from './run-scheduler';
import type { PreparedRun, ProducedFile, RunAdapter } from './run-adapter';
import { createRunRecord, recordObservation, type NewRun, type RunResults } from './run-records';
import { isTerminal, orphanedRunOutcome, retryDecision, type RunObservation } from './run-state';
import { DEFAULT_SPARK_SIZING, type SparkSizing } from './spark-sizing';

const ORPHANED = 'the server stopped while the run was running; its processes ended with it';
const GONE = 'its Kubernetes objects are gone (deleted while no server was watching them)';

const dbDate = (value: string | null): Date | null => (value === null ? null : new Date(`${value.replace(' ', 'T')}Z`));

/**
 * Runs a task's runs on one backend: starts queued runs (after their retry delay), applies
 * what the backend reports (run-state.ts), stores the executed notebook, adds the result as
 * the output dataset's next version, retries failures, and on start-up settles runs a stopped
 * server left behind. Updates of one run are applied one at a time, in order.
 */
export class RunsManager {
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly chains = new Map<number, Promise<void>>();
  private stopping = false;
  /** The scheduler creating this manager's scheduled runs (set by createRuns). */
  public scheduler: RunScheduler | undefined;

  public constructor(
    private readonly ctx: () => AppContext,
    public readonly adapter: RunAdapter,
  ) {
    adapter.on('update', (update) => this.serialize(Number(update.runId), () => this.handleUpdate(update)));
    adapter.on('synced', () => void this.settleGoneRuns().catch((error: unknown) => this.warn(error, 'could not settle runs')));
    adapter.on('error', (error) => this.warn(error, 'run backend error'));
  }

  private warn(error: unknown, message: string): void {
    this.ctx().log.warn({ err: error }, message);
  }

  /** Begins: the backend starts working and runs left behind by a stopped server are settled. */
  public async start(): Promise<void> {
    this.adapter.activate();
    if (this.adapter.owner !== undefined) await this.recoverOwnRuns(this.adapter.owner);
  }

  /** Stops starting runs, stops the running ones (they fail saying why) and waits until that is saved. */
  public async stop(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.adapter.stop();
    await this.idle();
  }

  /** Resolves once every update received so far has been applied. */
  public async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  /** Creates a queued run (run.created is published) and starts it when its time comes. */
  public async create(input: Omit<NewRun, 'backend' | 'externalId'>): Promise<RunRow> {
    const run = await createRunRecord(this.ctx(), { ...input, backend: this.adapter.backend, externalId: this.adapter.owner ?? null });
    this.enqueue(run);
    void this.reportQueue();
    return run;
  }

  /** Starts the run now, or at its not_before (a retry's delay). */
  public enqueue(run: RunRow): void {
    if (this.stopping) return;
    const delay = (dbDate(run.not_before)?.getTime() ?? 0) - Date.now();
    if (delay > 0) {
      const timer = setTimeout(() => void this.launch(run.id), Math.min(delay, 2 ** 31 - 1));
      timer.unref();
      this.timers.set(run.id, timer);
      return;
    }
    void this.launch(run.id);
  }

  /** Queued runs here (waiting for a slot or for their retry delay). */
  public queueDepth(): number {
    return this.adapter.queueDepth() + this.timers.size;
  }

  /** What a task's run needs, checked again now (the notebook may have changed since the task was saved). */
  private async prepare(run: RunRow, task: TaskRow): Promise<PreparedRun> {
    const ctx = this.ctx();
    const kind = task.kind === 'spark' ? 'spark' : 'notebook';
    const field = kind === 'spark' ? 'application' : 'notebook';
    const name = kind === 'spark' ? task.application : task.notebook;
    if (name === null) throw new ApiError(400, `${field}_required`, `the task names no ${field} to run`);
    const source = await requireRunSource(ctx.db, task.project_id, field, name);
    const parameters = JSON.parse(run.parameters) as Record<string, JsonValue>;
    if (kind === 'notebook') requireValidParameters(source.parameters, parameters);
    let format = 'csv';
    if (task.output_dataset_id !== null) {
      const dataset = await ctx.db.selectFrom('datasets').select('format').where('id', '=', task.output_dataset_id).executeTakeFirst();
      if (dataset && isOneOf(MANAGED_DATASET_FORMATS, dataset.format)) format = dataset.format;
    }
    return {
      run,
      task,
      kind,
      source,
      parameters,
      arguments: task.arguments === null ? [] : (JSON.parse(task.arguments) as string[]),
      sizing: task.spark === null ? DEFAULT_SPARK_SIZING : (JSON.parse(task.spark) as SparkSizing),
      resultFileName: `result.${format}`,
    };
  }

  private async launch(runId: number): Promise<void> {
    this.timers.delete(runId);
    if (this.stopping) return;
    const ctx = this.ctx();
    try {
      const run = await findRunById(ctx.db, runId);
      if (!run || run.status !== 'queued') return;
      if (this.adapter.owner === undefined && !(await claimRun(ctx.db, run.id, `claimed:${process.pid}`))) return;
      const task = await findTaskById(ctx.db, run.task_id);
      if (!task) return;
      let prepared: PreparedRun;
      try {
        prepared = await this.prepare(run, task);
      } catch (error) {
        const message = error instanceof ApiError ? error.message : `the run could not be prepared: ${(error as Error).message}`;
        await this.apply(runId, { status: 'failed', at: new Date(), message });
        return;
      }
      try {
        const { externalId } = await this.adapter.start(prepared);
        if (externalId !== undefined) await ctx.db.updateTable('runs').set({ external_id: externalId }).where('id', '=', runId).execute();
      } catch (error) {
        await this.apply(runId, { status: 'failed', at: new Date(), message: `the run could not be started: ${(error as Error).message}` });
      }
    } catch (error) {
      this.warn(error, `run ${runId} could not be started; it stays queued until the next start-up`);
    } finally {
      void this.reportQueue();
    }
  }

  private serialize(runId: number, work: () => Promise<void>): void {
    const previous = this.chains.get(runId) ?? Promise.resolve();
    const next = previous.then(work).catch((error: unknown) => this.warn(error, `could not record an update of run ${runId}`));
    this.chains.set(runId, next);
    void next.then(() => {
      if (this.chains.get(runId) === next) this.chains.delete(runId);
    });
  }

  private apply(runId: number, observation: RunObservation): Promise<void> {
    return new Promise((resolve) => {
      this.serialize(runId, async () => {
        await this.handleUpdate({ runId: String(runId), observation });
        resolve();
      });
    });
  }

  /** Keeps the executed notebook under the run's key; returns the key. */
  private async storeNotebook(run: RunRow, file: ProducedFile): Promise<string | undefined> {
    const { storage } = this.ctx();
    if ('storageKey' in file) return (await storage.head(file.storageKey)) ? file.storageKey : undefined;
    const staged = await storage.stage(fs.createReadStream(file.localPath), { maxBytes: 256 * 1024 * 1024 });
    const key = runOutputNotebookKey(run.project_id, run.id);
    try {
      await storage.delete(key);
      await staged.commit(key);
    } catch (error) {
      await staged.discard();
      throw error;
    }
    return key;
  }

  private async handleUpdate(update: RunUpdate): Promise<void> {
    try {
      await this.applyUpdate(update);
    } finally {
      // Whatever became of its row (saved, or deleted with its task meanwhile), a finished run's slot is free.
      if (isTerminal(update.observation.status)) this.adapter.settled(Number(update.runId));
    }
  }

  private async applyUpdate(update: RunUpdate): Promise<void> {
    const ctx = this.ctx();
    const runId = Number(update.runId);
    const run = await findRunById(ctx.db, runId);
    if (!run || isTerminal(run.status)) return;
    let observation = update.observation;
    const results: { -readonly [K in keyof RunResults]: RunResults[K] } = {};
    const task = await findTaskById(ctx.db, run.task_id);
    if (isTerminal(observation.status)) {
      const outputs = await this.adapter.outputs(run);
      if (outputs.notebook) {
        results.outputKey = await this.storeNotebook(run, outputs.notebook).catch((error: unknown) => {
          this.warn(error, `could not keep the executed notebook of run ${runId}`);
          return undefined;
        });
      }
      if (observation.status === 'succeeded' && task?.output_dataset_id != null) {
        const datasetId = task.output_dataset_id;
        if (outputs.result === undefined) {
          observation = {
            status: 'failed',
            at: observation.at,
            message: `the run wrote no result file to its output_path, so dataset ${datasetId} got no new version`,
          };
        } else {
          try {
            const dataset = await addDatasetVersionFromFile(ctx, { datasetId, source: outputs.result, runId, createdBy: run.created_by });
            results.outputDatasetVersion = dataset.version ?? undefined;
          } catch (error) {
            observation = {
              status: 'failed',
              at: observation.at,
              message: `the run succeeded but its result could not be added as a version of dataset ${datasetId}: ${(error as Error).message}`,
            };
          }
        }
      }
    }
    const saved = await recordObservation(ctx, runId, observation, results);
    if (!saved || !isTerminal(saved.status)) return;
    const { status } = saved;
    ctx.metrics.runs.runFinished({ runId, taskId: saved.task_id, projectId: saved.project_id, attempt: saved.attempt, status });
    if (task) await this.retryIfDue(saved, task);
    void this.reportQueue();
  }

  private async retryIfDue(run: RunRow, task: TaskRow): Promise<void> {
    const decision = retryDecision(
      { status: run.status, attempt: run.attempt, finishedAt: dbDate(run.finished_at) },
      { maxRetries: task.max_retries, retryDelaySeconds: task.retry_delay_seconds },
    );
    if (!decision.retry || this.stopping) return;
    await this.create({
      task,
      trigger: 'retry',
      attempt: decision.attempt,
      parameters: JSON.parse(run.parameters) as Record<string, unknown>,
      scheduledFor: null,
      notBefore: decision.notBefore,
      createdBy: run.created_by,
    });
  }

  /** Cancels a queued or running run; its final state is saved when the backend has stopped it. */
  public async cancel(run: RunRow, task: TaskRow): Promise<void> {
    const kind = task.kind === 'spark' ? 'spark' : 'notebook';
    const timer = this.timers.get(run.id);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.timers.delete(run.id);
    } else if (await this.adapter.cancel(run, kind, 'cancelled by a user')) {
      return;
    }
    // Not started here (waiting for its retry delay, or never picked up): nothing to stop.
    await this.apply(run.id, { status: 'cancelled', at: new Date(), message: 'cancelled by a user before it started' });
  }

  /**
   * Stops runs whose rows are gone with their task or project: their processes or pods end,
   * and the update they produce finds no row (it only frees the slot).
   */
  public abandon(runs: readonly (RunRow & { kind: string })[], reason: string): void {
    for (const run of runs) {
      const timer = this.timers.get(run.id);
      if (timer !== undefined) {
        clearTimeout(timer);
        this.timers.delete(run.id);
        continue;
      }
      void this.adapter
        .cancel(run, run.kind === 'spark' ? 'spark' : 'notebook', reason)
        .catch((error: unknown) => this.warn(error, `could not stop run ${run.id}`));
    }
  }

  /** Local backend: this server's runs a previous process left running fail; queued ones start again. */
  private async recoverOwnRuns(owner: string): Promise<void> {
    const ctx = this.ctx();
    const rows = await findRunsInStatus(ctx.db, this.adapter.backend, ['queued', 'running']);
    for (const run of rows.filter((r) => r.external_id === owner)) {
      const outcome = orphanedRunOutcome(run.status, new Date(), ORPHANED);
      if (outcome === 'requeue') this.enqueue(run);
      else if (outcome !== 'unchanged') await this.apply(run.id, outcome);
    }
  }

  /**
   * Kubernetes, on the Lease holder once it has seen every run object: runs that were submitted
   * but have no object any more fail saying so; queued runs nobody took start.
   */
  private async settleGoneRuns(): Promise<void> {
    const observed = new Set(this.adapter.observedRunIds() ?? []);
    const ctx = this.ctx();
    for (const run of await findRunsInStatus(ctx.db, this.adapter.backend, ['queued', 'running'])) {
      if (observed.has(run.id)) continue;
      if (run.external_id === null) this.enqueue(run);
      else if (!run.external_id.startsWith('claimed:')) await this.apply(run.id, { status: 'failed', at: new Date(), message: GONE });
    }
  }

  /** Gauges: runs waiting here, and runs per status in the database. */
  public async reportQueue(): Promise<void> {
    const ctx = this.ctx();
    ctx.metrics.runs.setQueueDepth(this.queueDepth());
    try {
      ctx.metrics.runs.setRunsByStatus(await countRunsByStatus(ctx.db));
    } catch {
      // the database is away; the next report catches up
    }
  }
}
