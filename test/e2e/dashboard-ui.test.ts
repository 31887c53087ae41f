import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ApiSeeder, ensureWebBuild, launchChromium, startServer, type RunningServer, screenshot, ANALYST, createAnalyst } from './support';

/**
 * A project dashboard in headless Chromium against the real server (SQLite, local storage):
 * upload a CSV, build three charts with the builder, arrange them with the keyboard, then a
 * second API session uploads a new version of the CSV and all three charts show the new
 * numbers without a reload. Screenshots go to test-results/web/.
 */
// Page-side callbacks run in the browser (this file is type-checked without the DOM lib).
declare const document: any;
declare const window: any;

const V1 = ['region,product,quantity', 'north,widget,3', 'south,widget,1', 'north,gadget,2', ''].join('\n');
const V2 = ['region,product,quantity', 'north,widget,30', 'south,widget,1', 'north,gadget,2', 'east,gizmo,10', ''].join('\n');

let server: RunningServer;
let browser: Browser;
let projectId = 0;

beforeAll(async () => {
  ensureWebBuild();
  server = await startServer();
  browser = await launchChromium();
  const ana = await createAnalyst(server);
  projectId = (await ana.call<{ id: number }>('POST', '/api/projects', { name: 'Sales review' })).id;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Builds one chart in the builder from the sales dataset and saves it. */
async function buildChart(page: Page, chart: { title: string; type: string; x?: string; width: string }): Promise<void> {
  await page.getByRole('link', { name: 'New chart' }).click();
  await page.getByRole('heading', { name: 'New chart', level: 1 }).waitFor();
  await page.getByLabel('Title', { exact: true }).fill(chart.title);
  await page.getByLabel('Dataset', { exact: true }).selectOption({ label: 'sales' });
  await page.getByRole('checkbox', { name: 'quantity' }).waitFor();
  await page.getByLabel('Chart type').selectOption(chart.type);
  if (chart.x) await page.getByLabel('Category (x)').selectOption(chart.x);
  await page.getByRole('checkbox', { name: 'quantity' }).check();
  await page.getByLabel('Aggregate').selectOption('sum');
  await page.getByLabel('Width (columns of 12)').fill(chart.width);
  await page.getByRole('region', { name: 'Preview' }).locator('figure[data-state="ready"]').waitFor();
  await page.getByRole('button', { name: 'Save chart' }).click();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  await page.locator('figure.chart-card[data-state="ready"]').filter({ hasText: chart.title }).waitFor();
}

const description = (page: Page, title: string) => page.getByRole('figure', { name: title }).locator('.chart-description').textContent();

it('builds three charts, arranges them, and shows a new version of their data on all three without a reload', async () => {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  try {
    await page.goto(`/projects/${projectId}`);
    await page.getByLabel('Email', { exact: true }).fill(ANALYST.email);
    await page.getByLabel('Password', { exact: true }).fill(ANALYST.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Sales review', level: 1 }).waitFor();

    // Upload the CSV from the project page.
    const file = path.join(server.dataDir, 'sales.csv');
    fs.writeFileSync(file, V1);
    await page.getByRole('button', { name: 'Upload dataset' }).click();
    const dialog = page.getByRole('dialog');
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Choose a file' }).click();
    await (await chooser).setFiles(file);
    await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    // Three charts from the builder.
    await page.getByRole('link', { name: 'Project dashboard' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await buildChart(page, { title: 'Units by region', type: 'bar', x: 'region', width: '6' });
    await buildChart(page, { title: 'Units by product', type: 'pie', x: 'product', width: '6' });
    await buildChart(page, { title: 'Total units', type: 'number', width: '4' });
    const titles = () => page.locator('figure.chart-card h3').allTextContents();
    expect(await titles()).toEqual(['Units by region', 'Units by product', 'Total units']);
    expect(await description(page, 'Units by region')).toBe('Bar chart of sum of quantity by region, 2 bars, from 1 to 5');
    expect(await description(page, 'Units by product')).toBe('Pie chart of sum of quantity by product, 2 slices, largest widget');
    expect(await description(page, 'Total units')).toBe('Number: sum of quantity, 6');

    // Arrange from the keyboard: the total first.
    await page.getByRole('button', { name: 'Move Total units earlier' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Total units moved to place 2 of 3.').waitFor();
    await page.keyboard.press('Enter');
    await page.getByText('Total units moved to place 1 of 3.').waitFor();
    expect(await titles()).toEqual(['Total units', 'Units by region', 'Units by product']);
    const ana = new ApiSeeder(server.url);
    await ana.login(ANALYST.email, ANALYST.password);
    const saved = await ana.call<{ items: { title: string }[] }>('GET', `/api/projects/${projectId}/charts`);
    expect(saved.items.map((c) => c.title)).toEqual(['Total units', 'Units by region', 'Units by product']);
    await screenshot(page, 'dashboard-01-arranged');

    // A new version from another session: every chart changes on the open page.
    await page.evaluate(() => (window.__sameDocument = true));
    const datasets = await ana.call<{ items: { id: number; name: string }[] }>('GET', `/api/projects/${projectId}/datasets`);
    const sales = datasets.items.find((d) => d.name === 'sales');
    await ana.postCsv(`/api/datasets/${sales?.id}/versions`, V2);
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('figure.chart-card .chart-description')].map((p: any) => p.textContent).join('|') ===
        [
          'Number: sum of quantity, 43',
          'Bar chart of sum of quantity by region, 3 bars, from 1 to 32',
          'Pie chart of sum of quantity by product, 3 slices, largest widget',
        ].join('|'),
    );
    expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
    expect(await page.locator('figure.chart-card[data-type="bar"] canvas').count()).toBe(1);
    await screenshot(page, 'dashboard-02-new-version');

    // At phone width every chart takes the whole width, and nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 900 });
    await page.waitForTimeout(300);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      charts: [...document.querySelectorAll('.chart-slot')].map((c: any) => Math.round(c.getBoundingClientRect().width)),
    }));
    expect(widths.page).toBeLessThanOrEqual(390);
    expect(new Set(widths.charts).size).toBe(1);
    await screenshot(page, 'dashboard-03-phone');
  } finally {
    await context.close();
  }
}, 120_000);
