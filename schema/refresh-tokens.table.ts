import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface RefreshTokensTable {
  id: Generated<number>;
  user_id: number;
  /** sha256 hex of the opaque token; the token itself is never stored. */
  token_hash: string;
  expires_at: string;
  revoked_at: string | null;
}

export type RefreshTokenRow = Selectable<RefreshTokensTable>;
export type NewRefreshTokenRow = Insertable<RefreshTokensTable>;
export type RefreshTokenUpdate = Updateable<RefreshTokensTable>;
