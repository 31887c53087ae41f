import type { UserRow } from '../../../schema/users.table';
import type { AppContext, Principal } from '../context';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { classifyDatabaseError } from '../database-errors';
import { countProjectsOwnedBy } from '../repositories/project-repository';
import { revokeAllRefreshTokensOfUser } from '../repositories/refresh-token-repository';
import { deleteUser, findUserById, insertUser, listUsers, updateUser } from '../repositories/user-repository';
import type { PageQuery } from '../schemas/common.schema';
import type { CreateUserBody, UpdateUserBody, User } from '../schemas/user.schema';
import { nowDbTimestamp } from '../time';
import { decodeCursor, toPage, type PageResult } from './cursor';
import { presentUser } from './representations';
import { commitThenPublish, invalidateReads } from './unit-of-work';

export const MIN_PASSWORD_LENGTH = 12;

export function requireAdmin(principal: Principal): void {
  if (principal.role !== 'admin') throw forbidden('only admins may manage users');
}

export function checkPasswordStrength(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw badRequest('weak_password', `password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
}

export async function listAllUsers(ctx: AppContext, principal: Principal, page: PageQuery): Promise<PageResult<User>> {
  requireAdmin(principal);
  const rows = await listUsers(ctx.db, { beforeId: decodeCursor(page.cursor), limit: page.limit + 1 });
  return toPage(rows, page.limit, presentUser);
}

/** Creates a user; used by the admin route and by the first-admin bootstrap. */
export async function createUserRow(ctx: AppContext, input: CreateUserBody): Promise<UserRow> {
  checkPasswordStrength(input.password);
  const email = input.email.trim().toLowerCase();
  const passwordHash = await ctx.passwords.hash(input.password);
  try {
    const row = await insertUser(ctx.db, {
      email,
      password_hash: passwordHash,
      role: input.role,
      created_at: nowDbTimestamp(),
      disabled_at: null,
    });
    await invalidateReads(ctx);
    return row;
  } catch (error) {
    if (classifyDatabaseError(error) === 'unique_violation') throw conflict('email_taken', `a user with email ${email} already exists`);
    throw error;
  }
}

export async function createUser(ctx: AppContext, principal: Principal, input: CreateUserBody): Promise<User> {
  requireAdmin(principal);
  return presentUser(await createUserRow(ctx, input));
}

export async function changeUser(ctx: AppContext, principal: Principal, id: number, input: UpdateUserBody): Promise<User> {
  requireAdmin(principal);
  if (id === principal.id) throw conflict('cannot_change_self', 'admins cannot change their own role or disable themselves');
  return commitThenPublish(ctx, async (trx, outbox) => {
    const existing = await findUserById(trx, id);
    if (!existing) throw notFound(`user ${id}`);
    const now = nowDbTimestamp();
    const disabledAt = input.disabled === undefined ? existing.disabled_at : input.disabled ? (existing.disabled_at ?? now) : null;
    await updateUser(trx, id, { role: input.role ?? existing.role, disabled_at: disabledAt });
    if (input.disabled === true || (input.role !== undefined && input.role !== existing.role)) {
      await revokeAllRefreshTokensOfUser(trx, id, now);
      outbox.push({ kind: 'user-access-changed', userId: id });
    }
    const updated = await findUserById(trx, id);
    if (!updated) throw notFound(`user ${id}`);
    return presentUser(updated);
  });
}

export async function removeUser(ctx: AppContext, principal: Principal, id: number): Promise<void> {
  requireAdmin(principal);
  if (id === principal.id) throw conflict('cannot_delete_self', 'admins cannot delete their own account');
  const ownsProjects = (count: number) =>
    conflict('user_owns_projects', `user ${id} owns ${count} project(s); delete them first or disable the user instead`);
  try {
    await commitThenPublish(ctx, async (trx, outbox) => {
      if (!(await findUserById(trx, id))) throw notFound(`user ${id}`);
      const owned = await countProjectsOwnedBy(trx, id);
      if (owned > 0) throw ownsProjects(owned);
      await deleteUser(trx, id);
      outbox.push({ kind: 'user-access-changed', userId: id });
    });
  } catch (error) {
    // A project created for this user between the count and the delete trips the foreign key.
    if (classifyDatabaseError(error) === 'foreign_key_violation') throw ownsProjects(1);
    throw error;
  }
}
