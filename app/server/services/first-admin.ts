import { randomBytes } from 'node:crypto';
import type { AppContext } from '../context';
import { classifyDatabaseError } from '../database-errors';
import { countUsers } from '../repositories/user-repository';
import { createUserRow } from './user-service';

export const DEFAULT_ADMIN_EMAIL = 'admin@localhost';

export interface FirstAdminResult {
  readonly email: string;
  /** Set only when the password was generated here; shown to the operator once. */
  readonly generatedPassword: string | undefined;
}

/**
 * When the database has no user yet, creates the first admin from ADMIN_EMAIL /
 * ADMIN_PASSWORD; without a password one is generated and returned to be printed once.
 */
export async function ensureFirstAdmin(ctx: AppContext): Promise<FirstAdminResult | undefined> {
  if ((await countUsers(ctx.db)) > 0) return undefined;
  const email = ctx.config.adminEmail ?? DEFAULT_ADMIN_EMAIL;
  const generatedPassword = ctx.config.adminPassword === undefined ? randomBytes(18).toString('base64url') : undefined;
  try {
    await createUserRow(ctx, { email, password: ctx.config.adminPassword ?? generatedPassword ?? '', role: 'admin' });
  } catch (error) {
    // Another replica starting at the same moment created it first.
    if (classifyDatabaseError(error) === 'unique_violation' || (error as { code?: string }).code === 'email_taken') return undefined;
    throw error;
  }
  return { email, generatedPassword };
}
