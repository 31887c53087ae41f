import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';

/**
 * Read-through cache for list and detail reads. Keys always include the asking user's id
 * (callers pass a scope such as `u42:project:7`), so one user's view is never served to
 * another. Every write bumps a generation number that is part of each key, which makes all
 * earlier entries unreachable at once; entries also expire after a minute.
 */
export interface ReadCache {
  wrap<T>(scope: string, load: () => Promise<T>): Promise<T>;
  invalidate(): Promise<void>;
}

export const noReadCache: ReadCache = {
  wrap: (_scope, load) => load(),
  invalidate: async () => undefined,
};

const ENTRY_TTL_SECONDS = 60;

/** Reads the generation and the entry in one round trip. */
const READ_SCRIPT = `
local generation = redis.call('GET', KEYS[1]) or '0'
return { generation, redis.call('GET', ARGV[1] .. generation .. ':' .. ARGV[2]) }
`;

export function redisReadCache(redis: Redis, prefix: string, log: FastifyBaseLogger): ReadCache {
  const generationKey = `${prefix}cache:generation`;
  const entryPrefix = `${prefix}cache:`;
  let bypassUntil = 0;
  return {
    async wrap<T>(scope: string, load: () => Promise<T>): Promise<T> {
      if (Date.now() < bypassUntil) return load();
      let generation: string;
      try {
        const [gen, hit] = (await redis.eval(READ_SCRIPT, 1, generationKey, entryPrefix, scope)) as [string, string | null];
        if (hit !== null) return JSON.parse(hit) as T;
        generation = gen;
      } catch (error) {
        log.warn({ err: error }, 'read cache unavailable; reading from the database');
        return load();
      }
      const value = await load();
      redis
        .set(`${entryPrefix}${generation}:${scope}`, JSON.stringify(value), 'EX', ENTRY_TTL_SECONDS)
        .catch((error: unknown) => log.warn({ err: error }, 'read cache write failed'));
      return value;
    },
    async invalidate(): Promise<void> {
      try {
        await redis.incr(generationKey);
      } catch (error) {
        // Entries written before this write could be served for up to their TTL: stop using
        // the cache on this replica for that long.
        bypassUntil = Date.now() + ENTRY_TTL_SECONDS * 1000;
        log.error({ err: error }, 'read cache invalidation failed; bypassing the cache for a minute');
      }
    },
  };
}
