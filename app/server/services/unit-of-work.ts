import type { Transaction } from 'kysely';
import type { Database } from '../../../schema/database';
import type { AppContext } from '../context';
import type { BusMessage } from '../realtime/project-event';

/**
 * Runs `work` in one transaction. Events it puts in the outbox are published, and the read
 * cache invalidated, only after the transaction has committed: a rolled-back write never
 * reaches a client.
 */
export async function commitThenPublish<T>(
  ctx: AppContext,
  work: (trx: Transaction<Database>, outbox: BusMessage[]) => Promise<T>,
): Promise<T> {
  const outbox: BusMessage[] = [];
  const result = await ctx.db.transaction().execute((trx) => work(trx, outbox));
  await ctx.cache.invalidate();
  await ctx.bus.publish(outbox);
  return result;
}
