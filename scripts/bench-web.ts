// npm run bench:web
// Prints the gzipped size of the web UI's initial JS and CSS, the time from navigation to a
// rendered dashboard with 1,000 projects (headless Chromium against the real server on
// SQLite, seeded through the API), the API requests it took, and how soon a change shows on
// an open dashboard (the activity feed, then the totals). Before that, on the empty server:
// the JavaScript from sign-in to a drawn project dashboard and its drawing time with 12
// charts (bench-web-charts.ts).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ADMIN, ApiSeeder, REPO, ensureWebBuild, launchChromium, startServer } from '../test/e2e/support';
import { benchProjectDashboard } from './bench-web-charts';

// Page-side callbacks run in the browser (this file is type-checked without the DOM lib).
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 1000);
const TASKS_PER_PROJECT = 2;
const DATASETS_PER_PROJECT = 1;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LIVE_SAMPLES = 20;
const DIST = path.join(REPO, 'app', 'web', 'dist');

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

function gz(file: string): { raw: number; gzip: number } {
  const buf = readFileSync(path.join(DIST, file));
  return { raw: buf.length, gzip: gzipSync(buf).length };
}

/** What index.html makes the browser fetch before anything else: the entry, its preloads, the CSS. */
function initialAssets(): { js: string[]; css: string[] } {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const js = [
    ...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g),
  ].map((m) => m[1]);
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/([^"]+\.css)"/g)].map((m) => m[1]);
  return { js, css };
}

async function mapLimit<T>(items: T[], limit: number, fn: (x: T) => Promise<unknown>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (i < items.length) await fn(items[i++]);
    }),
  );
}

