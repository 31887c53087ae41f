import pLimit from 'p-limit';
import { QueryEngineBusyError } from './data-errors';
import { openSandbox, type Sandbox, type SandboxLimits } from './duckdb-sandbox';

export interface SandboxPoolOptions extends SandboxLimits {
  /**
   * Sandboxes working at once. @duckdb/node-api runs each query on a libuv thread-pool
   * thread (a Napi::AsyncWorker), and that pool (4 threads by default) also serves file
   * reads, DNS lookups and scrypt password hashing: keeping this below it leaves threads for
   * the rest of the server. @default 2
   */
  readonly maxConcurrent?: number;
  /** Work waiting for a slot beyond this is refused with QueryEngineBusyError. @default 32 */
  readonly maxQueued?: number;
}

/** Bounds how many DuckDB sandboxes run at once; each piece of work gets a fresh one. */
export class SandboxPool {
  readonly limits: SandboxLimits;
  private readonly slots: pLimit.Limit;
  private readonly maxQueued: number;

  constructor(options: SandboxPoolOptions) {
    this.limits = {
      memoryLimitBytes: options.memoryLimitBytes,
      threads: options.threads,
      tempRoot: options.tempRoot,
      maxTempBytes: options.maxTempBytes,
    };
    this.slots = pLimit(options.maxConcurrent ?? 2);
    this.maxQueued = options.maxQueued ?? 32;
  }

  /** Pieces of work running now. */
  get active(): number {
    return this.slots.activeCount;
  }

  /** Pieces of work waiting for a slot. */
  get waiting(): number {
    return this.slots.pendingCount;
  }

  /**
   * Runs `work` in a slot; `work` opens its sandbox with `open(files)` when it knows which
   * files it reads, and the sandbox is closed when `work` settles (also on failure).
   */
  run<T>(work: (open: (files: readonly string[]) => Promise<Sandbox>) => Promise<T>): Promise<T> {
    if (this.slots.pendingCount >= this.maxQueued) return Promise.reject(new QueryEngineBusyError());
    return this.slots(async () => {
      const opened: Sandbox[] = [];
      try {
        return await work(async (files) => {
          const sandbox = await openSandbox(files, this.limits);
          opened.push(sandbox);
          return sandbox;
        });
      } finally {
        for (const sandbox of opened) await sandbox.close();
      }
    });
  }
}
