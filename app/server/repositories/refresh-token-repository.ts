import type { NewRefreshTokenRow, RefreshTokenRow } from '../../../schema/refresh-tokens.table';
import type { Executor } from './executor';

export async function findRefreshTokenByHash(db: Executor, tokenHash: string): Promise<RefreshTokenRow | undefined> {
  return db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function insertRefreshToken(db: Executor, token: NewRefreshTokenRow): Promise<void> {
  await db.insertInto('refresh_tokens').values(token).execute();
}

/** Revokes one token if it is still active; returns 1 when this call revoked it. */
export async function revokeRefreshToken(db: Executor, id: number, now: string): Promise<number> {
  const result = await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function revokeRefreshTokenByHash(db: Executor, tokenHash: string, now: string): Promise<number> {
  const result = await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: now })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function revokeAllRefreshTokensOfUser(db: Executor, userId: number, now: string): Promise<number> {
  const result = await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Housekeeping: a user's tokens that expired before `now` are of no use to anyone. */
export async function deleteExpiredRefreshTokensOfUser(db: Executor, userId: number, now: string): Promise<void> {
  await db.deleteFrom('refresh_tokens').where('user_id', '=', userId).where('expires_at', '<', now).execute();
}
