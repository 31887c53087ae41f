import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Response } from 'playwright-core';
import { ensureWebBuild, launchChromium, startServer, type RunningServer, screenshot, ANALYST, createAnalyst } from './support';

/**
 * The analyst's data loop in headless Chromium against the real server on SQLite and a local
 * storage folder: sign in, upload a CSV from the project page, see its preview and profile,
 * run a SQL aggregate and download the result as CSV. Screenshots go to test-results/web/.
 */
const CSV = ['region,product,quantity,price', 'north,widget,3,2.5', 'south,widget,1,2.5', 'north,gadget,2,10', 'east,gadget,,10', ''].join(
  '\n',
);

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

it('uploads a CSV, shows its preview and profile, runs a SQL aggregate and downloads the result', async () => {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const scripts: { url: string; body: string }[] = [];
  page.on('response', (response: Response) => {
    if (response.url().endsWith('.js'))
      void response.text().then(
        (body) => scripts.push({ url: response.url(), body }),
        () => undefined,
      );
  });
  try {
    await page.goto(`/projects/${projectId}`);
    await page.getByLabel('Email', { exact: true }).fill(ANALYST.email);
    await page.getByLabel('Password', { exact: true }).fill(ANALYST.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Sales review', level: 1 }).waitFor();

    // Upload through the file picker of the upload dialog.
    const file = path.join(server.dataDir, 'sales.csv');
    fs.writeFileSync(file, CSV);
    await page.getByRole('button', { name: 'Upload dataset' }).click();
    const dialog = page.getByRole('dialog');
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Choose a file' }).click();
    await (await chooser).setFiles(file);
    expect(await dialog.getByLabel('Dataset name').inputValue()).toBe('sales');
    await screenshot(page, 'datasets-01-upload');
    await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
    await dialog.waitFor({ state: 'detached' }).catch(async (error: unknown) => {
      await screenshot(page, 'datasets-01-upload-failed');
      throw new Error(`${String(error)}\n${await dialog.textContent()}\n${server.output()}`);
    });
    const row = page.getByTestId('datasets-table').getByRole('row', { name: /sales/ });
    expect(await row.textContent()).toContain('managed');

    // The dataset page: preview and profile.
    await row.getByRole('link', { name: 'sales' }).click();
    await page.getByRole('heading', { name: 'sales', level: 1 }).waitFor();
    const preview = page.getByRole('region', { name: 'First rows of sales' });
    await preview.getByRole('cell', { name: 'north' }).first().waitFor();
    expect(await preview.getByRole('row').count()).toBe(5); // header + 4 rows
    const quantity = page.getByTestId('column-profile').filter({ hasText: 'quantity' });
    await quantity.waitFor();
    expect(await quantity.textContent()).toMatch(/integer.*Nulls1.*Distinct3.*Min1.*Max3/);
    expect(await quantity.getByRole('img', { name: /Histogram of quantity/ }).count()).toBe(1);
    await screenshot(page, 'datasets-02-dataset-page');
    expect(scripts.some((s) => s.body.includes('cm-content'))).toBe(false); // the editor is not loaded here

    // The SQL page: an aggregate, its elapsed time, and the CSV of its result.
    await page.getByRole('link', { name: 'Query with SQL' }).click();
    await page.getByRole('heading', { name: 'SQL', level: 1 }).waitFor();
    const editor = page.getByRole('textbox', { name: 'SQL query' });
    await editor.click();
    await page.keyboard.type('SELECT * FROM nowhere');
    await page.getByRole('button', { name: /^Run/ }).click();
    expect(await page.getByTestId('query-error').textContent()).toMatch(/nowhere/);
    await editor.press('Control+a');
    await page.keyboard.type('SELECT region, sum(quantity) AS units FROM sales GROUP BY region ORDER BY region');
    await page.keyboard.press('Control+Enter');
    const summary = page.getByTestId('query-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/^3 rows in \d+ ms/);
    expect(await page.getByTestId('query-error').count()).toBe(0);
    const result = page.getByRole('region', { name: 'Query result' });
    expect(await result.getByRole('row', { name: /north/ }).textContent()).toContain('5');
    expect(scripts.some((s) => s.body.includes('cm-content'))).toBe(true);
    await screenshot(page, 'datasets-03-query');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('query-result.csv');
    const saved = path.join(server.dataDir, 'result.csv');
    await download.saveAs(saved);
    expect(fs.readFileSync(saved, 'utf8')).toBe('\uFEFFregion,units\r\neast,\r\nnorth,5\r\nsouth,1\r\n');
  } finally {
    await context.close();
  }
}, 120_000);
