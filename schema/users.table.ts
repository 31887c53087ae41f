import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Global role of an account; project membership refines it per project. */
export type UserRole = 'admin' | 'analyst' | 'viewer';
export const USER_ROLES: readonly UserRole[] = ['admin', 'analyst', 'viewer'];

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
