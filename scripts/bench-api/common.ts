import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';

/** Helpers shared by the API benchmarks: the MariaDB they use, the processes they start, /proc readings. */

export const REPO = path.resolve(__dirname, '..', '..');

/** BENCH_MYSQL_URL: the server the benchmarks create their databases on. */
export const MYSQL_SERVER = new URL(process.env.BENCH_MYSQL_URL ?? 'mysql://datavis_test:datavis_test@127.0.0.1:3306/');

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function databaseUrl(database: string): string {
  const url = new URL(MYSQL_SERVER.toString());
  url.pathname = `/${database}`;
  return url.toString();
}

export function mysqlAdmin(options: { database?: string; multipleStatements?: boolean } = {}): Promise<Connection> {
  return createConnection({
    host: MYSQL_SERVER.hostname,
    port: Number(MYSQL_SERVER.port || 3306),
    user: decodeURIComponent(MYSQL_SERVER.username),
    password: decodeURIComponent(MYSQL_SERVER.password),
    charset: 'UTF8MB4_UNICODE_CI',
    ...options,
  });
}

export async function recreateDatabase(name: string): Promise<void> {
  const conn = await mysqlAdmin();
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  await conn.end();
}

export async function dropDatabase(name: string): Promise<void> {
  const conn = await mysqlAdmin();
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await conn.end();
}

/** Polls `url` until it answers 2xx. */
export async function waitReady(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

export interface ApiServerOptions {
  readonly port: number;
  readonly databaseUrl: string;
  /** `compiled`: node build/app/server/server.js (the image); `ts-node`: what `npm start` runs. */
  readonly entry: 'compiled' | 'ts-node';
  readonly env: Record<string, string>;
  /** Where the server's stdout (its log lines) goes: inherited, or appended to a file. */
  readonly stdout: 'inherit' | { file: string };
  readonly nodeArgs?: readonly string[];
}

/** Starts app/server as its own process; the caller stops it with stopProcess. */
export function spawnApiServer(options: ApiServerOptions): ChildProcess {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'datavis-bench-'));
  const entry =
    options.entry === 'ts-node' ? [require.resolve('ts-node/dist/bin.js'), 'app/server/server.ts'] : ['build/app/server/server.js'];
  const { NODE_ENV: _inherited, ...inherited } = process.env;
  const out = options.stdout === 'inherit' ? 'inherit' : fs.openSync(options.stdout.file, 'a');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...entry], {
    cwd: REPO,
    env: {
      ...inherited,
      PORT: String(options.port),
      // Several servers may run side by side: each metrics listener takes a free port.
      METRICS_PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: options.databaseUrl,
      DATA_DIR: dataDir,
      ...options.env,
    },
    stdio: ['ignore', out, 'inherit'],
  });
  if (typeof out === 'number') fs.closeSync(out);
  child.once('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
  return child;
}

/** SIGTERM to this child only, SIGKILL after 15 s. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** CPU seconds (user + system) the process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  try {
    const fields = fs
      .readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    // After "pid (comm) ", utime and stime are the 12th and 13th fields, in clock ticks (100/s).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0; // the process is gone
  }
}

/** The process and all its descendants (gunicorn's master and workers), from /proc. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(
        fs
          .readFileSync(`/proc/${entry}/stat`, 'utf8')
          .replace(/^.*\) /, '')
          .split(' ')[1],
      );
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  const all: number[] = [];
  const visit = (pid: number) => {
    all.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return all;
}

/** The pid of the MariaDB server, when it runs on this machine (for its CPU per request). */
export function mariadbPid(): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (['mariadbd', 'mysqld'].includes(fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim())) return Number(entry);
    } catch {
      // exited meanwhile
    }
  }
  return undefined;
}

/** One line describing the machine: CPUs, model, memory, load average. */
export function machineLine(): string {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return `${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, load average ${load}`;
}
