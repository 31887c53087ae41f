import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { RESULTS, launchChromium } from '../e2e/support';

/**
 * The chart panel in headless Chromium: PNG export from the canvas gives a real image
 * of the chart, and at phone width no two labels overlap and nothing scrolls sideways.
 * The panel is bundled by Vite into a throw-away page (harness/) and served from memory.
 */
// Page-side callbacks run in the browser (this file is type-checked without the DOM lib).
declare const document: any;
declare const window: any;

const HARNESS = path.join(__dirname, 'harness');
const ORIGIN = 'http://charts.test';
let outDir: string;
let browser: Browser;

beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'chart-harness-'));
  execFileSync(process.execPath, [path.join(HARNESS, 'build-harness.mjs'), outDir], { stdio: 'pipe' });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  rmSync(outDir, { recursive: true, force: true });
});

async function openHarness(width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.route(`${ORIGIN}/**`, async (route) => {
    const file = path.join(outDir, new URL(route.request().url()).pathname.replace(/^\/$/, '/index.html'));
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html';
    try {
      await route.fulfill({ status: 200, contentType: type, body: readFileSync(file) });
    } catch {
      await route.fulfill({ status: 404, body: 'not found' });
    }
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => typeof window.renderCharts === 'function');
  return page;
}

const sum = (column: string) => ({ name: `sum(${column})`, role: 'y', kind: 'number', column, aggregate: 'sum' });
const x = (column: string) => ({ name: column, role: 'x', kind: 'string', column });

describe('charts in a browser', () => {
  it('exports a PNG of the drawn bar chart at twice its size, with the bars in it', async () => {
    const page = await openHarness(1000);
    await page.evaluate(({ data }) => window.renderCharts([{ view: { title: 'Revenue by region', type: 'bar', encoding: {} }, data }]), {
      data: {
        columns: [x('region'), sum('revenue')],
        rows: [
          ['east', 12],
          ['north', 80],
          ['south', 40],
          ['west', 65],
        ],
        truncated: false,
      },
    });
    const button = page.getByRole('button', { name: 'Export PNG' });
    await page.waitForFunction(() => !document.querySelector('button[data-disabled]'));
    const chartBox = await page.locator('.chart').boundingBox();
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe('revenue-by-region.png');
    const png = readFileSync(await download.path());
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    // Chart.js sizes the canvas in whole device pixels: within one pixel of twice the box.
    expect(Math.abs(width - (chartBox?.width ?? 0) * 2)).toBeLessThanOrEqual(2);
    expect(Math.abs(height - (chartBox?.height ?? 0) * 2)).toBeLessThanOrEqual(2);
    // Decode it in the browser: a white background with coloured bars, not a blank image.
    const pixels = await page.evaluate(async (base64: string) => {
      const image = new window.Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(image, 0, 0);
      const { data } = ctx.getImageData(0, 0, image.width, image.height);
      let coloured = 0;
      let white = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
        if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured += 1;
        if (r > 245 && g > 245 && b > 245) white += 1;
      }
      return { coloured: coloured / (data.length / 4), white: white / (data.length / 4) };
    }, png.toString('base64'));
    expect(pixels.coloured).toBeGreaterThan(0.05);
    expect(pixels.white).toBeGreaterThan(0.3);
    await page.context().close();
  });

  it('at phone width (360 px) shows 40 long category names, a pie and a heatmap with no overlapping text and no sideways scroll', async () => {
    const page = await openHarness(360);
    const names = Array.from({ length: 40 }, (_, i) => `Region number ${i + 1} with a long name`);
    await page.evaluate(
      ({ bar, pie, heat }) =>
        window.renderCharts([
          { view: { title: 'Revenue by region', type: 'bar', encoding: {} }, data: bar, width: 6 },
          { view: { title: 'Share by region', type: 'pie', encoding: {} }, data: pie, width: 6 },
          { view: { title: 'Units by region and year', type: 'heatmap', encoding: {} }, data: heat, width: 12 },
        ]),
      {
        bar: { columns: [x('region'), sum('revenue')], rows: names.map((n, i) => [n, (i * 37) % 101]), truncated: false },
        pie: { columns: [x('region'), sum('revenue')], rows: names.slice(0, 12).map((n, i) => [n, i + 1]), truncated: false },
        heat: {
          columns: [x('region'), { name: 'year', role: 'series', kind: 'number', column: 'year' }, sum('units')],
          rows: names.slice(0, 10).flatMap((n, i) => [2022, 2023, 2024].map((y) => [n, y, (i * y) % 17])),
          truncated: false,
        },
      },
    );
    await page.waitForFunction(() => window.drawnCharts() === 3);
    await page.waitForTimeout(500); // layout after the resize observers settle
    expect(await page.evaluate(() => window.axisLabelOverlaps())).toEqual([]);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      charts: [...document.querySelectorAll('.chart-card')].map((c: any) => Math.round(c.getBoundingClientRect().width)),
    }));
    expect(widths.page).toBeLessThanOrEqual(360);
    // Each chart takes the whole width on a phone, whatever its dashboard width.
    expect(new Set(widths.charts).size).toBe(1);
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'charts-phone.png'), fullPage: true });
    await page.context().close();
  });
});
