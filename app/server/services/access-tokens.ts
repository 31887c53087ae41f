import { SignJWT, jwtVerify, errors } from 'jose';
import { unauthorized } from '../errors';

const ISSUER = 'datavis-platform';
const AUDIENCE = 'datavis-api';

/** Short-lived HS256 JWTs carrying only the user id; role and status are read fresh per request. */
export interface AccessTokens {
  readonly ttlSeconds: number;
  sign(userId: number): Promise<string>;
  /** Returns the user id, or throws a 401 ApiError naming what was wrong. */
  verify(token: string): Promise<number>;
}

export function createAccessTokens(secret: string, ttlSeconds: number): AccessTokens {
  const key = new TextEncoder().encode(secret);
  return {
    ttlSeconds,
    async sign(userId: number): Promise<string> {
      return new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(String(userId))
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
    },
    async verify(token: string): Promise<number> {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
        const userId = Number(payload.sub);
        if (!Number.isInteger(userId) || userId < 1) throw unauthorized('access token has no valid subject');
        return userId;
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw unauthorized('access token expired; refresh it');
        if (error instanceof errors.JOSEError) throw unauthorized('access token is invalid');
        throw error;
      }
    },
  };
}
