import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EnvironmentName } from '../../../lib/config/environment-name';
import { createRunMetrics, type RunMetrics } from './run-metrics';

let processMetrics: Registry | undefined;

/**
 * Starts the process and Node.js runtime metrics (CPU, resident memory, heap, event loop lag,
 * GC, handles), once per process: server.ts calls it. They describe the process, not an app
 * instance, and their collectors (a GC observer, an event loop delay monitor sampling every
 * 10 ms) cannot be stopped, so an app built in a test process does not start them.
 */
export function collectProcessMetrics(): void {
  if (processMetrics !== undefined) return;
  processMetrics = new Registry();
  collectDefaultMetrics({ register: processMetrics });
}

/**
 * The web app's Prometheus metrics, one registry per app instance (tests build several apps
 * in one process). Served by metrics-server.ts on METRICS_PORT, never on the API's port.
 */
export interface AppMetrics {
  /** This app's own metrics. */
  readonly registry: Registry;
  /** What a scrape answers: this app's metrics and, once collected, the process's. */
  exposition(): Registry;
  /** Requests by method, route pattern (never the raw URL: no ids in labels) and status. */
  readonly httpRequests: Counter<'method' | 'route' | 'status_code'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  /** Read cache answers by result (hit or miss). */
  readonly readCacheLookups: Counter<'result'>;
  /** The runs service's hook: queue depth, runs by status, finished runs (see run-metrics.ts). */
  readonly runs: RunMetrics;
  /** Reports the open WebSocket clients of this replica on every scrape. */
  observeWebSocketClients(count: () => number): void;
}

export interface AppMetricsProps {
  readonly environment: EnvironmentName;
  /** Where the RunsFailed line goes. @default stdout */
  readonly writeLine?: (line: string) => void;
}

/** Request duration buckets in seconds: API reads take milliseconds, queries and uploads seconds. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createAppMetrics(props: AppMetricsProps): AppMetrics {
  const registry = new Registry();
  const registers = [registry];
  const labelNames = ['method', 'route', 'status_code'] as const;
  let webSocketClients: () => number = () => 0;
  new Gauge({
    name: 'datavis_websocket_clients',
    help: 'WebSocket clients connected to this replica',
    registers,
    collect() {
      this.set(webSocketClients());
    },
  });
  const readCacheLookups = new Counter({
    name: 'datavis_read_cache_lookups_total',
    help: 'Cacheable reads by result: hit (answered without the database) or miss',
    labelNames: ['result'] as const,
    registers,
  });
  readCacheLookups.inc({ result: 'hit' }, 0);
  readCacheLookups.inc({ result: 'miss' }, 0);
  return {
    registry,
    exposition: () => (processMetrics === undefined ? registry : Registry.merge([processMetrics, registry])),
    httpRequests: new Counter({
      name: 'datavis_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status code',
      labelNames,
      registers,
    }),
    httpDuration: new Histogram({
      name: 'datavis_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route pattern and status code',
      labelNames,
      buckets: DURATION_BUCKETS,
      registers,
    }),
    readCacheLookups,
    runs: createRunMetrics({ registry, environment: props.environment, writeLine: props.writeLine }),
    observeWebSocketClients(count) {
      webSocketClients = count;
    },
  };
}