async function main(): Promise<void> {
  ensureWebBuild();
  const { js, css } = initialAssets();
  const jsSize = js.map(gz).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
  const cssSize = css.map(gz).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
  console.log(`initial JS  (${js.length} files): ${kb(jsSize.gzip)} gzipped (${kb(jsSize.raw)} raw)`);
  console.log(`initial CSS (${css.length} files): ${kb(cssSize.gzip)} gzipped (${kb(cssSize.raw)} raw)`);

  const server = await startServer({ LOG_LEVEL: 'error' });
  const browser = await launchChromium();
  try {
    const api = new ApiSeeder(server.url);
    await api.login(ADMIN.email, ADMIN.password);
    // First, on an empty server: the project dashboard's JavaScript and drawing time.
    await benchProjectDashboard(browser, server.url, api, DIST, RUNS);
    const seedStart = Date.now();
    const ids: number[] = [];
    await mapLimit([...Array(PROJECTS).keys()], 8, async (i) => {
      const p = await api.call<{ id: number }>('POST', '/api/projects', { name: `Bench project ${i}`, description: 'seeded by bench:web' });
      ids.push(p.id);
      for (let t = 0; t < TASKS_PER_PROJECT; t += 1) {
        await api.call('POST', `/api/projects/${p.id}/tasks`, {
          title: `Task ${t}`,
          kind: t % 2 ? 'spark' : 'manual',
          status: (['pending', 'running', 'succeeded', 'failed'] as const)[(i + t) % 4],
        });
      }
      for (let d = 0; d < DATASETS_PER_PROJECT; d += 1) {
        await api.call('POST', `/api/projects/${p.id}/datasets`, {
          name: `Dataset ${d}`,
          uri: `s3://bench/${i}/${d}/`,
          format: (['csv', 'parquet', 'json', 'delta'] as const)[i % 4],
          sizeBytes: 1024 * (i + 1),
        });
      }
    });
    console.log(
      `seeded ${PROJECTS} projects, ${PROJECTS * TASKS_PER_PROJECT} tasks, ${PROJECTS * DATASETS_PER_PROJECT} datasets through the API in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`,
    );

    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('section.page[data-state="ready"]').waitFor({ timeout: 60_000 });

    // Navigation to a rendered dashboard: totals and the three charts drawn from the summary.
    const shell: number[] = [];
    const ready: number[] = [];
    let routeJs = 0;
    let apiRequests: string[] = [];
    const rendered = () =>
      page.waitForFunction(
        () => {
          const st = document.querySelector('[data-state]')?.getAttribute('data-state');
          return st === 'ready' && document.querySelectorAll('.chart canvas').length === 3 ? performance.now() : 0;
        },
        undefined,
        { timeout: 120_000, polling: 'raf' },
      );
    for (let run = 0; run < RUNS; run += 1) {
      let jsFiles = 0;
      const requests: string[] = [];
      const onResponse = (r: import('playwright-core').Response) => {
        if (r.url().endsWith('.js')) jsFiles += 1;
        const { pathname } = new URL(r.url());
        if (pathname.startsWith('/api/')) requests.push(`${r.request().method()} ${pathname}`);
      };
      page.on('response', onResponse);
      await page.goto('/', { waitUntil: 'commit' });
      await page.getByRole('heading', { name: 'Dashboard', exact: true }).waitFor({ timeout: 60_000 });
      shell.push(await page.evaluate(() => performance.now()));
      ready.push((await (await rendered()).jsonValue()) as number);
      page.off('response', onResponse);
      if (run === 0) {
        routeJs = jsFiles;
        apiRequests = requests;
      }
      const total = await page.getByTestId('total-projects').textContent();
      if (Number(total) !== PROJECTS) throw new Error(`dashboard shows ${total} projects, expected ${PROJECTS}`);
      const tasks = await page.getByTestId('total-tasks').textContent();
      if (Number(tasks) !== PROJECTS * TASKS_PER_PROJECT)
        throw new Error(`dashboard shows ${tasks} tasks, expected ${PROJECTS * TASKS_PER_PROJECT}`);
    }
    const dashboardRequests = apiRequests.filter((r) => !r.startsWith('POST /api/auth/'));
    console.log(`dashboard shell (heading) after navigation: median ${median(shell).toFixed(0)} ms`);
    console.log(
      `dashboard rendered with ${PROJECTS} projects (all totals + 3 charts drawn): median ${median(ready).toFixed(0)} ms, best ${Math.min(...ready).toFixed(0)} ms over ${RUNS} loads; ` +
        `${dashboardRequests.length} API request(s) for the data (${dashboardRequests.join(', ')}), ${routeJs} JS files on the first load`,
    );

    // Live update: time from the API's answer to the write until the open dashboard shows it.
    await page.waitForFunction(() => !document.querySelector('[data-testid="live-banner"]'));
    await page.evaluate(() => {
      window.__seen = [];
      const feed = document.querySelector('[data-testid="activity-feed"]');
      new window.MutationObserver(() => window.__seen.push(performance.timeOrigin + performance.now())).observe(feed, { childList: true });
    });
    await page.waitForTimeout(500);
    const afterResponse: number[] = [];
    const afterRequest: number[] = [];
    for (let i = 0; i < LIVE_SAMPLES; i += 1) {
      const before: number = await page.evaluate(() => window.__seen.length);
      const sent = Date.now();
      await api.call('PATCH', `/api/projects/${ids[i]}`, { description: `live ${i}` });
      const answered = Date.now();
      await page.waitForFunction((n: number) => window.__seen.length > n, before, { timeout: 5000, polling: 10 });
      const seen: number = await page.evaluate((n: number) => window.__seen[n], before);
      afterResponse.push(seen - answered);
      afterRequest.push(seen - sent);
      await page.waitForTimeout(50);
    }
    console.log(
      `live update on the open dashboard: median ${median(afterResponse).toFixed(0)} ms, p95 ${pct(afterResponse, 95).toFixed(0)} ms after the API answered the write (median ${median(afterRequest).toFixed(0)} ms after it was sent), ${LIVE_SAMPLES} samples`,
    );

    // Live counts: the totals come from the summary, refetched (debounced) after events.
    await page.evaluate(() => {
      window.__tiles = [];
      const tiles = document.querySelector('ul.tiles');
      new window.MutationObserver(() =>
        window.__tiles.push([
          performance.timeOrigin + performance.now(),
          Number(document.querySelector('[data-testid="total-tasks"]')?.textContent),
        ]),
      ).observe(tiles, { subtree: true, childList: true, characterData: true });
    });
    const refreshed: number[] = [];
    for (let i = 0; i < LIVE_SAMPLES / 2; i += 1) {
      const before = Number(await page.getByTestId('total-tasks').textContent());
      await api.call('POST', `/api/projects/${ids[i]}/tasks`, { title: `Live ${i}`, kind: 'manual' });
      const answered = Date.now();
      await page.waitForFunction((n: number) => window.__tiles.some(([, total]: [number, number]) => total > n), before, {
        timeout: 5000,
        polling: 10,
      });
      const shownAt: number = await page.evaluate(
        (n: number) => window.__tiles.find(([, total]: [number, number]) => total > n)[0],
        before,
      );
      refreshed.push(shownAt - answered);
      await page.waitForTimeout(300);
    }
    console.log(
      `live totals on the open dashboard (summary refetched after the event): median ${median(refreshed).toFixed(0)} ms, p95 ${pct(refreshed, 95).toFixed(0)} ms after the API answered the write, ${refreshed.length} samples`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
