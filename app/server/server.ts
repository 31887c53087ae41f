import { redactUrl } from '../../schema/connection';
import { buildApp } from './app';
import { loadConfig } from './config';
import { collectProcessMetrics } from './metrics/app-metrics';
import { startMetricsServer, type MetricsServer } from './metrics/metrics-server';

/** Grace period for in-flight requests and sockets on SIGTERM/SIGINT before exiting anyway. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  collectProcessMetrics();
  const app = await buildApp({ config });
  // Prometheus metrics on a listener of their own: the load balancer targets only the API's port.
  let metricsServer: MetricsServer;
  try {
    metricsServer = await startMetricsServer(app.ctx.metrics.exposition, { port: config.metricsPort, host: config.host });
  } catch (error) {
    await app.close();
    throw error;
  }
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: draining HTTP requests and WebSockets');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    Promise.all([app.close(), metricsServer.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const { port } = app.server.address() as { port: number };
  process.stdout.write(`datavis-platform API on http://${shownHost}:${port} (database ${redactUrl(config.databaseUrl)})\n`);
  process.stdout.write(`metrics on http://${shownHost}:${metricsServer.port}/metrics\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
