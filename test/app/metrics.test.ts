import { loadConfig } from '../../app/server/config';
import { startMetricsServer, type MetricsServer } from '../../app/server/metrics/metrics-server';
import { collectProcessMetrics, createAppMetrics } from '../../app/server/metrics/app-metrics';
import { connectEvents } from './support/ws-client';
import { adminOf, startTestApp, type TestApp, type TestUser } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-databases';

type Sample = { labels: Record<string, string | number>; value: number; metricName?: string };

describe('Prometheus metrics', () => {
  let database: TestDatabase;
  let t: TestApp;
  let admin: TestUser;
  let metricsServer: MetricsServer;
  let metricsUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    t = await startTestApp({ database, env: { PLATFORM_ENVIRONMENT: 'staging' } });
    admin = await adminOf(t);
    // What server.ts does once per process.
    collectProcessMetrics();
    metricsServer = await startMetricsServer(t.ctx.metrics.exposition, { port: 0, host: '127.0.0.1' });
    metricsUrl = `http://127.0.0.1:${metricsServer.port}/metrics`;
  });
  afterAll(async () => {
    await metricsServer?.close();
    await t?.close();
    await database?.drop();
  });

  const samples = async (name: string): Promise<Sample[]> => {
    const metric = (await t.ctx.metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
    if (!metric) throw new Error(`no metric ${name}`);
    return (metric as unknown as { values: Sample[] }).values;
  };
  const value = async (name: string, labels: Record<string, string>, series = name): Promise<number> =>
    (await samples(name)).find(
      (s) => (s.metricName ?? name) === series && Object.entries(labels).every(([k, v]) => String(s.labels[k]) === v),
    )?.value ?? 0;
  const durationCount = (labels: Record<string, string>) =>
    value('datavis_http_request_duration_seconds', labels, 'datavis_http_request_duration_seconds_count');

  it('counts a request under its route pattern, method and status, never its raw URL', async () => {
    const project = (
      await t.request({ method: 'POST', url: '/api/projects', token: admin.token, payload: { name: 'Metered' } })
    ).json() as { id: number };
    const labels = { method: 'GET', route: '/api/projects/:id', status_code: '200' };
    const before = await value('datavis_http_requests_total', labels);
    const observedBefore = await durationCount(labels);
    const read = await t.request({ method: 'GET', url: `/api/projects/${project.id}`, token: admin.token });
    expect(read.statusCode).toBe(200);
    expect(await value('datavis_http_requests_total', labels)).toBe(before + 1);
    expect(await durationCount(labels)).toBe(observedBefore + 1);
    const missing = await t.request({ method: 'GET', url: '/api/projects/987654', token: admin.token });
    expect(missing.statusCode).toBe(404);
    expect(await value('datavis_http_requests_total', { route: '/api/projects/:id', status_code: '404' })).toBe(1);
  });

  it('puts every path no route matches under one "unmatched" series', async () => {
    for (const url of ['/api/no-such/1234', '/api/no-such/5678', '/api/x?token=secret-value']) {
      await t.request({ method: 'GET', url, token: admin.token });
    }
    expect(await value('datavis_http_requests_total', { method: 'GET', route: 'unmatched', status_code: '404' })).toBeGreaterThanOrEqual(3);
    const text = await (await fetch(metricsUrl)).text();
    expect(text).not.toMatch(/1234|5678|secret-value/);
    // Every route label is a declared pattern: no label carries a number from a URL.
    const routes = [...text.matchAll(/route="([^"]*)"/g)].map((m) => m[1]);
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) expect(route).toMatch(/^(unmatched|\/[A-Za-z/:*._-]*)$/);
  });

  it('serves the Prometheus text format on its own listener, with process metrics', async () => {
    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    expect(text).toContain('# TYPE datavis_http_requests_total counter');
    expect(text).toContain('# TYPE datavis_http_request_duration_seconds histogram');
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect((await fetch(metricsUrl.replace('/metrics', '/'))).status).toBe(404);
    expect((await fetch(metricsUrl, { method: 'POST' })).status).toBe(405);
  });

  it('is not served by the API listener: /metrics there is a JSON 404, or the UI shell for a browser', async () => {
    const api = await t.request({ method: 'GET', url: '/metrics' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: { code: 'not_found', message: 'no route GET /metrics' } });
    const browser = await t.request({ method: 'GET', url: '/metrics', headers: { accept: 'text/html' } });
    expect(browser.body).not.toContain('datavis_http_requests_total');
    expect(browser.body).not.toContain('# TYPE');
  });

  it('counts read cache hits and misses, from which the hit rate follows', async () => {
    const hitsBefore = await value('datavis_read_cache_lookups_total', { result: 'hit' });
    const missesBefore = await value('datavis_read_cache_lookups_total', { result: 'miss' });
    const first = await t.request({ method: 'GET', url: '/api/projects?limit=5', token: admin.token });
    const second = await t.request({ method: 'GET', url: '/api/projects?limit=5', token: admin.token });
    expect(second.body).toBe(first.body);
    expect(await value('datavis_read_cache_lookups_total', { result: 'miss' })).toBe(missesBefore + 1);
    expect(await value('datavis_read_cache_lookups_total', { result: 'hit' })).toBe(hitsBefore + 1);
  });

  it('reports the WebSocket clients connected to this replica', async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const gauge = async () => (await samples('datavis_websocket_clients'))[0].value;
    expect(await gauge()).toBe(0);
    const a = await connectEvents(base, admin.token);
    const b = await connectEvents(base, admin.token);
    expect(await gauge()).toBe(2);
    await a.close();
    await b.close();
    const deadline = Date.now() + 5000;
    while ((await gauge()) !== 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await gauge()).toBe(0);
  });

  describe('the runs hook (ctx.metrics.runs)', () => {
    it('sets queue depth and runs by status as gauges, zero for statuses not given', async () => {
      t.ctx.metrics.runs.setQueueDepth(4);
      t.ctx.metrics.runs.setRunsByStatus({ queued: 4, running: 2 });
      expect(await value('datavis_runs_queue_depth', {})).toBe(4);
      expect(await value('datavis_runs', { status: 'queued' })).toBe(4);
      expect(await value('datavis_runs', { status: 'running' })).toBe(2);
      t.ctx.metrics.runs.setRunsByStatus({ running: 1 });
      expect(await value('datavis_runs', { status: 'queued' })).toBe(0);
      expect(await value('datavis_runs', { status: 'running' })).toBe(1);
      expect(() => t.ctx.metrics.runs.setQueueDepth(-1)).toThrow('queue depth must be a non-negative integer, got -1');
    });

    it('counts finished runs by status and writes the RunsFailed EMF line for failed and timed-out runs only', async () => {
      const lines: string[] = [];
      const metrics = createAppMetrics({ environment: 'prod', writeLine: (line) => lines.push(line) });
      metrics.runs.runFinished({ runId: 11, taskId: 3, projectId: 2, attempt: 1, status: 'succeeded' });
      metrics.runs.runFinished({ runId: 12, taskId: 3, projectId: 2, attempt: 1, status: 'cancelled' });
      expect(lines).toEqual([]);
      metrics.runs.runFinished({ runId: 13, taskId: 3, projectId: 2, attempt: 2, status: 'timed_out' });
      expect(lines).toHaveLength(1);
      expect(lines[0].endsWith('\n')).toBe(true);
      const event = JSON.parse(lines[0]);
      expect(event).toMatchObject({
        event: 'run.failed',
        Environment: 'prod',
        RunsFailed: 1,
        runId: 13,
        taskId: 3,
        projectId: 2,
        attempt: 2,
        status: 'timed_out',
        _aws: {
          CloudWatchMetrics: [
            { Namespace: 'Datavis/prod', Dimensions: [['Environment']], Metrics: [{ Name: 'RunsFailed', Unit: 'Count' }] },
          ],
        },
      });
      const finished = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === 'datavis_runs_finished_total')!;
      const byStatus = Object.fromEntries((finished as unknown as { values: Sample[] }).values.map((s) => [s.labels.status, s.value]));
      expect(byStatus).toEqual({ succeeded: 1, failed: 0, cancelled: 1, timed_out: 1 });
      expect(() => metrics.runs.runFinished({ runId: 1, taskId: 1, projectId: 1, attempt: 1, status: 'running' as never })).toThrow(
        "runFinished: status must be one of succeeded, failed, cancelled, timed_out, got 'running'",
      );
    });

    it("writes the line with the server's own environment, on stdout by default", () => {
      const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
      try {
        t.ctx.metrics.runs.runFinished({ runId: 21, taskId: 5, projectId: 4, attempt: 1, status: 'failed' });
        const written = write.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('run.failed'));
        expect(written).toHaveLength(1);
        expect(JSON.parse(written[0])).toMatchObject({ Environment: 'staging', runId: 21, status: 'failed' });
      } finally {
        write.mockRestore();
      }
    });
  });

  it('refuses bad settings at start-up, naming the variable', () => {
    expect(() => loadConfig({ METRICS_PORT: 'ninety' })).toThrow(/METRICS_PORT="ninety" is invalid/);
    expect(() => loadConfig({ PORT: '8080', METRICS_PORT: '8080' })).toThrow(/METRICS_PORT=8080 is the API's PORT/);
    expect(() => loadConfig({ PLATFORM_ENVIRONMENT: 'qa' })).toThrow(
      /PLATFORM_ENVIRONMENT="qa" is invalid: expected one of local, dev, staging, prod/,
    );
    expect(() => loadConfig({ CLUSTER_NAMESPACES: 'datavis,Spark_Jobs' })).toThrow(/CLUSTER_NAMESPACES="Spark_Jobs" is invalid/);
    expect(() => loadConfig({ SPARK_HISTORY_URL: 'localhost:18080' })).toThrow(/SPARK_HISTORY_URL="localhost:18080" is invalid/);
    expect(loadConfig({}).metricsPort).toBe(9464);
  });
});
