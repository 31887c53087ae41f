import type {} from '@fastify/cookie';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../errors';
import { REFRESH_COOKIE } from '../../plugins/openapi';
import { LoginBody, RefreshBody, TokenPair } from '../../schemas/auth.schema';
import { errorResponses } from '../../schemas/common.schema';
import { login, logout, refresh } from '../../services/auth-service';

const COOKIE_PATH = '/api/auth';
const COOKIE_NOTE =
  'Also sets the refresh token as an HttpOnly, SameSite=Strict cookie `datavis_refresh` (path /api/auth; Secure unless served over plain http) so browser UIs can keep tokens out of JavaScript.';

/** Secure everywhere except plain-http local development. */
function secureCookie(request: FastifyRequest, production: boolean): boolean {
  return production || request.protocol === 'https';
}

function setRefreshCookie(request: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number, production: boolean) {
  reply.setCookie(REFRESH_COOKIE, token, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: secureCookie(request, production),
    maxAge: maxAgeSeconds,
  });
}

function presentedRefreshToken(request: FastifyRequest, body: { refreshToken?: string } | undefined): string {
  const token = body?.refreshToken ?? request.cookies[REFRESH_COOKIE];
  if (!token) {
    throw new ApiError(400, 'refresh_token_required', `send {"refreshToken": "..."} or the ${REFRESH_COOKIE} cookie`);
  }
  return token;
}

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;
  const production = ctx.config.nodeEnv === 'production';

  app.post(
    '/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with email and password',
        description: `Returns an access token and a refresh token. ${COOKIE_NOTE} Repeated failures answer 429.`,
        security: [],
        body: LoginBody,
        response: { 200: TokenPair, ...errorResponses(400, 401, 429, 503) },
      },
    },
    async (request, reply) => {
      const pair = await login(ctx, request.body.email, request.body.password, request.ip);
      setRefreshCookie(request, reply, pair.refreshToken, ctx.config.refreshTokenTtlSeconds, production);
      return pair;
    },
  );

  app.post(
    '/refresh',
    {
      schema: {
        tags: ['auth'],
        summary: 'Exchange a refresh token for a new pair (the old token is revoked)',
        description: `Takes the token from the body, or from the \`datavis_refresh\` cookie when the body has none. ${COOKIE_NOTE} Presenting an already used token revokes every session of the user and answers 401.`,
        security: [{}, { refreshCookie: [] }],
        body: RefreshBody,
        response: { 200: TokenPair, ...errorResponses(400, 401, 503) },
      },
    },
    async (request, reply) => {
      const pair = await refresh(ctx, presentedRefreshToken(request, request.body));
      setRefreshCookie(request, reply, pair.refreshToken, ctx.config.refreshTokenTtlSeconds, production);
      return pair;
    },
  );

  app.post(
    '/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke a refresh token',
        description: 'Takes the token from the body or the `datavis_refresh` cookie, revokes it and clears the cookie.',
        security: [{}, { refreshCookie: [] }],
        body: RefreshBody,
        response: { 204: Type.Null(), ...errorResponses(400, 503) },
      },
    },
    async (request, reply) => {
      await logout(ctx, presentedRefreshToken(request, request.body));
      reply.clearCookie(REFRESH_COOKIE, {
        path: COOKIE_PATH,
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookie(request, production),
      });
      return reply.code(204).send(null);
    },
  );
};

export default authRoutes;
