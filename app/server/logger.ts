import type { FastifyServerOptions } from 'fastify';
import pino from 'pino';

/** Paths pino replaces with "[redacted]": credentials never reach the logs. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["sec-websocket-protocol"]',
  'res.headers["set-cookie"]',
  'password',
  'refreshToken',
  'accessToken',
  '*.password',
  '*.refreshToken',
  '*.accessToken',
  'body.password',
];

/** Strips the WebSocket `?token=` from logged URLs. */
export function redactUrlToken(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}

/**
 * Structured JSON logs (pino) with request ids and without secrets, on stdout. Lines are
 * written asynchronously: while one write is under way the next lines queue up and leave
 * together, instead of one blocking write per line (two per request). They are flushed when
 * the process exits; only a hard kill (SIGKILL, out of memory) can lose the last few.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    stream: pino.destination({ dest: 1, sync: false }),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req(request: { method: string; url: string; hostname?: string; ip?: string; headers?: Record<string, unknown> }) {
        return {
          method: request.method,
          url: redactUrlToken(request.url),
          hostname: request.hostname,
          remoteAddress: request.ip,
          userAgent: request.headers?.['user-agent'],
        };
      },
    },
  };
}
