import type { FastifyBaseLogger } from 'fastify';
import type { ChainableCommander, Redis } from 'ioredis';

/**
 * Counts failed logins per key (the account's email and the client address) in a fixed
 * window. While a key is at its limit every login for it answers 429, even with the right
 * password, so guessing cannot continue.
 */
export interface LoginThrottle {
  /** Seconds until the first blocked key frees up, or 0 when none is blocked. */
  retryAfter(keys: readonly ThrottleKey[]): Promise<number>;
  recordFailure(keys: readonly ThrottleKey[]): Promise<void>;
  reset(key: ThrottleKey): Promise<void>;
}

export interface ThrottleKey {
  readonly key: string;
  readonly limit: number;
}

export function memoryLoginThrottle(windowSeconds: number): LoginThrottle {
  const entries = new Map<string, { count: number; resetAt: number }>();
  const live = (key: string, now: number) => {
    const entry = entries.get(key);
    if (entry && entry.resetAt <= now) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  return {
    async retryAfter(keys) {
      const now = Date.now();
      let wait = 0;
      for (const { key, limit } of keys) {
        const entry = live(key, now);
        if (entry && entry.count >= limit) wait = Math.max(wait, Math.ceil((entry.resetAt - now) / 1000));
      }
      return wait;
    },
    async recordFailure(keys) {
      const now = Date.now();
      if (entries.size > 100_000) for (const key of entries.keys()) live(key, now);
      for (const { key } of keys) {
        const entry = live(key, now);
        if (entry) entry.count += 1;
        else entries.set(key, { count: 1, resetAt: now + windowSeconds * 1000 });
      }
    },
    async reset({ key }) {
      entries.delete(key);
    },
  };
}

/**
 * Runs a pipeline and returns its replies. ioredis reports a failed command (Redis down,
 * timed out) inside the results rather than by rejecting: such a failure is thrown here, so
 * that a missing count is never read as zero.
 */
async function execPipeline(pipeline: ChainableCommander): Promise<unknown[]> {
  const results = await pipeline.exec();
  if (!results) throw new Error('the Redis pipeline was discarded');
  return results.map(([error, reply]) => {
    if (error) throw error;
    return reply;
  });
}

/** The same counters in Redis, shared by every replica. */
export function redisLoginThrottle(redis: Redis, prefix: string, windowSeconds: number): LoginThrottle {
  const redisKey = (key: string) => `${prefix}login-failures:${key}`;
  return {
    async retryAfter(keys) {
      const pipeline = redis.pipeline();
      for (const { key } of keys) pipeline.get(redisKey(key)).ttl(redisKey(key));
      const replies = await execPipeline(pipeline);
      let wait = 0;
      keys.forEach(({ limit }, index) => {
        const count = Number(replies[index * 2] ?? 0);
        const ttl = Number(replies[index * 2 + 1] ?? 0);
        if (count >= limit) wait = Math.max(wait, ttl > 0 ? ttl : windowSeconds);
      });
      return wait;
    },
    async recordFailure(keys) {
      const pipeline = redis.pipeline();
      for (const { key } of keys) pipeline.incr(redisKey(key)).expire(redisKey(key), windowSeconds, 'NX');
      await execPipeline(pipeline);
    },
    async reset({ key }) {
      await redis.del(redisKey(key));
    },
  };
}

/**
 * The Redis counters, degrading to this replica's own memory while Redis fails, so logins keep
 * working and guessing stays limited:
 * - a failure Redis could not record is counted in memory, and a login is checked against
 *   both, so a block recorded during the outage lasts until its window ends;
 * - while Redis is down each replica counts only what it sees: with n replicas behind the
 *   load balancer an attacker gets at most n times the limit per window instead of the limit;
 * - when Redis is back, counting is shared again (what was counted in memory stays in memory).
 */
export function resilientLoginThrottle(shared: LoginThrottle, local: LoginThrottle, log: FastifyBaseLogger): LoginThrottle {
  const degraded = (what: string, error: unknown) =>
    log.warn({ err: error }, `login throttle: Redis unavailable (${what}); counting failed logins in this replica's memory`);
  return {
    async retryAfter(keys) {
      const [inRedis, inMemory] = await Promise.all([
        shared.retryAfter(keys).catch((error: unknown) => {
          degraded('check', error);
          return 0;
        }),
        local.retryAfter(keys),
      ]);
      return Math.max(inRedis, inMemory);
    },
    async recordFailure(keys) {
      try {
        await shared.recordFailure(keys);
      } catch (error) {
        degraded('record', error);
        await local.recordFailure(keys);
      }
    },
    async reset(key) {
      await local.reset(key);
      await shared.reset(key).catch((error: unknown) => degraded('reset', error));
    },
  };
}
