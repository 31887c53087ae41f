import type { AppContext } from '../context';
import { findStoredKeys } from '../repositories/dataset-version-repository';
import { findProjectFileKeys } from '../repositories/project-file-repository';
import type { ObjectInfo } from '../storage/object-storage';

/**
 * The prefixes whose objects each belong to one row: dataset versions (storage/dataset-keys.ts)
 * and project files (storage/run-keys.ts), with how to find the keys rows name.
 */
const RECONCILED: readonly { prefix: string; known: typeof findStoredKeys }[] = [
  { prefix: 'datasets/', known: findStoredKeys },
  { prefix: 'files/', known: findProjectFileKeys },
];

/**
 * Objects younger than this are left alone: an upload commits its object a moment before the
 * transaction that inserts its row commits, on this replica or another.
 */
export const RECONCILE_GRACE_MS = 15 * 60 * 1000;

/** How often a running server reconciles again (objects left by a delete during a storage outage). */
export const RECONCILE_INTERVAL_MS = 60 * 60 * 1000;

const BATCH = 500;

/**
 * Deletes stored dataset objects that no version row names and that are older than
 * `olderThanMs`: what a crash between committing an object and inserting its row, or a
 * storage failure while deleting a dataset or project, left behind. Returns how many.
 */
export async function reconcileStoredObjects(ctx: AppContext, olderThanMs = RECONCILE_GRACE_MS): Promise<number> {
  let removed = 0;
  for (const { prefix, known } of RECONCILED) removed += await reconcilePrefix(ctx, prefix, known, olderThanMs);
  return removed;
}

async function reconcilePrefix(ctx: AppContext, prefix: string, findKnown: typeof findStoredKeys, olderThanMs: number): Promise<number> {
  const cutoff = Date.now() - olderThanMs;
  let batch: ObjectInfo[] = [];
  let removed = 0;
  const flush = async () => {
    const known = await findKnown(
      ctx.db,
      batch.map((object) => object.key),
    );
    for (const object of batch) {
      if (known.has(object.key)) continue;
      await ctx.storage.delete(object.key);
      removed += 1;
    }
    batch = [];
  };
  for await (const object of ctx.storage.list(prefix)) {
    if (object.lastModified.getTime() >= cutoff) continue;
    batch.push(object);
    if (batch.length === BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  return removed;
}

/**
 * Reconciles at start-up and then every RECONCILE_INTERVAL_MS, in the background: an outage
 * of the database or the storage is logged and retried at the next round. Returns a stop
 * function.
 */
export function startObjectReconciliation(ctx: AppContext): () => void {
  let running: Promise<void> | undefined;
  const round = () => {
    running ??= reconcileStoredObjects(ctx)
      .then(
        (removed) => {
          if (removed > 0) ctx.log.info({ removed }, 'removed stored dataset objects that no version row names');
        },
        (error: unknown) => ctx.log.warn({ err: error }, 'could not reconcile stored dataset objects; will retry'),
      )
      .finally(() => {
        running = undefined;
      });
  };
  round();
  const timer = setInterval(round, RECONCILE_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
