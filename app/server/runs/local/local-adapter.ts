import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunRow } from '../../../../schema/runs.table';
import type { ObjectStorage } from '../../storage/object-storage';
import type { RunUpdate } from '../run-backend';
import type { PreparedRun, RunAdapter, RunOutputs } from '../run-adapter';
import { LocalRunExecutor } from './local-executor';
import { tailLines } from './log-file';
import { RunQueue } from './run-queue';

export interface LocalAdapterOptions {
  /** The server's DATA_DIR: runs work under <dataDir>/runs/<runId>/. */
  readonly dataDir: string;
  readonly storage: ObjectStorage;
  readonly python: string;
  readonly sparkSubmit: string | undefined;
  readonly maxConcurrent: number;
}

/**
 * This server's identity as the owner of local runs, kept in the data directory: a restarted
 * server (same DATA_DIR) recognises the runs it had, and other servers on the same database
 * leave them alone.
 */
function instanceId(dataDir: string): string {
  const file = path.join(dataDir, 'runs', 'instance-id');
  try {
    const stored = fs.readFileSync(file, 'utf8').trim();
    if (/^[a-f0-9]{16}$/.test(stored)) return stored;
  } catch {
    // first start
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const id = randomBytes(8).toString('hex');
  fs.writeFileSync(file, `${id}\n`);
  return id;
}

/** Runs as processes of this server (LocalRunExecutor), their files under the data directory. */
export class LocalRunAdapter extends EventEmitter<{ update: [RunUpdate]; synced: []; error: [Error] }> implements RunAdapter {
  public readonly backend = 'local' as const;
  public readonly owner: string;
  public readonly executor: LocalRunExecutor;
  /**
   * RUNS_MAX_CONCURRENT, counted until the manager has saved a run's final state (its output
   * notebook and dataset version included), so the database never shows more runs running
   * than the limit while one finishes and the next starts.
   */
  private readonly slots: RunQueue;
  private readonly releases = new Map<number, () => void>();

  public constructor(private readonly options: LocalAdapterOptions) {
    super();
    this.owner = `local:${instanceId(options.dataDir)}`;
    this.executor = new LocalRunExecutor({
      python: options.python,
      sparkSubmit: options.sparkSubmit,
      maxConcurrent: options.maxConcurrent,
    });
    this.slots = new RunQueue(options.maxConcurrent);
    this.executor.on('update', (update) => this.emit('update', update));
  }

  /** Where a run's files are. */
  public runDir(runId: number): string {
    return path.join(this.options.dataDir, 'runs', String(runId));
  }

  private paths(runId: number) {
    const dir = this.runDir(runId);
    return { dir, log: path.join(dir, 'log.txt'), output: path.join(dir, 'output.ipynb'), result: path.join(dir, 'result') };
  }

  public async start(prepared: PreparedRun): Promise<{ externalId?: string }> {
    const { run, task, source } = prepared;
    const paths = this.paths(run.id);
    fs.rmSync(paths.dir, { recursive: true, force: true });
    fs.mkdirSync(paths.result, { recursive: true });
    let input: string;
    if (source.origin === 'library') {
      input = source.localPath;
    } else {
      // The run reads the file as it was when it started, whatever happens to it meanwhile.
      input = path.join(paths.dir, prepared.kind === 'notebook' ? 'input.ipynb' : 'input.py');
      const local = await this.options.storage.localFile(source.file.storage_key);
      try {
        fs.copyFileSync(local.path, input);
      } finally {
        local.release();
      }
    }
    const base = {
      runId: String(run.id),
      workDir: path.join(paths.dir, 'work'),
      logPath: paths.log,
      outputPath: path.join(paths.result, prepared.resultFileName),
      timeoutSeconds: task.timeout_seconds,
    };
    this.slots.enqueue(
      String(run.id),
      () =>
        new Promise<void>((resolve) => {
          this.releases.set(run.id, resolve);
          if (prepared.kind === 'notebook') {
            this.executor.submit({
              ...base,
              kind: 'notebook',
              notebookPath: input,
              outputNotebookPath: paths.output,
              parameters: prepared.parameters,
            });
          } else {
            this.executor.submit({ ...base, kind: 'spark', applicationPath: input, arguments: prepared.arguments });
          }
        }),
    );
    return {};
  }

  public settled(runId: number): void {
    this.releases.get(runId)?.();
    this.releases.delete(runId);
  }

  public async cancel(run: RunRow, _kind: 'notebook' | 'spark', reason: string): Promise<boolean> {
    if (this.slots.remove(String(run.id))) {
      this.emit('update', {
        runId: String(run.id),
        observation: { status: 'cancelled', at: new Date(), message: `${reason} before it started` },
      });
      return true;
    }
    return this.executor.cancel(String(run.id), reason);
  }

  public async logs(run: RunRow, _kind: 'notebook' | 'spark', tail: number): Promise<string | undefined> {
    const file = this.paths(run.id).log;
    return fs.existsSync(file) ? tailLines(file, tail) : undefined;
  }

  public async outputs(run: RunRow): Promise<RunOutputs> {
    const paths = this.paths(run.id);
    const results = fs.existsSync(paths.result) ? fs.readdirSync(paths.result) : [];
    return {
      ...(fs.existsSync(paths.output) ? { notebook: { localPath: paths.output } } : {}),
      ...(results.length > 0 ? { result: { localPath: path.join(paths.result, results.sort()[0] as string) } } : {}),
    };
  }

  public schedules(): boolean {
    return true;
  }

  public queueDepth(): number {
    return this.slots.waitingIds().length;
  }

  public observedRunIds(): undefined {
    return undefined;
  }

  public activate(): void {
    // Nothing to join: local runs start when they are submitted.
  }

  /** Stops every run: running ones fail saying the server stopped, queued ones stay queued for the next start. */
  public async stop(): Promise<void> {
    for (const id of this.slots.waitingIds()) this.slots.remove(id);
    await this.executor.shutdown('the server stopped while the run was running');
  }
}
