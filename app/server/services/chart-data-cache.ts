import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';

/**
 * Where a chart's data is found again: `id` names what was computed (the project, the source,
 * the type and encoding, and the exact version of every dataset the source reads), so an
 * entry never goes stale: a new version of a dataset gives every chart reading it a new id.
 * `datasetIds` are those datasets, so the entries they made unreachable can be dropped.
 */
export interface ChartDataKey {
  readonly id: string;
  readonly datasetIds: readonly number[];
}

/**
 * Computed chart data, as the JSON bytes the client receives (computed once, sent as they are
 * to every member who asks). Redis when configured, shared by the replicas, with this
 * process's memory in front of it; memory alone otherwise. Concurrent misses of one key in a
 * process share one computation. While Redis fails, data is computed (and kept in memory).
 */
export interface ChartDataCache {
  wrap(key: ChartDataKey, compute: () => Promise<Buffer>): Promise<Buffer>;
  /** Drops what this process keeps for the dataset (every replica, on dataset.updated). */
  forgetDataset(datasetId: number): void;
  /** Drops the dataset's entries everywhere this process can: its memory and Redis (the writer, after commit). */
  dropDataset(datasetId: number): Promise<void>;
}

/** Memory kept by one process, and how long Redis keeps an entry nobody asked for again. */
export const CHART_CACHE_MEMORY_BYTES = 64 * 2 ** 20;
export const CHART_CACHE_REDIS_SECONDS = 3600;

interface MemoryEntry {
  readonly body: Buffer;
  readonly datasetIds: readonly number[];
}

/** An LRU of entries by bytes, with the single-flight of concurrent misses. */
function memoryChartCache(maxBytes: number) {
  const entries = new Map<string, MemoryEntry>();
  const loading = new Map<string, Promise<Buffer>>();
  let bytes = 0;
  // Bumped by every drop: a computation that started before it may be of the old versions.
  let epoch = 0;
  const remove = (id: string) => {
    const entry = entries.get(id);
    if (!entry) return;
    entries.delete(id);
    bytes -= entry.body.length;
  };
  const store = (key: ChartDataKey, body: Buffer) => {
    if (body.length > maxBytes) return;
    remove(key.id);
    for (const [oldest, entry] of entries) {
      if (bytes + body.length <= maxBytes) break;
      entries.delete(oldest);
      bytes -= entry.body.length;
    }
    entries.set(key.id, { body, datasetIds: key.datasetIds });
    bytes += body.length;
  };
  return {
    async wrap(key: ChartDataKey, compute: () => Promise<Buffer>): Promise<Buffer> {
      const entry = entries.get(key.id);
      if (entry) {
        // Most recently used last: Maps iterate in insertion order.
        entries.delete(key.id);
        entries.set(key.id, entry);
        return entry.body;
      }
      const pending = loading.get(key.id);
      if (pending) return pending;
      const startedIn = epoch;
      const load = compute();
      loading.set(key.id, load);
      try {
        const body = await load;
        if (startedIn === epoch) store(key, body);
        return body;
      } finally {
        if (loading.get(key.id) === load) loading.delete(key.id);
      }
    },
    forgetDataset(datasetId: number): void {
      epoch += 1;
      for (const [id, entry] of entries) if (entry.datasetIds.includes(datasetId)) remove(id);
    },
  };
}

export function memoryChartDataCache(maxBytes = CHART_CACHE_MEMORY_BYTES): ChartDataCache {
  const memory = memoryChartCache(maxBytes);
  return {
    wrap: (key, compute) => memory.wrap(key, compute),
    forgetDataset: (datasetId) => memory.forgetDataset(datasetId),
    async dropDataset(datasetId) {
      memory.forgetDataset(datasetId);
    },
  };
}

/**
 * Redis behind this process's memory. An entry is `<prefix>chart-data:<id>`; the set
 * `<prefix>chart-data:dataset:<datasetId>` lists the ids computed from each dataset, so a
 * new version deletes them at once instead of leaving them to expire.
 */
export function redisChartDataCache(
  redis: Redis,
  prefix: string,
  log: FastifyBaseLogger,
  maxBytes = CHART_CACHE_MEMORY_BYTES,
): ChartDataCache {
  const memory = memoryChartCache(maxBytes);
  const entryKey = (id: string) => `${prefix}chart-data:${id}`;
  const indexKey = (datasetId: number) => `${prefix}chart-data:dataset:${datasetId}`;
  const fromRedis = async (key: ChartDataKey, compute: () => Promise<Buffer>): Promise<Buffer> => {
    try {
      const hit = await redis.getBuffer(entryKey(key.id));
      if (hit !== null) return hit;
    } catch (error) {
      log.warn({ err: error }, 'chart data cache unavailable; computing the data');
      return compute();
    }
    const body = await compute();
    const write = redis.multi().set(entryKey(key.id), body, 'EX', CHART_CACHE_REDIS_SECONDS);
    for (const datasetId of key.datasetIds) {
      write.sadd(indexKey(datasetId), key.id).expire(indexKey(datasetId), CHART_CACHE_REDIS_SECONDS);
    }
    write.exec().catch((error: unknown) => log.warn({ err: error }, 'chart data cache write failed'));
    return body;
  };
  return {
    wrap: (key, compute) => memory.wrap(key, () => fromRedis(key, compute)),
    forgetDataset: (datasetId) => memory.forgetDataset(datasetId),
    async dropDataset(datasetId) {
      memory.forgetDataset(datasetId);
      try {
        const ids = await redis.smembers(indexKey(datasetId));
        await redis.del(indexKey(datasetId), ...ids.map(entryKey));
      } catch (error) {
        // The entries are of versions no request names any more: they only wait for their TTL.
        log.warn({ err: error, datasetId }, 'could not drop the chart data of an older dataset version; it expires by itself');
      }
    },
  };
}
