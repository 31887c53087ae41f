import type { CachedRead, ReadCache } from './read-cache';

export interface MemoryReadCacheProps {
  /** How long an entry is served without hearing of a write; 0 turns the cache off. */
  readonly ttlMs: number;
  /** Most bytes of JSON kept; the oldest entries go first. */
  readonly maxBytes: number;
  /** @default Date.now */
  readonly now?: () => number;
}

export interface MemoryReadCache extends ReadCache {
  /** Drops every entry at once (a write somewhere, or messages about writes may have been lost). */
  clear(): void;
}

interface Entry {
  readonly body: string | Buffer;
  readonly bytes: number;
  readonly expiresAt: number;
}

/**
 * A Buffer that owns its memory. A small Buffer from Buffer.from shares an 8 KiB slab with
 * others, and one read from Redis is a slice of a larger network buffer: kept for seconds,
 * either would hold far more memory than its length, which is what the size limit counts.
 */
function standalone(body: string | Buffer): string | Buffer {
  if (typeof body === 'string' || body.byteLength === body.buffer.byteLength) return body;
  const copy = Buffer.allocUnsafeSlow(body.length);
  body.copy(copy);
  return copy;
}

/**
 * The answers of recent reads (their JSON text, per asking user) in this process, so a read
 * repeated between writes needs neither the database nor Redis.
 *
 * How fresh, and why:
 * - every write through this process clears the cache before it answers, and a load that
 *   started before a clear is returned to its callers but not kept (it may hold the old data);
 * - with Redis, every other replica clears it when the write's `read-cache-invalidated`
 *   message arrives (milliseconds), and it is not used at all while this replica cannot trust
 *   Redis (see layeredReadCache);
 * - what remains is a write on another replica whose message is lost, a replica without Redis
 *   among several, or a row changed outside the API: then an entry is served for at most `ttlMs`.
 * Concurrent misses of one key share one load.
 */
export function memoryReadCache(props: MemoryReadCacheProps): MemoryReadCache {
  const now = props.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const loading = new Map<string, Promise<string | Buffer>>();
  let bytes = 0;
  // Bumped by every clear: a load that started before one may have read the old rows.
  let epoch = 0;

  const drop = (scope: string, entry: Entry) => {
    entries.delete(scope);
    bytes -= entry.bytes;
  };
  const store = (scope: string, loaded: string | Buffer) => {
    const body = standalone(loaded);
    const size = typeof body === 'string' ? body.length * 2 : body.length;
    if (size > props.maxBytes) return;
    const previous = entries.get(scope);
    if (previous) drop(scope, previous);
    // Maps iterate in insertion order: the first entries are the oldest.
    for (const [oldest, entry] of entries) {
      if (bytes + size <= props.maxBytes) break;
      drop(oldest, entry);
    }
    entries.set(scope, { body, bytes: size, expiresAt: now() + props.ttlMs });
    bytes += size;
  };
  const clear = () => {
    epoch += 1;
    entries.clear();
    loading.clear();
    bytes = 0;
  };

  return {
    async wrap<T>(read: CachedRead<T>, serialize: (value: T) => string | Buffer) {
      if (props.ttlMs <= 0) return serialize(await read.load());
      const entry = entries.get(read.scope);
      if (entry) {
        if (entry.expiresAt > now()) return entry.body;
        drop(read.scope, entry);
      }
      const pending = loading.get(read.scope);
      if (pending) return pending;
      const startedIn = epoch;
      const load = (async () => serialize(await read.load()))();
      loading.set(read.scope, load);
      try {
        const body = await load;
        if (startedIn === epoch) store(read.scope, body);
        return body;
      } finally {
        if (loading.get(read.scope) === load) loading.delete(read.scope);
      }
    },
    async invalidate() {
      clear();
    },
    clear,
  };
}
