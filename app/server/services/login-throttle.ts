import type { Redis } from 'ioredis';

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

/** The same counters in Redis, shared by every replica. */
export function redisLoginThrottle(redis: Redis, prefix: string, windowSeconds: number): LoginThrottle {
  const redisKey = (key: string) => `${prefix}login-failures:${key}`;
  return {
    async retryAfter(keys) {
      const pipeline = redis.pipeline();
      for (const { key } of keys) pipeline.get(redisKey(key)).ttl(redisKey(key));
      const results = (await pipeline.exec()) ?? [];
      let wait = 0;
      keys.forEach(({ limit }, index) => {
        const count = Number(results[index * 2]?.[1] ?? 0);
        const ttl = Number(results[index * 2 + 1]?.[1] ?? 0);
        if (count >= limit) wait = Math.max(wait, ttl > 0 ? ttl : windowSeconds);
      });
      return wait;
    },
    async recordFailure(keys) {
      const pipeline = redis.pipeline();
      for (const { key } of keys) pipeline.incr(redisKey(key)).expire(redisKey(key), windowSeconds, 'NX');
      await pipeline.exec();
    },
    async reset({ key }) {
      await redis.del(redisKey(key));
    },
  };
}
