/**
 * `npm run bench:api -- --vs-flask`: this server against the platform's original Flask API
 * (bench/flask-baseline: Flask + PyMySQL under gunicorn, 2 sync workers), on the same MariaDB,
 * with the same wrk load (bench.sh's: -t2 -c32, 2 s warm-up, 10 s measured), as the analyst
 * of the Flask seed (10,000 projects round-robin over three users: the analyst owns 3,333; here
 * they are also a member of 67 others' projects, so they see 3,400). The two servers take turns,
 * round after round, on the list (GET /api/projects?limit=50) and on the detail of the
 * analyst's newest project; this server runs as `npm start` runs it (ts-node, LOG_LEVEL=info,
 * its log lines written to a file), first without Redis, then with it. Prints each side's
 * requests/s (median and range of the rounds), latency, CPU per request of the server and of
 * MariaDB, and the ratios against the targets.
 *
 * Needs Debian's wrk, gunicorn, python3-flask, python3-pymysql, python3-jwt and python3-bcrypt.
 * BENCH_ROUNDS (3), BENCH_DURATION (10 seconds), BENCH_MYSQL_URL, BENCH_REDIS_URL.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { createDatabaseConnection } from '../../schema/connection';
import {
  MYSQL_SERVER,
  REPO,
  cpuSeconds,
  databaseUrl,
  dropDatabase,
  machineLine,
  mariadbPid,
  mysqlAdmin,
  processTree,
  recreateDatabase,
  sleep,
  spawnApiServer,
  stopProcess,
  waitReady,
} from './common';
import { WRK, runWrk, type WrkLoad, type WrkResult } from './wrk';
import { seedLikeFlask } from './flask-seed';

const run = promisify(execFile);

const FLASK_DIR = path.join(REPO, 'bench', 'flask-baseline');
const FLASK_DB = 'datavis_test_bench_flask';
const API_DB = 'datavis_test_bench_api';
const FLASK_PORT = Number(process.env.BENCH_FLASK_PORT ?? 5917);
const API_PORT = Number(process.env.BENCH_PORT ?? 3918);
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const GUNICORN = process.env.BENCH_GUNICORN ?? '/usr/bin/gunicorn';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LOAD: WrkLoad = { threads: 2, connections: 32, durationSeconds: Number(process.env.BENCH_DURATION ?? 10), warmupSeconds: 2 };
/** The Flask seed's analyst (seed.py); this server's seed uses the same account. */
const ANALYST = { email: 'analyst@example.com', password: 'correct-horse-battery' };
const TARGETS = { withoutRedis: { list: 5, detail: 3 }, withRedis: { list: 10, detail: 10 } } as const;

type Scenario = 'list' | 'detail';
type Side = 'flask' | 'api';

interface Target {
  readonly side: Side;
  readonly base: string;
  readonly pids: () => number[];
  readonly detailId: number;
}

interface Sample extends WrkResult {
  readonly side: Side;
  readonly scenario: Scenario;
  /** CPU of the server's processes per request, microseconds. */
  readonly serverCpuUs: number;
  /** CPU of MariaDB per request, microseconds (undefined when it runs elsewhere). */
  readonly databaseCpuUs: number | undefined;
}

async function checkTools(): Promise<void> {
  const missing: string[] = [];
  await run(WRK, ['--version']).catch((error: { stdout?: string }) => {
    if (!/wrk/.test(error.stdout ?? '')) missing.push('wrk');
  });
  if (!fs.existsSync(GUNICORN)) missing.push('gunicorn');
  await run(PYTHON, ['-c', 'import flask, pymysql, jwt, bcrypt']).catch(() =>
    missing.push('python3-flask python3-pymysql python3-jwt python3-bcrypt'),
  );
  if (missing.length > 0) {
    throw new Error(`the Flask comparison needs Debian's ${missing.join(', ')}: apt-get install -y ${missing.join(' ')}`);
  }
}

function flaskEnv(): Record<string, string> {
  return {
    DB_HOST: MYSQL_SERVER.hostname,
    DB_PORT: MYSQL_SERVER.port || '3306',
    DB_USER: decodeURIComponent(MYSQL_SERVER.username),
    DB_PASSWORD: decodeURIComponent(MYSQL_SERVER.password),
    DB_NAME: FLASK_DB,
    JWT_SECRET: 'bench-flask-secret-bench-flask-secret-0123',
  };
}

