import { createSecretKey } from 'node:crypto';
import { SignJWT, jwtVerify, errors } from 'jose';
import { unauthorized } from '../errors';

const ISSUER = 'datavis-platform';
const AUDIENCE = 'datavis-api';

/** Short-lived HS256 JWTs carrying only the user id; role and status are looked up per request. */
export interface AccessTokens {
  readonly ttlSeconds: number;
  sign(userId: number): Promise<string>;
  /** Returns the user id, or throws a 401 ApiError naming what was wrong. */
  verify(token: string): Promise<number>;
}

export interface AccessTokenOptions {
  /**
   * Tokens whose signature was checked are remembered (with their expiry) so a client's
   * next requests skip the HMAC and JOSE parsing; this bounds that memory.
   * @default 10000
   */
  readonly maxRemembered?: number;
  /** Milliseconds since the epoch. @default Date.now */
  readonly now?: () => number;
}

export function createAccessTokens(secret: string, ttlSeconds: number, options: AccessTokenOptions = {}): AccessTokens {
  // A KeyObject made once: given raw bytes, jose would convert them on every call.
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  const now = options.now ?? Date.now;
  const maxRemembered = options.maxRemembered ?? 10_000;
  // token -> who it names and until when. A token is immutable and only accepted until it
  // expires, so a verified one stays valid exactly until then; invalid tokens are never kept.
  const remembered = new Map<string, { readonly userId: number; readonly expiresAtMs: number }>();

  return {
    ttlSeconds,
    async sign(userId: number): Promise<string> {
      return new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(String(userId))
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(Math.floor(now() / 1000))
        .setExpirationTime(Math.floor(now() / 1000) + ttlSeconds)
        .sign(key);
    },
    async verify(token: string): Promise<number> {
      const known = remembered.get(token);
      if (known) {
        if (now() < known.expiresAtMs) return known.userId;
        remembered.delete(token);
      }
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience: AUDIENCE,
          currentDate: new Date(now()),
          requiredClaims: ['exp'],
        });
        const userId = Number(payload.sub);
        if (!Number.isInteger(userId) || userId < 1) throw unauthorized('access token has no valid subject');
        if (remembered.size >= maxRemembered) {
          const oldest = remembered.keys().next();
          if (!oldest.done) remembered.delete(oldest.value);
        }
        remembered.set(token, { userId, expiresAtMs: (payload.exp as number) * 1000 });
        return userId;
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw unauthorized('access token expired; refresh it');
        if (error instanceof errors.JOSEError) throw unauthorized('access token is invalid');
        throw error;
      }
    },
  };
}
