import type { NewUserRow, UserRow, UserUpdate } from '../../../schema/users.table';
import type { Executor, PageRequest } from './executor';

export async function findUserById(db: Executor, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function listUsers(db: Executor, page: PageRequest): Promise<UserRow[]> {
  let query = db.selectFrom('users').selectAll().orderBy('id', 'desc').limit(page.limit);
  if (page.beforeId !== undefined) query = query.where('id', '<', page.beforeId);
  return query.execute();
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Inserts and reads the row back (MySQL has no RETURNING: insertId, then select). */
export async function insertUser(db: Executor, user: NewUserRow): Promise<UserRow> {
  const result = await db.insertInto('users').values(user).executeTakeFirstOrThrow();
  const row = await findUserById(db, Number(result.insertId));
  if (!row) throw new Error(`user ${String(result.insertId)} vanished right after insert`);
  return row;
}

export async function updateUser(db: Executor, id: number, changes: UserUpdate): Promise<number> {
  const result = await db.updateTable('users').set(changes).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteUser(db: Executor, id: number): Promise<number> {
  const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}
