import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { rssMb, sleep, spawnApiServer, stopProcess, waitReady } from '../bench-api/common';
import { runChartBench, type ChartBenchResult } from './charts';
import { GROUP_BY_SQL, writeSalesCsv } from './sales-csv';

/**
 * The data features end to end through HTTP, against the server as its own process (ts-node,
 * SQLite, file: storage under its DATA_DIR, as `npm start` runs it):
 * - a streamed upload of a ~200 MB CSV through POST /upload: MB/s (the whole request, the
 *   strict inspection of every value included) and the server's peak RSS growth over its
 *   warmed-up baseline, sampled from /proc every 10 ms;
 * - the group-by over the 1M-row file through POST /api/projects/:id/query;
 * - a preview of 100 rows through GET /api/datasets/:id/preview;
 * - chart data over the 1M-row dataset, first computation and cached (charts.ts).
 */
export interface HttpBenchResult {
  readonly uploadMb: number;
  readonly uploadSeconds: number;
  /** Until the last byte of the body was sent: the streaming part, before the inspection. */
  readonly streamSeconds: number;
  /** Peak RSS while the body streamed in. */
  readonly streamPeakRssMb: number;
  readonly uploadRowCount: number;
  readonly baselineRssMb: number;
  readonly peakRssMb: number;
  readonly queryMs: number[];
  readonly previewMs: number[];
  readonly groups: number;
  readonly charts: ChartBenchResult;
}

const ADMIN = { email: 'bench@example.com', password: 'bench-password-1234' };

async function json<T>(base: string, method: string, url: string, token?: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Streams a file as the raw body of an upload (never read whole on this side either);
 * `onSent` is called once the last byte was handed to the socket.
 */
function uploadFile(
  base: string,
  token: string,
  projectId: number,
  name: string,
  file: string,
  onSent: () => void = () => undefined,
): Promise<{ rowCount: number }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${base}/api/projects/${projectId}/datasets/upload?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'content-length': String(fs.statSync(file).size) },
    });
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () =>
        response.statusCode === 201
          ? resolve(JSON.parse(text) as { rowCount: number })
          : reject(new Error(`${response.statusCode} ${text}`)),
      );
    });
    request.on('error', reject);
    request.on('finish', onSent);
    fs.createReadStream(file).pipe(request);
  });
}

export async function runHttpBench(dir: string, salesCsv: string, runs: number): Promise<HttpBenchResult> {
  const bigCsv = path.join(dir, 'sales-200mb.csv');
  const rowsPerMb = 1_000_000 / (fs.statSync(salesCsv).size / 1024 / 1024);
  await writeSalesCsv(bigCsv, Math.ceil(200 * rowsPerMb));
  const port = 39_000 + Math.floor(Math.random() * 1000);
  const server = spawnApiServer({
    port,
    entry: 'ts-node',
    databaseUrl: `sqlite:${path.join(dir, 'bench.sqlite')}`,
    stdout: { file: path.join(dir, 'server.log') },
    env: {
      TS_NODE_TRANSPILE_ONLY: 'true',
      JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      REDIS_URL: '',
      MAX_UPLOAD_BYTES: String(1024 ** 3),
    },
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitReady(`${base}/readyz`);
    const { accessToken: token } = await json<{ accessToken: string }>(base, 'POST', '/api/auth/login', undefined, ADMIN);
    const { id: projectId } = await json<{ id: number }>(base, 'POST', '/api/projects', token, { name: 'bench' });

    // Warm-up: the 1M-row file (also the query's table), a query and a preview.
    const sales = await uploadFile(base, token, projectId, 'sales', salesCsv);
    const { id: salesId } = (
      await json<{ items: { id: number; name: string }[] }>(base, 'GET', `/api/projects/${projectId}/datasets`, token)
    ).items.find((d) => d.name === 'sales')!;
    await json(base, 'POST', `/api/projects/${projectId}/query`, token, { sql: GROUP_BY_SQL });
    await json(base, 'GET', `/api/datasets/${salesId}/preview?limit=100`, token);
    if (sales.rowCount !== 1_000_000) throw new Error(`the 1M-row upload counted ${sales.rowCount} rows`);

    await sleep(1000);
    const baselineRssMb = rssMb(server.pid!);
    let peakRssMb = baselineRssMb;
    const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, rssMb(server.pid!))), 10);
    const started = performance.now();
    let streamSeconds = 0;
    let streamPeakRssMb = 0;
    const big = await uploadFile(base, token, projectId, 'sales_200mb', bigCsv, () => {
      streamSeconds = (performance.now() - started) / 1000;
      streamPeakRssMb = Math.max(peakRssMb, rssMb(server.pid!));
    });
    const uploadSeconds = (performance.now() - started) / 1000;
    clearInterval(sampler);

    const queryMs: number[] = [];
    let groups = 0;
    for (let run = 0; run < runs; run += 1) {
      const t = performance.now();
      groups = (await json<{ rowCount: number }>(base, 'POST', `/api/projects/${projectId}/query`, token, { sql: GROUP_BY_SQL })).rowCount;
      queryMs.push(performance.now() - t);
    }
    const previewMs: number[] = [];
    for (let run = 0; run < runs * 4; run += 1) {
      const t = performance.now();
      await json(base, 'GET', `/api/datasets/${salesId}/preview?limit=100`, token);
      previewMs.push(performance.now() - t);
    }
    const charts = await runChartBench(json, base, token, projectId, salesId, runs);
    return {
      uploadMb: fs.statSync(bigCsv).size / 1024 / 1024,
      uploadSeconds,
      streamSeconds,
      streamPeakRssMb,
      uploadRowCount: big.rowCount,
      baselineRssMb,
      peakRssMb,
      queryMs,
      previewMs,
      groups,
      charts,
    };
  } finally {
    await stopProcess(server);
  }
}
