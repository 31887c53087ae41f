import { ChildProcess, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JsonValue } from '../../../../charts/notebooks/notebook-parameters';
import type { RunUpdate } from '../run-backend';
import { ProcessTreeTracker } from './process-tree';
import { RunQueue } from './run-queue';

/** The runner script kept next to this file (python3, papermill or nbclient). */
export const RUNNER_SCRIPT = path.join(__dirname, 'run_notebook.py');

/** Parameter name the platform injects: where the notebook writes its result file. */
export const OUTPUT_PATH_PARAMETER = 'output_path';

export interface LocalExecutorOptions {
  /** Python interpreter with nbclient (or papermill) and ipykernel (RUNS_PYTHON). @default 'python3' */
  readonly python?: string;
  /** spark-submit of a local Apache Spark (SPARK_SUBMIT). @default none: Spark runs fail saying so */
  readonly sparkSubmit?: string;
  /** Runs executing at once (RUNS_MAX_CONCURRENT); the rest wait in FIFO order. @default 2 */
  readonly maxConcurrent?: number;
  /** How long a stopped run may take to save its notebook and shut its kernel down. @default 5000 */
  readonly stopGraceMs?: number;
  /** How often a running run's process tree is read (to know orphans). @default 1000 */
  readonly observeIntervalMs?: number;
  /** @default 'auto': papermill when the interpreter can import it, else nbclient */
  readonly engine?: 'auto' | 'papermill' | 'nbclient';
  /**
   * Extra environment of the runs. Runs never inherit the server's environment (it holds the
   * database URL and the JWT key): only PATH, HOME, locale and time zone are passed through.
   * @default none
   */
  readonly env?: { readonly [name: string]: string };
}

interface LocalRunBase {
  readonly runId: string;
  /** Working directory of the kernel or the driver; created when missing. */
  readonly workDir: string;
  /** File the run's output (stdout and stderr of every process) is appended to. */
  readonly logPath: string;
  /** Local path the run writes its result file to (the `output_path` parameter / OUTPUT_PATH). */
  readonly outputPath: string;
  /** Wall-clock limit from the moment the run starts executing. */
  readonly timeoutSeconds: number;
}

export interface LocalNotebookRun extends LocalRunBase {
  readonly kind: 'notebook';
  readonly notebookPath: string;
  /** Where the executed notebook is written (also when a cell fails or the run is stopped). */
  readonly outputNotebookPath: string;
  /** Validated values; `output_path` is added by the executor. */
  readonly parameters: { readonly [name: string]: JsonValue };
}

export interface LocalSparkRun extends LocalRunBase {
  readonly kind: 'spark';
  /** The PySpark file. */
  readonly applicationPath: string;
  readonly arguments: readonly string[];
  /** @default none */
  readonly sparkConf?: { readonly [key: string]: string };
}

export type LocalRun = LocalNotebookRun | LocalSparkRun;

interface Execution {
  readonly child: ChildProcess;
  readonly tracker: ProcessTreeTracker;
  stopping?: { status: 'cancelled' | 'timed_out' | 'failed'; reason: string };
}

const PASSED_ENV = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR'];

export const SPARK_SUBMIT_MISSING =
  'Spark runs on the local backend need a local Apache Spark: install it and set SPARK_SUBMIT to its bin/spark-submit, or run the server with RUNS_BACKEND=kubernetes';

/**
 * Runs notebooks and PySpark jobs as local processes. Emits `update` (RunUpdate) for every
 * status change: running when its process starts, then exactly one of succeeded, failed,
 * cancelled or timed_out, with the reason in the message.
 */
export class LocalRunExecutor extends EventEmitter<{ update: [RunUpdate] }> {
  private readonly queue: RunQueue;
  private readonly executions = new Map<string, Execution>();
  private readonly options: Required<Omit<LocalExecutorOptions, 'sparkSubmit' | 'env'>> & LocalExecutorOptions;

  public constructor(options: LocalExecutorOptions = {}) {
    super();
    this.options = { python: 'python3', maxConcurrent: 2, stopGraceMs: 5000, observeIntervalMs: 1000, engine: 'auto', ...options };
    this.queue = new RunQueue(this.options.maxConcurrent);
  }

  /** Queues a run; it starts when a slot is free. A Spark run without spark-submit fails at once. */
  public submit(run: LocalRun): void {
    if (!Number.isFinite(run.timeoutSeconds) || run.timeoutSeconds <= 0) {
      throw new RangeError(`timeoutSeconds must be positive, got ${run.timeoutSeconds}`);
    }
    if (run.kind === 'spark' && this.options.sparkSubmit === undefined) {
      this.emitUpdate(run.runId, { status: 'failed', at: new Date(), message: SPARK_SUBMIT_MISSING });
      return;
    }
    this.queue.enqueue(run.runId, () => this.execute(run));
  }