/** Creates the Flask database from schema.sql and seed.py, and starts gunicorn with run.sh's flags. */
async function startFlask(logFile: string): Promise<ChildProcess> {
  await recreateDatabase(FLASK_DB);
  const conn = await mysqlAdmin({ database: FLASK_DB, multipleStatements: true });
  await conn.query(fs.readFileSync(path.join(FLASK_DIR, 'schema.sql'), 'utf8'));
  await conn.end();
  const seeded = await run(PYTHON, [path.join(FLASK_DIR, 'seed.py')], { env: { ...process.env, ...flaskEnv() } });
  process.stdout.write(`flask: ${seeded.stdout.trim()}\n`);
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    GUNICORN,
    ['--workers', '2', '--worker-class', 'sync', '--bind', `127.0.0.1:${FLASK_PORT}`, '--chdir', FLASK_DIR, 'app:app'],
    { env: { ...process.env, ...flaskEnv() }, stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  const deadline = Date.now() + 30_000;
  while (
    !(await fetch(`http://127.0.0.1:${FLASK_PORT}/api/projects`).then(
      () => true,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`gunicorn did not start; see ${logFile}`);
    await sleep(200);
  }
  return child;
}

async function login(base: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ANALYST),
  });
  if (!response.ok) throw new Error(`login at ${base}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function firstListedId(base: string, token: string): Promise<number> {
  const response = await fetch(`${base}/api/projects?limit=1`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as { items: Array<{ id: number }> }).items[0]?.id ?? 0;
}

async function measure(target: Target, scenario: Scenario): Promise<Sample> {
  const token = await login(target.base);
  const url = scenario === 'list' ? `${target.base}/api/projects?limit=50` : `${target.base}/api/projects/${target.detailId}`;
  const check = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (check.status !== 200) throw new Error(`${target.side} ${url} answered ${check.status}`);
  const db = mariadbPid();
  const serverCpu = () => target.pids().reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const before = { server: serverCpu(), db: db ? cpuSeconds(db) : 0 };
  const result = await runWrk(url, token, LOAD);
  // The warm-up ran inside the CPU window too: count its requests at the measured rate.
  const requests = result.requests * ((LOAD.durationSeconds + LOAD.warmupSeconds) / LOAD.durationSeconds);
  const perRequest = (seconds: number) => Math.round((seconds * 1e6) / Math.max(1, requests));
  return {
    ...result,
    side: target.side,
    scenario,
    serverCpuUs: perRequest(serverCpu() - before.server),
    databaseCpuUs: db ? perRequest(cpuSeconds(db) - before.db) : undefined,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function report(phase: string, samples: Sample[], targets: { list: number; detail: number } | undefined): void {
  process.stdout.write(
    `\n### ${phase}\n\n| scenario | server | req/s median (range) | p50 ms | p99 ms | server CPU µs/req | MariaDB CPU µs/req | errors |\n|---|---|---|---|---|---|---|---|\n`,
  );
  const ratios: string[] = [];
  for (const scenario of ['list', 'detail'] as const) {
    const bySide = (side: Side) => samples.filter((s) => s.side === side && s.scenario === scenario);
    for (const side of ['flask', 'api'] as const) {
      const mine = bySide(side);
      const rps = mine.map((s) => s.requestsPerSec);
      const db = mine.map((s) => s.databaseCpuUs).filter((v): v is number => v !== undefined);
      process.stdout.write(
        `| ${scenario} | ${side === 'flask' ? 'Flask (gunicorn, 2 workers)' : 'this server'} | ${fmt(median(rps))} (${fmt(Math.min(...rps))}-${fmt(Math.max(...rps))}) | ` +
          `${median(mine.map((s) => s.p50Ms)).toFixed(2)} | ${median(mine.map((s) => s.p99Ms)).toFixed(2)} | ${fmt(median(mine.map((s) => s.serverCpuUs)))} | ` +
          `${db.length ? fmt(median(db)) : 'n/a'} | ${mine.reduce((n, s) => n + s.non2xx + s.socketErrors, 0)} |\n`,
      );
    }
    const ratio = median(bySide('api').map((s) => s.requestsPerSec)) / median(bySide('flask').map((s) => s.requestsPerSec));
    const target = targets?.[scenario];
    ratios.push(
      `${scenario} ${ratio.toFixed(1)}x Flask${target === undefined ? '' : ` (target >= ${target}x: ${ratio >= target ? 'met' : 'NOT met'})`}`,
    );
  }
  process.stdout.write(`\n${phase}: ${ratios.join('; ')}\n`);
}

