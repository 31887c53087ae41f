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

function clearRefreshCookie(request: FastifyRequest, reply: FastifyReply, production: boolean) {
  reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure: secureCookie(request, production) });
}

/** The refresh token of the request: from the body, else from the cookie; undefined when neither has one. */
function presentedRefreshToken(request: FastifyRequest, body: { refreshToken?: string } | undefined) {
  if (body?.refreshToken) return { token: body.refreshToken, fromCookie: false };
  const cookie = request.cookies[REFRESH_COOKIE];
  return cookie ? { token: cookie, fromCookie: true } : undefined;
}

const NO_SESSION =
  'Without a token in the body or the cookie there is no session to refresh or end: the answer is 204 with no body, so a browser ' +
  'UI can ask on every page load without an error for signed-out visitors.';

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
        description: `Takes the token from the body, or from the \`datavis_refresh\` cookie when the body has none. ${COOKIE_NOTE} Presenting an already used token revokes every session of the user and answers 401; a refused cookie is cleared. ${NO_SESSION}`,
        security: [{}, { refreshCookie: [] }],
        body: RefreshBody,
        response: {
          200: TokenPair,
          204: Type.Null({ description: 'No refresh token was presented: no session' }),
          ...errorResponses(400, 401, 503),
        },
      },
    },
    async (request, reply) => {
      const presented = presentedRefreshToken(request, request.body);
      if (!presented) return reply.code(204).send(null);
      try {
        const pair = await refresh(ctx, presented.token);
        setRefreshCookie(request, reply, pair.refreshToken, ctx.config.refreshTokenTtlSeconds, production);
        return pair;
      } catch (error) {
        // A cookie the server refuses would be sent, and refused, on every page load.
        if (presented.fromCookie && error instanceof ApiError && error.statusCode === 401) clearRefreshCookie(request, reply, production);
        throw error;
      }
    },
  );

  app.post(
    '/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke a refresh token',
        description: `Takes the token from the body or the \`datavis_refresh\` cookie, revokes it and clears the cookie. ${NO_SESSION}`,
        security: [{}, { refreshCookie: [] }],
        body: RefreshBody,
        response: { 204: Type.Null(), ...errorResponses(400, 503) },
      },
    },
    async (request, reply) => {
      const presented = presentedRefreshToken(request, request.body);
      if (presented) await logout(ctx, presented.token);
      clearRefreshCookie(request, reply, production);
      return reply.code(204).send(null);
    },
  );
};

export default authRoutes;