  /**
   * Cancels a queued or running run. A running run's whole process tree is stopped before the
   * `cancelled` update is emitted. Returns false when the run is not queued or running here.
   */
  public cancel(runId: string, reason = 'cancelled'): boolean {
    if (this.queue.remove(runId)) {
      this.emitUpdate(runId, { status: 'cancelled', at: new Date(), message: `${reason} before it started` });
      return true;
    }
    const execution = this.executions.get(runId);
    if (execution === undefined) return false;
    this.stop(execution, 'cancelled', reason);
    return true;
  }

  /** Run ids waiting for a slot, oldest first. */
  public queuedRunIds(): string[] {
    return this.queue.waitingIds();
  }

  /** Run ids executing now. */
  public runningRunIds(): string[] {
    return [...this.executions.keys()];
  }

  /** Stops every run (server shutdown): queued ones are dropped, running ones fail saying why. */
  public async shutdown(reason = 'the server stopped while the run was running'): Promise<void> {
    for (const id of this.queue.waitingIds()) this.queue.remove(id);
    const finished = [...this.executions.entries()].map(
      ([runId]) =>
        new Promise<void>((resolve) => this.on('update', (u) => u.runId === runId && u.observation.status !== 'running' && resolve())),
    );
    for (const execution of this.executions.values()) this.stop(execution, 'cancelled', reason, 'failed');
    await Promise.all(finished);
  }

  private emitUpdate(runId: string, observation: RunUpdate['observation']): void {
    this.emit('update', { runId, observation });
  }

