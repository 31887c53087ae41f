import type { UserRow } from '../../../schema/users.table';
import type { AppContext, Principal } from '../context';
import { ApiError, unauthorized } from '../errors';
import {
  deleteExpiredRefreshTokensOfUser,
  findRefreshTokenByHash,
  insertRefreshToken,
  revokeAllRefreshTokensOfUser,
  revokeRefreshToken,
  revokeRefreshTokenByHash,
} from '../repositories/refresh-token-repository';
import type { Executor } from '../repositories/executor';
import { findUserByEmail, findUserById } from '../repositories/user-repository';
import type { TokenPair } from '../schemas/auth.schema';
import { nowDbTimestamp, toDbTimestamp } from '../time';
import { presentMe } from './representations';
import { generateRefreshToken, hashRefreshToken, sameTokenHash } from './refresh-token-codec';

/** One message for every login failure, so responses never reveal whether an account exists. */
const BAD_CREDENTIALS = 'email or password is incorrect';

/** Client addresses may fail this many times more than one account (shared NATs). */
const ADDRESS_LIMIT_FACTOR = 4;

async function issuePair(ctx: AppContext, db: Executor, user: Pick<UserRow, 'id' | 'email' | 'role'>): Promise<TokenPair> {
  const refreshToken = generateRefreshToken();
  const now = new Date();
  await insertRefreshToken(db, {
    user_id: user.id,
    token_hash: hashRefreshToken(refreshToken),
    expires_at: toDbTimestamp(new Date(now.getTime() + ctx.config.refreshTokenTtlSeconds * 1000)),
    revoked_at: null,
  });
  return {
    accessToken: await ctx.tokens.sign(user.id),
    refreshToken,
    tokenType: 'Bearer',
    expiresIn: ctx.tokens.ttlSeconds,
    user: presentMe(user),
  };
}

export async function login(ctx: AppContext, email: string, password: string, clientAddress: string): Promise<TokenPair> {
  const normalizedEmail = email.trim().toLowerCase();
  const accountKey = { key: `email:${normalizedEmail}`, limit: ctx.config.loginMaxFailures };
  const keys = [accountKey, { key: `ip:${clientAddress}`, limit: ctx.config.loginMaxFailures * ADDRESS_LIMIT_FACTOR }];
  const retryAfter = await ctx.throttle.retryAfter(keys);
  if (retryAfter > 0) {
    throw new ApiError(429, 'too_many_attempts', `too many failed logins; retry in ${retryAfter} seconds`, {
      'retry-after': String(retryAfter),
    });
  }
  const user = await findUserByEmail(ctx.db, normalizedEmail);
  // Without an account, still spend one hash so timing does not reveal that it is missing.
  const valid = user ? await ctx.passwords.verify(password, user.password_hash) : (await ctx.passwords.verifyAgainstDummy(password), false);
  if (!user || !valid || user.disabled_at !== null) {
    await ctx.throttle.recordFailure(keys);
    throw new ApiError(401, 'invalid_credentials', BAD_CREDENTIALS);
  }
  await ctx.throttle.reset(accountKey);
  return ctx.db.transaction().execute(async (trx) => {
    await deleteExpiredRefreshTokensOfUser(trx, user.id, nowDbTimestamp());
    return issuePair(ctx, trx, user);
  });
}

/**
 * Rotation: the presented token is revoked and a new pair issued. Presenting a token that was
 * already rotated or revoked means it leaked (or two clients share it): every refresh token of
 * that user is revoked and the answer is 401, so the thief's copy dies with the victim's.
 */
export async function refresh(ctx: AppContext, refreshToken: string): Promise<TokenPair> {
  const tokenHash = hashRefreshToken(refreshToken);
  const row = await findRefreshTokenByHash(ctx.db, tokenHash);
  if (!row || !sameTokenHash(row.token_hash, tokenHash)) throw new ApiError(401, 'invalid_refresh_token', 'refresh token is not valid');
  const now = nowDbTimestamp();
  const reused = () =>
    new ApiError(401, 'refresh_token_reused', 'refresh token was already used; every session of this user was signed out');
  if (row.revoked_at !== null) {
    await revokeAllRefreshTokensOfUser(ctx.db, row.user_id, now);
    throw reused();
  }
  if (row.expires_at <= now) throw new ApiError(401, 'refresh_token_expired', 'refresh token expired; log in again');
  const user = await findUserById(ctx.db, row.user_id);
  if (!user || user.disabled_at !== null) throw new ApiError(401, 'invalid_refresh_token', 'refresh token is not valid');
  const pair = await ctx.db.transaction().execute(async (trx) => {
    // Only one of two concurrent refreshes with the same token can win this update.
    if ((await revokeRefreshToken(trx, row.id, now)) !== 1) return undefined;
    return issuePair(ctx, trx, user);
  });
  if (!pair) {
    await revokeAllRefreshTokensOfUser(ctx.db, row.user_id, now);
    throw reused();
  }
  return pair;
}

export async function logout(ctx: AppContext, refreshToken: string): Promise<void> {
  await revokeRefreshTokenByHash(ctx.db, hashRefreshToken(refreshToken), nowDbTimestamp());
}

/**
 * Verifies the access token and finds its user, active: from the principal cache, which
 * forgets a user as soon as their role or status changes through the API (on every replica),
 * or else from the database.
 */
export async function authenticate(ctx: AppContext, accessToken: string): Promise<Principal> {
  const userId = await ctx.tokens.verify(accessToken);
  const principal = await ctx.principals.get(userId, async () => {
    const user = await findUserById(ctx.db, userId);
    return user && user.disabled_at === null ? { id: user.id, email: user.email, role: user.role } : undefined;
  });
  if (!principal) throw unauthorized('the account of this token no longer exists or is disabled');
  return principal;
}
