import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors';
import { classifyDatabaseError } from '../database-errors';
import { DataError } from '../data-engine/data-errors';
import { StorageError } from '../storage/storage-errors';
import { helmetHeaders } from './security-headers';

export interface ErrorBody {
  error: { code: string; message: string };
}

export const errorBody = (code: string, message: string): ErrorBody => ({ error: { code, message } });

/** Longest path parameter the router matches (Fastify's `maxParamLength`); longer ones answer 414. */
export const MAX_PATH_PARAMETER_LENGTH = 100;

let securityHeaders: Readonly<Record<string, string>> | undefined;

/** The code of a 4xx that has no more specific one. */
const CODE_OF_STATUS: Record<number, string> = {
  400: 'bad_request',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  431: 'headers_too_large',
};

/**
 * Fastify's own client errors, by Fastify code: our code and a message that says what was
 * wrong and what is allowed (Fastify's messages name its internals, or nothing).
 */
function frameworkClientError(error: FastifyError, request: FastifyRequest): ErrorBody | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return errorBody('malformed_json', 'the body is empty but Content-Type says application/json: send a JSON document');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return errorBody('malformed_json', 'the body is not valid JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return errorBody('payload_too_large', `the body is too large: at most ${request.server.initialConfig.bodyLimit} bytes are accepted`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': {
      const sent = request.headers['content-type'];
      return errorBody(
        'unsupported_media_type',
        `${sent ? `Content-Type "${sent.slice(0, 100)}" is` : 'a body without a Content-Type is'} not accepted: send application/json`,
      );
    }
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return errorBody('bad_request', 'the body does not have the length its Content-Length header announces');
    case 'FST_ERR_BAD_URL':
      return errorBody('bad_url', 'the URL path is not validly percent-encoded');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return errorBody('uri_too_long', `a path parameter is too long: at most ${MAX_PATH_PARAMETER_LENGTH} characters are accepted`);
    default:
      return undefined;
  }
}

/**
 * The one error handler: every failure becomes {"error":{"code","message"}}. Client mistakes
 * keep their 4xx status and say what was wrong; an unreachable database answers 503;
 * anything else is logged with its stack and answered 500 without details.
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof ApiError) {
    return reply.code(error.statusCode).headers(error.headers).send(errorBody(error.code, error.message));
  }
  // Storage and data-engine failures carry their own status and code (a 503 for an outage).
  if (error instanceof StorageError || error instanceof DataError) {
    if (error.statusCode >= 500) {
      request.log.warn({ err: error }, 'data service unavailable');
      reply.header('retry-after', '5');
    }
    return reply.code(error.statusCode).send(errorBody(error.code, error.message));
  }
  if (error.validation) {
    return reply.code(400).send(errorBody('validation_failed', error.message));
  }
  switch (classifyDatabaseError(error)) {
    case 'unavailable':
      request.log.warn({ err: error }, 'database unavailable');
      return reply
        .code(503)
        .header('retry-after', '5')
        .send(errorBody('database_unavailable', 'the database is unreachable; retry shortly'));
    case 'unique_violation':
    case 'foreign_key_violation':
      return reply.code(409).send(errorBody('conflict', 'the request conflicts with a concurrent change; reload and retry'));
    default:
      break;
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const known = frameworkClientError(error, request);
    return reply.code(status).send(known ?? errorBody(CODE_OF_STATUS[status] ?? 'bad_request', error.message));
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.code(500).send(errorBody('internal_error', `internal error; quote request id ${request.id} when reporting it`));
}

/**
 * Fastify's `frameworkErrors` option: errors raised while routing (a badly encoded URL, an
 * over-long path parameter), before any hook runs, so the security headers and the request
 * id are set here too.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  securityHeaders ??= helmetHeaders();
  reply.headers(securityHeaders).header('x-request-id', request.id);
  handleError(error, request, reply);
}

/**
 * Fastify's `clientErrorHandler` option: requests Node's HTTP parser rejects before Fastify
 * sees them. A request line or headers over Node's limit (16 KiB) answer 414 when the request
 * line alone did not fit, 431 otherwise; other malformed requests 400, a request that took too
 * long to arrive 408. Written straight to the socket, which is then closed.
 */
export function clientErrorHandler(error: ConnectionError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  let status = 400;
  let body = errorBody('bad_request', 'the request is not valid HTTP');
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    status = 408;
    body = errorBody('request_timeout', 'the request did not arrive in time');
  } else if (error.code === 'HPE_HEADER_OVERFLOW') {
    // Node passes the chunk being parsed (a Buffer, whatever Fastify's type says) and how far
    // into it the parser got: the limit was hit in the request line when no line ended before
    // that point. (A header so large that it spans chunks can also look like this: then the
    // answer is 414 where 431 would be more precise, still a 4xx naming the limit.)
    const received: unknown = error.rawPacket;
    const lineEnd = Buffer.isBuffer(received) ? received.indexOf('\r\n') : 0;
    const requestLineEnded = lineEnd !== -1 && lineEnd < error.bytesParsed;
    status = requestLineEnded ? 431 : 414;
    body = requestLineEnded
      ? errorBody('headers_too_large', 'the request headers are too large: at most 16 KiB are accepted')
      : errorBody('uri_too_long', 'the URL is too long: the request line and headers may take at most 16 KiB');
  }
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy();
}

async function errorHandler(app: FastifyInstance): Promise<void> {
  app.setErrorHandler(handleError);
}

export default fp(errorHandler, { name: 'error-handler' });
