import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppContext, Principal } from '../context';
import { unauthorized } from '../errors';
import { authenticate } from '../services/auth-service';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
    /** onRequest hook: requires a valid access token and sets request.principal. */
    requireUser(request: FastifyRequest): Promise<void>;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** `Authorization: Bearer <token>`. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * Browsers cannot set headers on a WebSocket, so /api/ws also accepts the token as the
 * second subprotocol (`Sec-WebSocket-Protocol: bearer, <token>`) or as `?token=`.
 */
export function webSocketToken(request: FastifyRequest): string | undefined {
  const protocols = request.headers['sec-websocket-protocol'];
  if (typeof protocols === 'string') {
    const [scheme, token] = protocols.split(',').map((p) => p.trim());
    if (scheme?.toLowerCase() === 'bearer' && token) return token;
  }
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.token === 'string' && query.token !== '' ? query.token : bearerToken(request);
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}

async function authentication(app: FastifyInstance): Promise<void> {
  app.decorateRequest('principal', null);
  app.decorate('requireUser', async function requireUser(this: FastifyInstance, request: FastifyRequest) {
    const token = request.routeOptions.config?.webSocketAuth ? webSocketToken(request) : bearerToken(request);
    if (!token) throw unauthorized('a valid access token is required (Authorization: Bearer <token>)');
    request.principal = await authenticate(app.ctx, token);
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Accept the access token the WebSocket way (subprotocol or ?token=). */
    webSocketAuth?: boolean;
  }
}

export default fp(authentication, { name: 'authentication' });
