/**
 * `npm run bench:api` (the default mode): seeds 10,000 projects (2 tasks and 1 dataset each) on MySQL, starts the
 * API as its own process, then measures with autocannon (32 connections, 10 s each):
 * GET /api/projects?limit=50, GET /api/projects/:id, GET /api/dashboard/summary (as the admin
 * and as an analyst member of 100 projects), POST /api/projects; the time of an uncached
 * summary; and the WebSocket fan-out of one update to 500 sockets. Prints requests/s,
 * p50/p99 latency, errors and the server's resident memory.
 *
 * The server runs as production runs it: compiled by `npm run build:server` (done here first)
 * and started with `node build/app/server/server.js`.
 *
 * BENCH_MYSQL_URL: server to use (default mysql://datavis_test:datavis_test@127.0.0.1:3306/,
 * database datavis_test_bench is recreated); BENCH_REDIS_URL: Redis for fan-out and the read
 * cache (default redis://127.0.0.1:6379; set to "none" to run without Redis);
 * BENCH_SERVER=ts-node runs the TypeScript sources under ts-node instead (development mode);
 * BENCH_NODE_ARGS adds flags to the server's node, e.g. "--cpu-prof --cpu-prof-dir=prof".
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import WebSocket from 'ws';
import { createDatabaseConnection } from '../../schema/connection';
import {
  REPO,
  cpuSeconds,
  databaseUrl as urlOf,
  dropDatabase,
  recreateDatabase,
  rssMb,
  sleep,
  spawnApiServer,
  stopProcess,
  waitReady as waitFor,
} from './common';

const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DATABASE = 'datavis_test_bench';
const PORT = Number(process.env.BENCH_PORT ?? 3917);
const BASE = `http://127.0.0.1:${PORT}`;
const PROJECTS = 10_000;
const CONNECTIONS = 32;
const DURATION_S = 10;
const SOCKETS = 500;
const FANOUT_ROUNDS = 5;
const ADMIN = { email: 'bench-admin@example.com', password: 'bench-password-123' };
/** Projects the benchmark's analyst is a member of (the admin owns all of them). */
const MEMBER_PROJECTS = 100;
/** BENCH_ONLY=list,detail,summary,create,fanout runs only those scenarios (e.g. to profile one). */
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);

const databaseUrl = () => urlOf(DATABASE);
const RUN_TS = process.env.BENCH_SERVER === 'ts-node';
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

function buildServer(): void {
  if (RUN_TS) return;
  process.stdout.write('compiling the server (npm run build:server)\n');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'app/server/tsconfig.build.json'], {
    cwd: REPO,
    stdio: 'inherit',
  });
}

function startServer(): ChildProcess {
  return spawnApiServer({
    port: PORT,
    databaseUrl: databaseUrl(),
    entry: RUN_TS ? 'ts-node' : 'compiled',
    nodeArgs: NODE_ARGS,
    stdout: 'inherit',
    env: {
      NODE_ENV: 'production',
      DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '16',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      LOGIN_MAX_FAILURES: '1000',
      ...(REDIS_URL !== 'none' ? { REDIS_URL, REDIS_KEY_PREFIX: `datavis-bench-${Date.now()}:` } : { REDIS_URL: '' }),
    },
  });
}

const waitReady = () => waitFor(`${BASE}/readyz`, 30_000);

