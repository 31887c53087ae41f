import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { UserRole } from './vocabulary';

export type { UserRole } from './vocabulary';

/** Timestamps are stored as UTC text `YYYY-MM-DD HH:MM:SS.mmm` on both databases. */
export type Timestamp = ColumnType<string, string, string>;

export interface UsersTable {
  id: Generated<number>;
  email: string;
  password_hash: string;
  role: UserRole;
  created_at: Timestamp;
  disabled_at: string | null;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