async function alternate(flask: Target, api: Target): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const scenario of ['list', 'detail'] as const) {
      // The order flips each round, so a drift of the machine's load favours neither side.
      for (const target of round % 2 === 0 ? [flask, api] : [api, flask]) {
        const sample = await measure(target, scenario);
        samples.push(sample);
        process.stdout.write(
          `  round ${round + 1} ${scenario.padEnd(6)} ${target.side.padEnd(5)} ${fmt(sample.requestsPerSec).padStart(7)} req/s  p99 ${sample.p99Ms.toFixed(1)} ms\n`,
        );
      }
    }
  }
  return samples;
}

export async function runFlaskComparison(): Promise<void> {
  await checkTools();
  const logs = fs.mkdtempSync(path.join(os.tmpdir(), 'datavis-bench-flask-'));
  const redisPrefix = `datavis-bench-flask-${Date.now()}:`;
  process.stdout.write(`machine: ${machineLine()}\nlogs: ${logs}\n`);
  let flask: ChildProcess | undefined;
  let api: ChildProcess | undefined;
  const startApi = async (mode: 'default' | 'database-only' | 'redis') => {
    const child = spawnApiServer({
      port: API_PORT,
      databaseUrl: databaseUrl(API_DB),
      entry: 'ts-node',
      stdout: { file: path.join(logs, `api-${mode}.log`) },
      env: {
        LOG_LEVEL: 'info',
        ADMIN_EMAIL: 'admin@example.com',
        ADMIN_PASSWORD: ANALYST.password,
        REDIS_URL: mode === 'redis' ? REDIS_URL : '',
        ...(mode === 'redis' ? { REDIS_KEY_PREFIX: redisPrefix } : {}),
        ...(mode === 'database-only' ? { READ_CACHE_MEMORY_SECONDS: '0' } : {}),
      },
    });
    await waitReady(`http://127.0.0.1:${API_PORT}/readyz`);
    return child;
  };
  try {
    flask = await startFlask(path.join(logs, 'gunicorn.log'));
    await recreateDatabase(API_DB);
    api = await startApi('default');
    const apiBase = `http://127.0.0.1:${API_PORT}`;
    const seeded = await seedLikeFlask(apiBase, createDatabaseConnection({ url: databaseUrl(API_DB), poolSize: 2 }), ANALYST.password);
    process.stdout.write(`this server: ${seeded.summary}\n`);
    const flaskBase = `http://127.0.0.1:${FLASK_PORT}`;
    const flaskPid = flask.pid ?? 0;
    const flaskTarget: Target = {
      side: 'flask',
      base: flaskBase,
      pids: () => processTree(flaskPid),
      detailId: await firstListedId(flaskBase, await login(flaskBase)),
    };
    const apiTarget = (child: ChildProcess): Target => ({
      side: 'api',
      base: apiBase,
      pids: () => [child.pid ?? 0],
      detailId: seeded.detailId,
    });
    process.stdout.write(
      `load: wrk -t${LOAD.threads} -c${LOAD.connections}, ${LOAD.warmupSeconds} s warm-up + ${LOAD.durationSeconds} s, ${ROUNDS} rounds per side and scenario, alternating\n` +
        `detail: Flask project ${flaskTarget.detailId}, this server project ${seeded.detailId} (the analyst's newest own project in each)\n`,
    );

    process.stdout.write('\nwithout Redis (this server as `npm start` runs it)\n');
    const withoutRedis = await alternate(flaskTarget, apiTarget(api));
    await stopProcess(api);
    api = await startApi('database-only');
    process.stdout.write(
      '\nwithout Redis and without the memory copy of reads (READ_CACHE_MEMORY_SECONDS=0: every read queries MariaDB)\n',
    );
    const databaseOnly = await alternate(flaskTarget, apiTarget(api));
    await stopProcess(api);
    api = await startApi('redis');
    process.stdout.write('\nwith Redis (REDIS_URL set)\n');
    const withRedis = await alternate(flaskTarget, apiTarget(api));

    process.stdout.write(`\nmachine after the runs: ${machineLine()}\n`);
    report('Without Redis (npm start)', withoutRedis, TARGETS.withoutRedis);
    report('Without Redis, every read from MariaDB (reference, no target)', databaseOnly, undefined);
    report('With Redis', withRedis, TARGETS.withRedis);
  } finally {
    if (api) await stopProcess(api);
    if (flask) await stopProcess(flask);
    await dropDatabase(API_DB);
    await dropDatabase(FLASK_DB);
    await deleteKeys(redisPrefix);
  }
}

/** Removes this run's read-cache keys from the shared Redis (only its own prefix). */
async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // Redis unreachable: nothing of ours is there
  } finally {
    redis.disconnect();
  }
}