  private environment(run: LocalRun): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const name of PASSED_ENV) if (process.env[name] !== undefined) env[name] = process.env[name];
    return {
      ...env,
      PYTHONUNBUFFERED: '1',
      MPLBACKEND: 'Agg',
      JUPYTER_PLATFORM_DIRS: '1',
      // ipykernel's debugger otherwise warns about frozen modules in every run's log.
      PYDEVD_DISABLE_FILE_VALIDATION: '1',
      OUTPUT_PATH: run.outputPath,
      ...this.options.env,
    };
  }

  private command(run: LocalRun): { file: string; args: string[]; resultPath?: string } {
    if (run.kind === 'spark') {
      const conf = Object.entries(run.sparkConf ?? {}).flatMap(([k, v]) => ['--conf', `${k}=${v}`]);
      return {
        file: this.options.sparkSubmit as string,
        args: ['--master', 'local[*]', '--name', `run-${run.runId}`, ...conf, run.applicationPath, ...run.arguments],
      };
    }
    const stem = path.join(run.workDir, `.run-${run.runId}`);
    const parameters = { ...run.parameters, [OUTPUT_PATH_PARAMETER]: run.outputPath };
    fs.writeFileSync(`${stem}.parameters.json`, JSON.stringify(parameters));
    const resultPath = `${stem}.result.json`;
    fs.rmSync(resultPath, { force: true });
    return {
      file: this.options.python,
      args: [
        RUNNER_SCRIPT,
        '--input',
        run.notebookPath,
        '--output',
        run.outputNotebookPath,
        '--cwd',
        run.workDir,
        '--parameters',
        `${stem}.parameters.json`,
        '--result',
        resultPath,
        '--engine',
        this.options.engine,
        '--parent-pid',
        String(process.pid),
      ],
      resultPath,
    };
  }

  private execute(run: LocalRun): Promise<void> {
    return new Promise<void>((resolve) => {
      let command: ReturnType<LocalRunExecutor['command']>;
      let log: number;
      try {
        fs.mkdirSync(run.workDir, { recursive: true });
        for (const file of [run.logPath, run.outputPath, ...(run.kind === 'notebook' ? [run.outputNotebookPath] : [])]) {
          fs.mkdirSync(path.dirname(file), { recursive: true });
        }
        command = this.command(run);
        log = fs.openSync(run.logPath, 'a');
      } catch (error) {
        this.emitUpdate(run.runId, {
          status: 'failed',
          at: new Date(),
          message: `the run could not be prepared: ${(error as Error).message}`,
        });
        resolve();
        return;
      }
      // detached: the run gets a process group of its own, so a terminal's Ctrl-C reaches the
      // server (which stops its runs) rather than every run directly.
      const child = spawn(command.file, command.args, {
        cwd: run.workDir,
        env: this.environment(run),
        stdio: ['ignore', log, log],
        detached: true,
      });
      fs.closeSync(log);
      const tracker = new ProcessTreeTracker(child.pid ?? -1);
      const execution: Execution = { child, tracker };
      let timeout: NodeJS.Timeout | undefined;
      let observer: NodeJS.Timeout | undefined;
      let settled = false;
      const finish = (observation: RunUpdate['observation']) => {
        if (settled) return;
        settled = true;
        this.executions.delete(run.runId);
        this.emitUpdate(run.runId, observation);
        resolve();
      };
      child.once('spawn', () => {
        this.executions.set(run.runId, execution);
        tracker.observe();
        this.emitUpdate(run.runId, { status: 'running', at: new Date() });
        observer = setInterval(() => tracker.observe(), this.options.observeIntervalMs);
        timeout = setTimeout(
          () => this.stop(execution, 'timed_out', `timed out after ${run.timeoutSeconds} s (the task's timeoutSeconds)`),
          run.timeoutSeconds * 1000,
        );
      });
      child.once('error', (error) => {
        if (child.pid !== undefined) return; // an error after the start; 'close' reports the outcome
        const setting = run.kind === 'spark' ? 'SPARK_SUBMIT' : 'RUNS_PYTHON';
        finish({ status: 'failed', at: new Date(), message: `cannot start ${command.file} (${setting}): ${error.message}` });
      });
      child.once('close', (code, signal) => {
        clearTimeout(timeout);
        clearInterval(observer);
        if (child.pid === undefined) return;
        // Whatever the run left behind (a daemon a cell started, a kernel that outlived its
        // runner) goes too, and the outcome is reported once none of its processes is left.
        const leftovers = tracker.killAll();
        void tracker.waitUntilGone(10000).then((gone) => {
          const observation = this.outcome(run, execution, command.resultPath, code, signal, leftovers);
          const warning = gone
            ? ''
            : `; some of its processes could not be stopped: ${tracker
                .processes()
                .map((p) => p.pid)
                .join(', ')}`;
          finish(
            observation.status === 'running' || gone ? observation : { ...observation, message: `${observation.message ?? ''}${warning}` },
          );
        });
      });
    });
  }

  private outcome(
    run: LocalRun,
    execution: Execution,
    resultPath: string | undefined,
    code: number | null,
    signal: NodeJS.Signals | null,
    leftovers: number,
  ): RunUpdate['observation'] {
    const at = new Date();
    if (execution.stopping !== undefined) {
      const status = execution.stopping.status;
      return { status, at, message: `${execution.stopping.reason}; its whole process tree was stopped` };
    }
    const exit = code !== null ? `exit code ${code}` : `signal ${signal}`;
    const cleanup = leftovers > 0 ? `; ${leftovers} process(es) it left running were stopped` : '';
    if (run.kind === 'spark') {
      return code === 0
        ? { status: 'succeeded', at, ...(cleanup ? { message: cleanup.slice(2) } : {}) }
        : { status: 'failed', at, message: `spark-submit failed with ${exit}; see the run's log${cleanup}` };
    }
    let result: { status?: string; error?: { ename: string; evalue: string } | null } = {};
    try {
      result = JSON.parse(fs.readFileSync(resultPath as string, 'utf8'));
    } catch {
      // the runner died before writing its result
    }
    if (result.status === 'succeeded' && code === 0) return { status: 'succeeded', at, ...(cleanup ? { message: cleanup.slice(2) } : {}) };
    if (result.error) return { status: 'failed', at, message: `${result.error.ename}: ${result.error.evalue}${cleanup}` };
    return { status: 'failed', at, message: `the notebook runner ended with ${exit} before it finished; see the run's log${cleanup}` };
  }

  /**
   * SIGTERM to the runner (it saves the notebook and shuts its kernel down), then after the
   * grace period every process of the run's tree that is left is frozen and killed.
   */
  private stop(execution: Execution, status: 'cancelled' | 'timed_out', reason: string, reportAs?: 'failed'): void {
    if (execution.stopping !== undefined) return;
    execution.stopping = { status: reportAs ?? status, reason };
    execution.tracker.observe();
    try {
      execution.child.kill('SIGTERM');
    } catch {
      // already exited
    }
    const deadline = setTimeout(() => execution.tracker.killAll(), this.options.stopGraceMs);
    execution.child.once('close', () => clearTimeout(deadline));
  }
}
