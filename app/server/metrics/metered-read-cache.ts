import type { Counter } from 'prom-client';
import type { ReadCache } from '../services/read-cache';

/**
 * Counts the read cache's answers: a hit is an answer that did not run the read's own load
 * (the database); a miss ran it, including reads that bypass the cache while Redis is not
 * trusted. Hit rate = hits / (hits + misses).
 */
export function meteredReadCache(inner: ReadCache, lookups: Counter<'result'>): ReadCache {
  return {
    async wrap(read, serialize) {
      let loaded = false;
      const body = await inner.wrap(
        {
          scope: read.scope,
          load: () => {
            loaded = true;
            return read.load();
          },
        },
        serialize,
      );
      lookups.inc({ result: loaded ? 'miss' : 'hit' });
      return body;
    },
    invalidate: () => inner.invalidate(),
  };
}
