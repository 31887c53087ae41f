import * as path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { AppConfig } from '../config';
import { createObjectStorage } from '../storage/create-object-storage';
import type { ObjectStorage } from '../storage/object-storage';
import { QueryEngine } from './query-engine';
import { SandboxPool } from './sandbox-pool';

/** Staged uploads older than this were abandoned by a stopped server: swept at start-up. */
const ABANDONED_STAGING_MS = 60 * 60 * 1000;

export interface DataServices {
  readonly storage: ObjectStorage;
  readonly sandboxes: SandboxPool;
  readonly queries: QueryEngine;
  close(): Promise<void>;
}

/**
 * The object storage and the DuckDB sandboxes of one app instance. A storage outage at
 * start-up does not stop the server: requests that need storage answer 503 until it is back.
 */
export async function createDataServices(config: AppConfig, log: FastifyBaseLogger): Promise<DataServices> {
  const storage = await createObjectStorage(config.storage);
  const memoryLimitBytes = config.queryMemoryMb * 1024 * 1024;
  const sandboxes = new SandboxPool({
    memoryLimitBytes,
    threads: config.queryThreads,
    tempRoot: path.join(config.dataDir, 'query-tmp'),
    // Spill space for sorts and joins larger than memory, bounded like memory itself.
    maxTempBytes: memoryLimitBytes * 4,
    maxConcurrent: config.queryMaxConcurrent,
  });
  const queries = await QueryEngine.create({ pool: sandboxes, timeoutMs: config.queryTimeoutMs });
  storage.sweepStaging(ABANDONED_STAGING_MS).then(
    (swept) => {
      if (swept > 0) log.info({ swept }, 'removed staged uploads abandoned by a stopped server');
    },
    (error: unknown) => log.warn({ err: error }, 'could not sweep abandoned staged uploads; will retry at the next start'),
  );
  return { storage, sandboxes, queries, close: () => queries.close() };
}
