import { Type, type Static } from '@sinclair/typebox';
import { Me } from './user.schema';

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

const RefreshTokenValue = Type.String({ minLength: 1, maxLength: 128, description: 'Opaque refresh token' });

export const RefreshBody = Type.Object(
  { refreshToken: Type.Optional(RefreshTokenValue) },
  {
    additionalProperties: false,
    description: 'refreshToken may be left out when the browser sends the HttpOnly `datavis_refresh` cookie (path /api/auth) instead.',
  },
);
export type RefreshBody = Static<typeof RefreshBody>;

export const TokenPair = Type.Object(
  {
    accessToken: Type.String({ description: 'JWT (HS256), send as Authorization: Bearer <token>' }),
    refreshToken: Type.String({ description: 'Opaque, single use: each refresh returns a new one' }),
    tokenType: Type.Literal('Bearer'),
    expiresIn: Type.Integer({ description: 'Access token lifetime in seconds' }),
    user: Me,
  },
  { title: 'TokenPair' },
);
export type TokenPair = Static<typeof TokenPair>;
