import type { Principal } from '../context';

/**
 * The authenticated users of recent requests, in this process, so a request with a valid
 * access token does not need a database round trip to learn who is asking.
 *
 * How long a change can go unnoticed, and why:
 * - Changes through the API (disable, role change, delete) emit `user-access-changed`; the
 *   replica that made the change forgets the user before it answers, and every other replica
 *   forgets it when the message arrives over the event bus (Redis pub/sub), milliseconds later.
 * - When the subscriber connection to Redis drops and comes back, messages may have been
 *   missed in between: the whole cache is cleared then (see app.ts).
 * - What remains is a publish that failed (Redis unreachable at that moment) or a row changed
 *   outside the API: then a replica may act on the old role or status for at most `ttlMs`.
 * Only active users are kept: a missing or disabled user is looked up again every time, so
 * re-enabling someone takes effect at once.
 */
export interface PrincipalCache {
  /** The cached principal, or `load()`'s (stored when it is a user, deduplicated per user). */
  get(userId: number, load: () => Promise<Principal | undefined>): Promise<Principal | undefined>;
  /** Drops one user, e.g. after their role or status changed. */
  forget(userId: number): void;
  /** Drops everyone, e.g. after the event bus may have missed messages. */
  clear(): void;
}

export interface PrincipalCacheProps {
  /** How long an entry is trusted without hearing of a change; 0 turns caching off. */
  readonly ttlMs: number;
  /** @default 10000 */
  readonly maxEntries?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

interface Entry {
  readonly principal: Principal;
  readonly expiresAt: number;
}

export function createPrincipalCache(props: PrincipalCacheProps): PrincipalCache {
  const { ttlMs } = props;
  const maxEntries = props.maxEntries ?? 10_000;
  const now = props.now ?? Date.now;
  const entries = new Map<number, Entry>();
  const loading = new Map<number, Promise<Principal | undefined>>();
  // Bumped by every forget/clear: a load that started before one may have read the old row,
  // so its result is returned to its callers but not stored.
  let epoch = 0;

  const load = (userId: number, read: () => Promise<Principal | undefined>) => {
    const startedIn = epoch;
    const pending = read()
      .then((principal) => {
        if (principal && startedIn === epoch) {
          if (entries.size >= maxEntries) {
            // Maps iterate in insertion order: drop the oldest entry.
            const oldest = entries.keys().next();
            if (!oldest.done) entries.delete(oldest.value);
          }
          entries.set(userId, { principal, expiresAt: now() + ttlMs });
        }
        return principal;
      })
      .finally(() => {
        if (loading.get(userId) === pending) loading.delete(userId);
      });
    loading.set(userId, pending);
    return pending;
  };

  return {
    async get(userId, read) {
      if (ttlMs <= 0) return read();
      const entry = entries.get(userId);
      if (entry) {
        if (entry.expiresAt > now()) return entry.principal;
        entries.delete(userId);
      }
      return loading.get(userId) ?? load(userId, read);
    },
    forget(userId) {
      epoch += 1;
      entries.delete(userId);
      loading.delete(userId);
    },
    clear() {
      epoch += 1;
      entries.clear();
      loading.clear();
    },
  };
}
