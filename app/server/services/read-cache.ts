import type { FastifyBaseLogger } from 'fastify';
import type { ChainableCommander, Redis } from 'ioredis';
import type { MemoryReadCache } from './memory-read-cache';

/** One cacheable read: what it is called in the cache, and how to do it without the cache. */
export interface CachedRead<T> {
  /**
   * Cache key. It always starts with the asking user's id (`u42:project:7`), so one user's
   * view is never served to another.
   */
  readonly scope: string;
  /** Reads from the database, access checks included. */
  load(): Promise<T>;
}

/**
 * Read-through cache for list, detail and summary reads. It keeps each answer as the JSON text
 * the client receives: a hit is sent as it came from Redis, without parsing and serializing it
 * again. Every write bumps a generation number that is part of each key, which makes all
 * earlier entries unreachable at once; entries also expire after a minute. While Redis fails,
 * reads go to the database (see generationTrust for when the cache is used again).
 */
export interface ReadCache {
  /** The read's JSON text: the cached bytes, or `serialize(await read.load())` (then cached). */
  wrap<T>(read: CachedRead<T>, serialize: (value: T) => string | Buffer): Promise<string | Buffer>;
  invalidate(): Promise<void>;
}

/** The Redis cache, which also says whether this replica may trust it right now. */
export interface SharedReadCache extends ReadCache {
  /** False while Redis is away or since a failed invalidation (see generationTrust). */
  trusted(): boolean;
}

const ENTRY_TTL_SECONDS = 60;

/** Reads the generation and the entry in one round trip. */
const READ_SCRIPT = `
local generation = redis.call('GET', KEYS[1]) or '0'
return { generation, redis.call('GET', ARGV[1] .. generation .. ':' .. ARGV[2]) }
`;
const READ_COMMAND = 'datavisReadCacheEntryBuffer';

type Entry = [generation: Buffer, body: Buffer | null];

interface Queued {
  /** Adds this command to the pipeline. */
  add(pipeline: ChainableCommander): void;
  settle(error: Error | null, result: unknown): void;
}

/**
 * Commands issued during one turn of the event loop (by the requests that arrived together)
 * go to Redis as one pipeline: one socket write and one wake-up of Redis instead of one per
 * request. The batch leaves at the end of the turn (setImmediate), so nothing waits for a
 * timer; Redis runs the commands in the order they were issued.
 */
function turnBatcher(redis: Redis): (add: (pipeline: ChainableCommander) => void) => Promise<unknown> {
  let queue: Queued[] = [];
  const flush = () => {
    const batch = queue;
    queue = [];
    const pipeline = redis.pipeline();
    for (const item of batch) item.add(pipeline);
    pipeline.exec().then(
      (results) => batch.forEach((item, i) => item.settle(results?.[i]?.[0] ?? null, results?.[i]?.[1])),
      (error: Error) => batch.forEach((item) => item.settle(error, undefined)),
    );
  };
  return (add) =>
    new Promise((resolve, reject) => {
      const settle = (error: Error | null, result: unknown) => (error ? reject(error) : resolve(result));
      if (queue.push({ add, settle }) === 1) setImmediate(flush);
    });
}

export function redisReadCache(redis: Redis, prefix: string, log: FastifyBaseLogger): SharedReadCache {
  const generationKey = `${prefix}cache:generation`;
  const entryPrefix = `${prefix}cache:`;
  // A defined command runs the script by its SHA1 (EVALSHA, reloading it after a Redis
  // restart) instead of sending its text with every read; its `...Buffer` variant answers
  // with the stored bytes, which go to the client as they are.
  const name = READ_COMMAND.replace(/Buffer$/, '');
  if (!(name in redis)) redis.defineCommand(name, { numberOfKeys: 1, lua: READ_SCRIPT });
  const batched = turnBatcher(redis);
  const readEntry = (scope: string) =>
    batched((pipeline) => {
      const read = (pipeline as unknown as Record<typeof READ_COMMAND, (...args: string[]) => unknown>)[READ_COMMAND];
      read.call(pipeline, generationKey, entryPrefix, scope);
    }) as Promise<Entry>;
  const writeEntry = (key: string, body: string | Buffer) => batched((pipeline) => pipeline.set(key, body, 'EX', ENTRY_TTL_SECONDS));
  const trust = generationTrust(redis, generationKey, log);
  return {
    trusted: () => trust.trusted(),
    async wrap(read, serialize) {
      if (!trust.trusted()) return serialize(await read.load());
      let generation: string;
      try {
        const [gen, hit] = await readEntry(read.scope);
        if (hit !== null) return hit;
        generation = gen.toString();
      } catch (error) {
        log.warn({ err: error }, 'read cache unavailable; reading from the database');
        return serialize(await read.load());
      }
      const text = serialize(await read.load());
      writeEntry(`${entryPrefix}${generation}:${read.scope}`, text).catch((error: unknown) =>
        log.warn({ err: error }, 'read cache write failed'),
      );
      return text;
    },
    async invalidate(): Promise<void> {
      try {
        await redis.incr(generationKey);
      } catch (error) {
        trust.lost();
        log.error({ err: error }, 'read cache invalidation failed; reading from the database until the cache is invalidated again');
      }
    },
  };
}

/** Retry a failed generation bump at most this often. */
const BUMP_RETRY_MS = 1000;

/**
 * Whether this replica may serve cached entries. Not after a write whose invalidation failed
 * (Redis still holds entries from before it), and not after a (re)connection to Redis (while it
 * was away, other replicas' writes may have failed to invalidate too): in both cases reads go
 * to the database until this replica has bumped the generation itself, which makes every entry
 * written before unreachable. A bump that started before a later failure does not count.
 *
 * What remains: when only one replica loses Redis and writes meanwhile, the others may serve
 * entries from before that write until it reconnects and bumps, at most the entry TTL.
 */
function generationTrust(redis: Redis, generationKey: string, log: FastifyBaseLogger) {
  let trusted = false;
  let failures = 0;
  let bumping = false;
  let retryAt = 0;
  const bump = () => {
    if (bumping || Date.now() < retryAt || redis.status !== 'ready') return;
    bumping = true;
    const failuresBefore = failures;
    redis.incr(generationKey).then(
      () => {
        bumping = false;
        trusted = failures === failuresBefore;
        if (!trusted) bump();
      },
      (error: unknown) => {
        bumping = false;
        retryAt = Date.now() + BUMP_RETRY_MS;
        log.warn({ err: error }, 'read cache generation bump failed; reading from the database');
      },
    );
  };
  const lost = () => {
    failures += 1;
    trusted = false;
  };
  redis.on('close', lost);
  redis.on('ready', bump);
  bump();
  return {
    /** True when cached entries may be served; otherwise starts (or retries) the bump. */
    trusted(): boolean {
      if (!trusted) bump();
      return trusted;
    },
    lost,
  };
}

/**
 * This process's memory in front of Redis: a hit needs no round trip. The memory copy is used
 * only while Redis is trusted (the same rule as Redis's own entries), and cleared when it is
 * not, on every write here, and on every write elsewhere (the `read-cache-invalidated` message,
 * see app.ts).
 */
export function layeredReadCache(local: MemoryReadCache, shared: SharedReadCache): ReadCache {
  return {
    async wrap(read, serialize) {
      if (!shared.trusted()) {
        local.clear();
        return shared.wrap(read, serialize);
      }
      return local.wrap({ scope: read.scope, load: () => shared.wrap(read, serialize) }, (body) => body);
    },
    async invalidate() {
      local.clear();
      await shared.invalidate();
    },
  };
}
