// npm run bench:runs: the local run backend, in this process on SQLite (python3 from
// BENCH_PYTHON, default /usr/bin/python3, with nbclient and ipykernel).
// 1. overhead: one trivial notebook run through the API (POST to succeeded, output notebook
//    stored) against executing the same notebook directly with nbclient in a fresh python3;
// 2. run status to a WebSocket client: from the moment the backend observed a change (the
//    run's startedAt / finishedAt) to the message arriving at a connected client;
// 3. 50 runs queued at once drain with RUNS_MAX_CONCURRENT respected and none lost.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { buildApp } from '../app/server/app';
import { loadConfig } from '../app/server/config';
import { createProject } from '../app/server/services/project-service';
import { createUserRow } from '../app/server/services/user-service';

const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 5);
const QUEUED = Number(process.env.BENCH_QUEUED ?? 50);
const LIMIT = Number(process.env.BENCH_MAX_CONCURRENT ?? 2);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] as number;
const ms = (n: number) => `${n.toFixed(0)} ms`;

const NOTEBOOK = {
  nbformat: 4,
  nbformat_minor: 4,
  metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
  cells: [
    { cell_type: 'code', metadata: { tags: ['parameters'] }, source: 'n = 10', outputs: [], execution_count: null },
    { cell_type: 'code', metadata: {}, source: 'print(sum(range(n)))', outputs: [], execution_count: null },
  ],
};

const DIRECT = `
import sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, kernel_name="python3").execute()
nbformat.write(nb, sys.argv[2])
`;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-runs-'));
  const notebookPath = path.join(dir, 'bench.ipynb');
  fs.writeFileSync(notebookPath, JSON.stringify(NOTEBOOK));
  const config = loadConfig({
    DATABASE_URL: `sqlite:${path.join(dir, 'bench.sqlite')}`,
    DATA_DIR: path.join(dir, 'data'),
    JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
    RUNS_PYTHON: PYTHON,
    RUNS_MAX_CONCURRENT: String(LIMIT),
    RUNS_SCHEDULER_INTERVAL_MS: '600000',
    METRICS_PORT: '0',
  });
  const app = await buildApp({ config, logger: false, onFirstAdmin: () => undefined });
  try {
    const { ctx } = app;
    const user = await createUserRow(ctx, { email: 'bench@example.com', password: 'bench-password-123', role: 'analyst' });
    const token = await ctx.tokens.sign(user.id);
    const project = await createProject(ctx, user, { name: 'bench' });
    const inject = (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
      app.inject({ method, url, payload: payload as string, headers: { authorization: `Bearer ${token}`, ...headers } });
    const uploaded = await inject('POST', `/api/projects/${project.id}/files?name=bench.ipynb`, JSON.stringify(NOTEBOOK), {
      'content-type': 'application/octet-stream',
    });
    if (uploaded.statusCode !== 201) throw new Error(`upload failed: ${uploaded.body}`);
    const task = (
      await inject('POST', `/api/projects/${project.id}/tasks`, { title: 'bench', kind: 'notebook', notebook: 'bench.ipynb' })
    ).json<{
      id: number;
    }>();

    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/api/ws`, ['bearer', token]);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const latencies: number[] = [];
    const finished = new Map<number, () => void>();
    socket.on('message', (raw) => {
      const arrived = Date.now();
      const message = JSON.parse(raw.toString()) as {
        type: string;
        data: { id: number; status: string; startedAt: string | null; finishedAt: string | null };
      };
      if (message.type !== 'run.updated') return;
      const { status, startedAt, finishedAt } = message.data;
      const changedAt = status === 'running' ? startedAt : finishedAt;
      if (changedAt !== null) latencies.push(arrived - Date.parse(changedAt));
      if (['succeeded', 'failed', 'cancelled', 'timed_out'].includes(status)) finished.get(message.data.id)?.();
    });
    const runOnce = async (): Promise<{ id: number; done: Promise<void> }> => {
      const response = await inject('POST', `/api/tasks/${task.id}/runs`, {});
      if (response.statusCode !== 202) throw new Error(`run failed to start: ${response.body}`);
      const id = response.json<{ id: number }>().id;
      return { id, done: new Promise<void>((resolve) => finished.set(id, resolve)) };
    };

    // 1. Overhead against nbclient directly.
    const direct: number[] = [];
    const platform: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      let t = performance.now();
      execFileSync(PYTHON, ['-c', DIRECT, notebookPath, path.join(dir, `direct-${i}.ipynb`)], { stdio: 'ignore' });
      direct.push(performance.now() - t);
      t = performance.now();
      const run = await runOnce();
      // The run is finished (and its run.updated sent) only once its output notebook is stored.
      await run.done;
      platform.push(performance.now() - t);
      const row = await ctx.db.selectFrom('runs').select(['status', 'output_key']).where('id', '=', run.id).executeTakeFirstOrThrow();
      if (row.status !== 'succeeded' || row.output_key === null) throw new Error(`bench run ${run.id} ended ${row.status}`);
    }
    console.log(`notebook run, median of ${SAMPLES}: nbclient directly ${ms(median(direct))}, through the API ${ms(median(platform))}`);
    console.log(`  added by the platform: ${ms(median(platform) - median(direct))} (target < 1000 ms)`);

    // 2. WebSocket latency of the status changes seen so far.
    console.log(
      `run status -> WebSocket client (${latencies.length} changes): median ${ms(median(latencies))}, p95 ${ms(percentile(latencies, 0.95))}, max ${ms(Math.max(...latencies))} (target < 200 ms)`,
    );

    // 3. QUEUED runs at once.
    let most = 0;
    const sampler = setInterval(() => {
      void ctx.db
        .selectFrom('runs')
        .select('id')
        .where('status', '=', 'running')
        .execute()
        .then((rows) => (most = Math.max(most, rows.length)));
    }, 20);
    const started = performance.now();
    const runs = await Promise.all(Array.from({ length: QUEUED }, () => runOnce()));
    await Promise.all(runs.map((r) => r.done));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const rows = await ctx.db
      .selectFrom('runs')
      .select('status')
      .where(
        'id',
        'in',
        runs.map((r) => r.id),
      )
      .execute();
    const succeeded = rows.filter((r) => r.status === 'succeeded').length;
    console.log(
      `${QUEUED} runs queued at once: drained in ${seconds.toFixed(1)} s, at most ${most} running (RUNS_MAX_CONCURRENT=${LIMIT}), ${succeeded}/${QUEUED} succeeded, ${QUEUED - rows.length} lost`,
    );
    socket.close();
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