async function seed(): Promise<number[]> {
  const { db, destroy } = createDatabaseConnection({ url: databaseUrl(), poolSize: 2 });
  try {
    const admin = await db.selectFrom('users').select('id').where('email', '=', ADMIN.email).executeTakeFirstOrThrow();
    const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
    const ids: number[] = [];
    for (let start = 0; start < PROJECTS; start += 1000) {
      const rows = Array.from({ length: 1000 }, (_, i) => ({
        owner_id: admin.id,
        name: `Project ${start + i} ${'αβγ🚀'.slice(0, (start + i) % 4)}`,
        description: `Seeded project number ${start + i} for the API benchmark.`,
        created_at: now,
        updated_at: now,
      }));
      await db.transaction().execute(async (trx) => {
        const result = await trx.insertInto('projects').values(rows).executeTakeFirstOrThrow();
        const first = Number(result.insertId);
        const batch = rows.map((_, i) => first + i);
        ids.push(...batch);
        await trx
          .insertInto('tasks')
          .values(
            batch.flatMap((projectId) =>
              [0, 1].map((n) => ({
                project_id: projectId,
                title: `Task ${n}`,
                kind: n === 0 ? ('notebook' as const) : ('spark' as const),
                status: 'pending' as const,
                notebook: n === 0 ? 'reports/daily.ipynb' : null,
                parameters: '{"date":"2025-01-01"}',
                schedule: '0 3 * * *',
                created_by: admin.id,
                created_at: now,
                updated_at: now,
                started_at: null,
                finished_at: null,
              })),
            ),
          )
          .execute();
        await trx
          .insertInto('datasets')
          .values(
            batch.map((projectId) => ({
              project_id: projectId,
              name: 'events',
              name_key: 'events',
              kind: 'registered' as const,
              uri: `s3://datasets/${projectId}/events.parquet`,
              format: 'parquet' as const,
              size_bytes: 1_048_576,
              created_by: admin.id,
              created_at: now,
              updated_at: now,
            })),
          )
          .execute();
      });
    }
    return ids;
  } finally {
    await destroy();
  }
}

interface Measured {
  name: string;
  requestsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  rssMb: number;
  /** CPU time the server process spent per request (user + system): steadier than req/s on a shared machine. */
  cpuUsPerRequest: number;
}

async function cannon(name: string, options: autocannon.Options, pid: number): Promise<Measured> {
  const cpuBefore = cpuSeconds(pid);
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...options });
  const cpu = cpuSeconds(pid) - cpuBefore;
  return {
    name,
    requestsPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    rssMb: rssMb(pid),
    cpuUsPerRequest: Math.round((cpu * 1e6) / Math.max(1, result.requests.total)),
  };
}

async function fanOut(
  token: string,
  projectId: number,
): Promise<{ p50: number; p99: number; max: number; delivered: number; expected: number }> {
  const sockets: WebSocket[] = [];
  const latencies: number[] = [];
  let sentAt = 0;
  for (let i = 0; i < SOCKETS; i += 1) {
    const socket = new WebSocket(`${BASE.replace('http', 'ws')}/api/ws`, ['bearer', token]);
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { type: string; projectId: number };
      if (message.type === 'project.updated' && message.projectId === projectId) latencies.push(performance.now() - sentAt);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    sockets.push(socket);
  }
  for (let round = 0; round < FANOUT_ROUNDS; round += 1) {
    const before = latencies.length;
    sentAt = performance.now();
    await fetch(`${BASE}/api/projects/${projectId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ description: `fan-out round ${round}` }),
    });
    const deadline = Date.now() + 5000;
    while (latencies.length < before + SOCKETS && Date.now() < deadline) await sleep(5);
    await sleep(200);
  }
  for (const socket of sockets) socket.close();
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 10) / 10;
  return { p50: at(0.5), p99: at(0.99), max: at(1), delivered: latencies.length, expected: SOCKETS * FANOUT_ROUNDS };
}

/** An analyst who is a member (viewer) of the given projects; returns their access token. */
async function analystMemberOf(adminHeaders: Record<string, string>, projectIds: number[]): Promise<string> {
  const analyst = { email: 'bench-analyst@example.com', password: 'bench-password-123' };
  const created = await fetch(`${BASE}/api/users`, {
    method: 'POST',
    headers: adminHeaders,
    body: JSON.stringify({ ...analyst, role: 'analyst' }),
  });
  const { id } = (await created.json()) as { id: number };
  const { db, destroy } = createDatabaseConnection({ url: databaseUrl(), poolSize: 1 });
  try {
    await db
      .insertInto('project_members')
      .values(projectIds.map((projectId) => ({ project_id: projectId, user_id: id, role: 'viewer' as const })))
      .execute();
  } finally {
    await destroy();
  }
  const login = await fetch(`${BASE}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(analyst),
  });
  return ((await login.json()) as { accessToken: string }).accessToken;
}

/** Time of one summary that the cache cannot answer (a write just dropped it), median of 5. */
async function uncachedSummaryMs(
  headers: Record<string, string>,
  url: string,
  projectId: number,
  writerHeaders = headers,
): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    await fetch(`${BASE}/api/projects/${projectId}`, {
      method: 'PATCH',
      headers: writerHeaders,
      body: JSON.stringify({ description: `uncached ${i}` }),
    });
    const start = performance.now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    times.push(performance.now() - start);
  }
  return Math.round([...times].sort((a, b) => a - b)[2] * 10) / 10;
}

