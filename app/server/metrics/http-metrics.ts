import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AppMetrics } from './app-metrics';

/** The route label of a request no route matched (404s of unknown paths): one series, whatever the URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Counts every answered request and its duration by method, the route's pattern as declared
 * (`/api/projects/:id`, never `/api/projects/42`) and status code.
 */
async function httpMetrics(app: FastifyInstance, options: { metrics: AppMetrics }): Promise<void> {
  const { httpRequests, httpDuration } = options.metrics;
  app.addHook('onResponse', (request, reply, done) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? UNMATCHED_ROUTE,
      status_code: String(reply.statusCode),
    };
    httpRequests.inc(labels);
    httpDuration.observe(labels, reply.elapsedTime / 1000);
    done();
  });
}

export default fp(httpMetrics, { name: 'http-metrics', fastify: '5.x' });
