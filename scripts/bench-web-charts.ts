// Part of `npm run bench:web`: the JavaScript it takes from the sign-in page to a drawn
// project dashboard (every chunk the browser fetched on the way, gzipped), and how long a
// dashboard of 12 charts takes to draw once signed in.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { ADMIN, type ApiSeeder } from '../test/e2e/support';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;

const CHARTS = 12;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** 12 charts over one uploaded CSV: every drawn type, and a table and a number. */
function chartSpecs(datasetId: number) {
  const source = { datasetId };
  const types = ['bar', 'line', 'area', 'scatter', 'pie', 'heatmap', 'bar', 'line', 'table', 'number', 'bar', 'pie'] as const;
  return types.map((type, i) => ({
    title: `Chart ${i + 1} (${type})`,
    source,
    type,
    width: [6, 6, 4, 4, 4, 12, 6, 6, 8, 4, 6, 6][i],
    encoding:
      type === 'number'
        ? { y: ['units'], aggregate: 'sum' as const }
        : type === 'table'
          ? { x: 'region', y: ['units'], aggregate: 'sum' as const }
          : type === 'scatter'
            ? { x: 'units', y: ['price'] }
            : type === 'heatmap'
              ? { x: 'region', series: 'month', y: ['units'], aggregate: 'sum' as const }
              : { x: i % 2 ? 'month' : 'region', y: ['units'], aggregate: 'sum' as const },
  }));
}

function salesCsv(rows: number, extraUnits = 0): string {
  const regions = ['north', 'south', 'east', 'west', 'centre'];
  const lines = ['region,month,units,price'];
  for (let i = 0; i < rows; i += 1)
    lines.push(`${regions[i % 5]},2024-${String((i % 12) + 1).padStart(2, '0')},${((i * 7) % 50) + extraUnits},${(i * 13) % 97}`);
  return `${lines.join('\n')}\n`;
}

export async function benchProjectDashboard(browser: Browser, baseURL: string, api: ApiSeeder, dist: string, runs: number): Promise<void> {
  const project = await api.call<{ id: number }>('POST', '/api/projects', { name: 'Chart bench', description: 'seeded by bench:web' });
  const dataset = await api.postCsv<{ id: number }>(`/api/projects/${project.id}/datasets/upload?name=sales`, salesCsv(500));
  for (const spec of chartSpecs(dataset.id)) await api.call('POST', `/api/projects/${project.id}/charts`, spec);
  const drawnCount = chartSpecs(dataset.id).filter((c) => c.type !== 'table' && c.type !== 'number').length;
  const drawn = (page: import('playwright-core').Page) =>
    page.waitForFunction(
      ({ charts, canvases }: { charts: number; canvases: number }) =>
        document.querySelectorAll('figure.chart-card[data-state="ready"]').length === charts &&
        document.querySelectorAll('.chart canvas').length === canvases
          ? performance.now()
          : 0,
      { charts: CHARTS, canvases: drawnCount },
      { timeout: 60_000, polling: 'raf' },
    );

  // A fresh browser: the sign-in page, then the dashboard it leads to, every script counted.
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const scripts = new Set<string>();
  page.on('response', (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.endsWith('.js')) scripts.add(pathname.replace(/^\//, ''));
  });
  await page.goto(`/sign-in?next=${encodeURIComponent(`/projects/${project.id}/dashboard`)}`);
  await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await drawn(page);
  let gzip = 0;
  let raw = 0;
  for (const file of scripts) {
    const buf = readFileSync(path.join(dist, file));
    raw += buf.length;
    gzip += gzipSync(buf).length;
  }
  console.log(
    `JS from sign-in to a drawn project dashboard (${CHARTS} charts): ${kb(gzip)} gzipped (${kb(raw)} raw) in ${scripts.size} files, every chunk counted`,
  );

  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    await page.goto(`/projects/${project.id}/dashboard`, { waitUntil: 'commit' });
    times.push((await (await drawn(page)).jsonValue()) as number);
  }
  console.log(
    `project dashboard with ${CHARTS} charts drawn (${drawnCount} on canvas, a table and a number) after navigation: median ${median(times).toFixed(0)} ms, best ${Math.min(...times).toFixed(0)} ms over ${runs} loads`,
  );
  await liveRefresh(page, api, dataset.id);
  await context.close();
  // The overview bench that follows counts projects: leave none behind.
  await api.call('DELETE', `/api/projects/${project.id}`);
}

/**
 * A new version of the dataset, uploaded while the dashboard is open: the time from the
 * upload's answer to the first chart showing the new numbers (the big number, whose sum always
 * changes), and to the last chart redrawn, as their ARIA descriptions (the plotted values in
 * words) change. Times are the page's clock, read right after the upload answered.
 */
async function liveRefresh(page: import('playwright-core').Page, api: ApiSeeder, datasetId: number): Promise<void> {
  const before = await page.evaluate(() => {
    const w = globalThis as any;
    w.__lastChange = 0;
    new w.MutationObserver(() => (w.__lastChange = performance.now())).observe(document.querySelector('main') ?? document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
    return [...document.querySelectorAll('figure.chart-card .chart-description')].map((d: any) => d.textContent as string);
  });
  const numberBefore = await page.locator('figure.chart-card[data-type="number"] .chart-description').textContent();
  await api.postCsv(`/api/datasets/${datasetId}/versions`, salesCsv(500, 100));
  const answered = (await page.evaluate(() => performance.now())) as number;
  const first = (await (
    await page.waitForFunction(
      (old: string | null) => {
        const text = document.querySelector('figure.chart-card[data-type="number"] .chart-description')?.textContent;
        return text && text !== old ? performance.now() : 0;
      },
      numberBefore,
      { timeout: 30_000, polling: 'raf' },
    )
  ).jsonValue()) as number;
  await page.waitForTimeout(1500);
  const { last, changed } = await page.evaluate((old: string[]) => {
    const now = [...document.querySelectorAll('figure.chart-card .chart-description')].map((d: any) => d.textContent as string);
    return { last: (globalThis as any).__lastChange as number, changed: now.filter((text, i) => text !== old[i]).length };
  }, before);
  console.log(
    `a new dataset version on the open dashboard: first chart changed ${(first - answered).toFixed(0)} ms after the upload answered, the last of ${changed} changed charts ${(last - answered).toFixed(0)} ms after`,
  );
}