export async function runScenarioSuite(): Promise<void> {
  buildServer();
  process.stdout.write(`recreating ${DATABASE} and starting the API (${RUN_TS ? 'ts-node' : 'compiled'}) on ${BASE}\n`);
  await recreateDatabase(DATABASE);
  const server = startServer();
  const pid = server.pid ?? 0;
  try {
    await waitReady();
    const seedStart = Date.now();
    const ids = await seed();
    process.stdout.write(
      `seeded ${ids.length} projects, ${ids.length * 2} tasks, ${ids.length} datasets in ${((Date.now() - seedStart) / 1000).toFixed(1)} s\n`,
    );
    const login = await fetch(`${BASE}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    const idleRss = rssMb(pid);

    const analyst = await analystMemberOf(headers, ids.slice(0, MEMBER_PROJECTS));
    const analystHeaders = { authorization: `Bearer ${analyst}`, 'content-type': 'application/json' };
    const summaryUrl = `${BASE}/api/dashboard/summary?days=30`;
    const scenarios: Array<{ name: string; run: () => Promise<Measured> }> = [
      { name: 'list', run: () => cannon('GET /api/projects?limit=50', { url: `${BASE}/api/projects?limit=50`, headers }, pid) },
      {
        name: 'detail',
        run: () =>
          cannon(
            'GET /api/projects/:id',
            {
              url: BASE,
              requests: [
                {
                  method: 'GET',
                  headers,
                  setupRequest: (req) => ({ ...req, path: `/api/projects/${ids[Math.floor(Math.random() * ids.length)]}` }),
                },
              ],
            },
            pid,
          ),
      },
      { name: 'summary', run: () => cannon('GET /api/dashboard/summary (admin)', { url: summaryUrl, headers }, pid) },
      {
        name: 'summary',
        run: () =>
          cannon(`GET /api/dashboard/summary (analyst, member of ${MEMBER_PROJECTS})`, { url: summaryUrl, headers: analystHeaders }, pid),
      },
      {
        name: 'create',
        run: () =>
          cannon(
            'POST /api/projects',
            {
              url: `${BASE}/api/projects`,
              method: 'POST',
              headers,
              body: JSON.stringify({ name: 'bench', description: 'created by autocannon' }),
            },
            pid,
          ),
      },
    ];
    const results: Measured[] = [];
    for (const scenario of scenarios) if (ONLY.length === 0 || ONLY.includes(scenario.name)) results.push(await scenario.run());
    const cold =
      ONLY.length === 0 || ONLY.includes('summary')
        ? {
            admin: await uncachedSummaryMs(headers, summaryUrl, ids[1]),
            analyst: await uncachedSummaryMs(analystHeaders, summaryUrl, ids[1], headers),
          }
        : undefined;
    const fan = ONLY.length === 0 || ONLY.includes('fanout') ? await fanOut(accessToken, ids[0]) : undefined;
    const peakRss = Math.max(...results.map((r) => r.rssMb), rssMb(pid));

    process.stdout.write(
      '\n| scenario | req/s | p50 ms | p99 ms | errors | non-2xx | server CPU µs/req | server RSS MB |\n|---|---|---|---|---|---|---|---|\n',
    );
    for (const r of results) {
      process.stdout.write(
        `| ${r.name} | ${r.requestsPerSec} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${r.cpuUsPerRequest} | ${r.rssMb} |\n`,
      );
    }
    if (cold) {
      process.stdout.write(
        `\nGET /api/dashboard/summary?days=30 computed (cache miss, right after a write), median of 5: ${cold.admin} ms as the admin (${PROJECTS} projects), ${cold.analyst} ms as the analyst (member of ${MEMBER_PROJECTS})\n`,
      );
    }
    if (fan) {
      process.stdout.write(
        `\nWebSocket fan-out, ${SOCKETS} sockets x ${FANOUT_ROUNDS} updates: p50 ${fan.p50} ms, p99 ${fan.p99} ms, max ${fan.max} ms, delivered ${fan.delivered}/${fan.expected}\n`,
      );
    }
    process.stdout.write(`server RSS: ${idleRss} MB after seeding, ${peakRss} MB peak\n`);
  } finally {
    await stopProcess(server);
    await dropDatabase(DATABASE);
  }
}
