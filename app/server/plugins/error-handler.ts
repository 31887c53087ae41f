import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors';
import { classifyDatabaseError } from '../database-errors';

interface ErrorBody {
  error: { code: string; message: string };
}

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
};

const body = (code: string, message: string): ErrorBody => ({ error: { code, message } });

/**
 * The one error handler: every failure becomes {"error":{"code","message"}}. Client mistakes
 * keep their 4xx status and say what was wrong; an unreachable database answers 503;
 * anything else is logged with its stack and answered 500 without details.
 */
async function errorHandler(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.code(error.statusCode).headers(error.headers).send(body(error.code, error.message));
    }
    if (error.validation) {
      return reply.code(400).send(body('validation_failed', error.message));
    }
    switch (classifyDatabaseError(error)) {
      case 'unavailable':
        request.log.warn({ err: error }, 'database unavailable');
        return reply.code(503).header('retry-after', '5').send(body('database_unavailable', 'the database is unreachable; retry shortly'));
      case 'unique_violation':
      case 'foreign_key_violation':
        return reply.code(409).send(body('conflict', 'the request conflicts with a concurrent change; reload and retry'));
      default:
        break;
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = FASTIFY_CODES[error.code] ?? (error instanceof SyntaxError ? 'malformed_json' : 'bad_request');
      return reply.code(status).send(body(code, error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(body('internal_error', `internal error; quote request id ${request.id} when reporting it`));
  });
}

export default fp(errorHandler, { name: 'error-handler' });
