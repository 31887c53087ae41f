import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const REPO = path.resolve(__dirname, '..', '..');
export const RESULTS = path.join(REPO, 'test-results', 'web');

/** Debian's Chromium; the test never downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Builds app/web/dist unless it is already up to date (the same step `npm start` runs). */
export function ensureWebBuild(): void {
  execFileSync(process.execPath, [path.join(REPO, 'app', 'web', 'scripts', 'build.mjs')], { cwd: REPO, stdio: 'pipe' });
  mkdirSync(RESULTS, { recursive: true });
}

export interface RunningServer {
  readonly url: string;
  readonly dataDir: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

export const ADMIN = { email: 'admin@example.com', password: 'admin-password-1234' };

/** The real server (app/server/server.ts) on a fresh SQLite file in a temp dir, on a free port. */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'datavis-web-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['-r', 'ts-node/register', path.join(REPO, 'app', 'server', 'server.ts')], {
    cwd: REPO,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      TS_NODE_TRANSPILE_ONLY: 'true',
      PORT: '0',
      METRICS_PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: `sqlite:${path.join(dataDir, 'e2e.sqlite')}`,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      REDIS_URL: '',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${output}`)), 60_000);
    const check = () => {
      const m = /on (http:\/\/[^\s]+:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
        clearTimeout(timer);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A small JSON client for seeding through the API. */
export class ApiSeeder {
  private token = '';
  constructor(private readonly base: string) {}

  /** The bearer token of the last login, for requests that are not JSON (uploads). */
  get accessToken(): string {
    return this.token;
  }

  async login(email: string, password: string): Promise<{ id: number }> {
    const res = await fetch(`${this.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { accessToken: string; user: { id: number } };
    this.token = body.accessToken;
    return body.user;
  }

  async call<T>(method: string, url: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }

  /** POSTs a CSV file's bytes as they are (dataset uploads and new versions). */
  async postCsv<T>(url: string, csv: string): Promise<T> {
    const res = await fetch(`${this.base}${url}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
}

/** The analyst the browser tests sign in as (created by the admin in `createAnalyst`). */
export const ANALYST = { email: 'ana@example.com', password: 'correct-horse-battery-9' };

/** Creates the analyst through the admin and returns an API client signed in as them. */
export async function createAnalyst(server: RunningServer): Promise<ApiSeeder> {
  const admin = new ApiSeeder(server.url);
  await admin.login(ADMIN.email, ADMIN.password);
  await admin.call('POST', '/api/users', { email: ANALYST.email, password: ANALYST.password, role: 'analyst' });
  const analyst = new ApiSeeder(server.url);
  await analyst.login(ANALYST.email, ANALYST.password);
  return analyst;
}

/** A full-page screenshot in test-results/web/<name>.png, for looking at what a test saw. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS, `${name}.png`), fullPage: true });
}
