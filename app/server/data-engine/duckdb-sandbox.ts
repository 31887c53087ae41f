import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { quoteLiteral } from './sql-text';

export interface SandboxLimits {
  /** DuckDB's memory_limit for one sandbox, in bytes. */
  readonly memoryLimitBytes: number;
  /** DuckDB worker threads for one sandbox. */
  readonly threads: number;
  /** Parent of each sandbox's own spill directory. */
  readonly tempRoot: string;
  /** Most bytes one sandbox may spill to disk (max_temp_directory_size). */
  readonly maxTempBytes: number;
}

export interface Sandbox {
  readonly connection: DuckDBConnection;
  /** Sets lock_configuration: call once the server has created what it needs (views). */
  lock(): Promise<void>;
  /** Closes DuckDB and removes the spill directory. Call once, after every query has settled. */
  close(): Promise<void>;
}

/**
 * Opens a fresh in-memory DuckDB that can read exactly `readableFiles` and nothing else:
 *
 * - `allowed_paths` = those files, then `enable_external_access = false`: every other local
 *   path, glob, URL, ATTACH, COPY/EXPORT target and extension file is refused by DuckDB's own
 *   file-system check (it canonicalizes `..`). DuckDB also allows its temp directory, so each
 *   sandbox gets its own empty one, removed on close: nothing of another query is there.
 * - `autoinstall_known_extensions` / `autoload_known_extensions` / `allow_community_extensions`
 *   = false, `allow_unsigned_extensions` stays false: no extension arrives or loads (httpfs,
 *   the only way to the network, included); LOAD is refused with external access off.
 * - `memory_limit`, `threads`, `max_temp_directory_size` bound one query's resources.
 * - `TimeZone` = UTC, so TIMESTAMP WITH TIME ZONE values do not depend on the host.
 * - `lock()` sets `lock_configuration = true`: no SET, RESET or PRAGMA can change any of it.
 *
 * One sandbox per query (or per inspection): about 10 ms to open, and no state, cache or file
 * access carries over from one user's query to another's.
 */
export async function openSandbox(readableFiles: readonly string[], limits: SandboxLimits): Promise<Sandbox> {
  const tempDir = path.join(limits.tempRoot, `duckdb-${randomUUID()}`);
  await fs.mkdir(tempDir, { recursive: true, mode: 0o700 });
  let instance: DuckDBInstance | undefined;
  let connection: DuckDBConnection | undefined;
  try {
    instance = await DuckDBInstance.create(':memory:', {
      threads: String(limits.threads),
      memory_limit: `${Math.max(1, Math.floor(limits.memoryLimitBytes / 1024))}KiB`,
      temp_directory: tempDir,
      max_temp_directory_size: `${Math.max(1, Math.floor(limits.maxTempBytes / 1024))}KiB`,
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      allow_community_extensions: 'false',
      allow_unsigned_extensions: 'false',
    });
    connection = await instance.connect();
    const allowed = readableFiles.map((file) => quoteLiteral(path.resolve(file))).join(', ');
    await connection.run(`SET allowed_paths = [${allowed}]`);
    await connection.run(`SET TimeZone = 'UTC'`);
    await connection.run('SET enable_external_access = false');
  } catch (error) {
    connection?.closeSync();
    instance?.closeSync();
    await fs.rm(tempDir, { recursive: true, force: true });
    throw error;
  }
  const openConnection = connection;
  const openInstance = instance;
  let closed = false;
  return {
    connection: openConnection,
    lock: async () => {
      await openConnection.run('SET lock_configuration = true');
    },
    close: async () => {
      if (closed) return;
      closed = true;
      openConnection.closeSync();
      openInstance.closeSync();
      await fs.rm(tempDir, { recursive: true, force: true });
    },
  };
}
