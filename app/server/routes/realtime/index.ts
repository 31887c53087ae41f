import type {} from '@fastify/websocket';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { EVENT_TYPES } from '../../../../schema/vocabulary';
import { principalOf } from '../../plugins/authentication';
import { errorBody } from '../../plugins/error-handler';
import type { SocketHub } from '../../realtime/socket-hub';

export interface RealtimeRouteOptions {
  readonly hub: SocketHub;
}

/**
 * WebSocket /api/ws: authenticated before the upgrade (401 otherwise); the server then pushes
 * project events the user may see. Clients do not send anything; incoming messages are ignored.
 */
const realtimeRoutes: FastifyPluginAsyncTypebox<RealtimeRouteOptions> = async (app, { hub }) => {
  app.route({
    method: 'GET',
    url: '/ws',
    config: { webSocketAuth: true },
    schema: {
      tags: ['realtime'],
      summary: 'WebSocket of project events',
      description:
        'Authenticate with `Sec-WebSocket-Protocol: bearer, <access token>` (the server answers with the `bearer` protocol) or `?token=<access token>`. Messages: {"type","projectId",...,"data"} with type ' +
        `${EVENT_TYPES.join('|')}. A plain GET without the WebSocket upgrade answers 426.`,
      querystring: Type.Object({ token: Type.Optional(Type.String({ maxLength: 4096 })) }),
    },
    // A plain HTTP GET (no Upgrade header) reaches this handler, after authentication.
    handler: (_request, reply) =>
      reply
        .code(426)
        .header('upgrade', 'websocket')
        .send(errorBody('upgrade_required', 'GET /api/ws is a WebSocket: send it with "Connection: Upgrade" and "Upgrade: websocket"')),
    wsHandler: (socket, request) => {
      const principal = principalOf(request);
      hub.add(socket, principal.id, principal.role);
    },
  });
};

export default realtimeRoutes;
