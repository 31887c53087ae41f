import type { Transaction } from 'kysely';
import type { Database } from '../../../schema/database';
import type { AppContext } from '../context';
import type { BusMessage } from '../realtime/project-event';

/**
 * Runs `work` in one transaction. Events it puts in the outbox are published, and the read
 * cache invalidated, only after the transaction has committed: a rolled-back write never
 * reaches a client. A user whose access changed is forgotten by this replica's principal
 * cache before the caller answers; other replicas forget them when the message arrives.
 */
export async function commitThenPublish<T>(
  ctx: AppContext,
  work: (trx: Transaction<Database>, outbox: BusMessage[]) => Promise<T>,
): Promise<T> {
  const outbox: BusMessage[] = [];
  const result = await ctx.db.transaction().execute((trx) => work(trx, outbox));
  for (const message of outbox) if (message.kind === 'user-access-changed') ctx.principals.forget(message.userId);
  await invalidateReads(ctx, outbox);
  return result;
}

const READ_CACHE_INVALIDATED: BusMessage = { kind: 'read-cache-invalidated' };

/**
 * After a write: drops the cached reads here (memory and Redis) and, with the message that
 * goes out first, on every other replica, then publishes `messages`. The Redis invalidation and
 * the messages leave on the same connection without waiting for each other, so Redis applies
 * the invalidation before it delivers the events, and a replica clears its memory before it
 * passes an event on: a client that refetches on an event never reads what the write replaced.
 */
export async function invalidateReads(ctx: AppContext, messages: readonly BusMessage[] = []): Promise<void> {
  await Promise.all([ctx.cache.invalidate(), ctx.bus.publish([READ_CACHE_INVALIDATED, ...messages])]);
}
