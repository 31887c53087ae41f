import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TEST_PYTHON } from '../app/runs/support/notebooks';
import { ApiSeeder, ensureWebBuild, launchChromium, startServer, type RunningServer, screenshot, ANALYST, createAnalyst } from './support';

/**
 * The analyst's run loop in headless Chromium against the real server (SQLite, local storage,
 * the local run backend with Debian's python3): upload a notebook, create a task with typed
 * parameters and an output dataset, run it from the task list, watch its log, open the rendered
 * output, see the dataset's new version; and an every-minute schedule that produces a run.
 * Screenshots go to test-results/web/.
 */
// Page-side callbacks run in the browser (this file is type-checked without the DOM lib).
declare const document: any;

/** An nbformat 4 notebook: a tagged parameters cell, then one that logs and writes the result CSV. */
const NOTEBOOK = {
  nbformat: 4,
  nbformat_minor: 4,
  metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
  cells: [
    { cell_type: 'markdown', metadata: {}, source: '# Scores' },
    { cell_type: 'code', metadata: { tags: ['parameters'] }, source: 'rows = 2\nlabel = "base"\n', outputs: [], execution_count: null },
    {
      cell_type: 'code',
      metadata: {},
      source: [
        'import csv\n',
        'print(f"writing {rows} rows labelled {label}", flush=True)\n',
        'with open(output_path, "w", newline="") as f:\n',
        '    out = csv.writer(f, lineterminator="\\n")\n',
        '    out.writerow(["n", "label"])\n',
        '    for i in range(rows):\n',
        '        out.writerow([i, label])\n',
        'print("scores written", flush=True)\n',
      ].join(''),
      outputs: [],
      execution_count: null,
    },
  ],
};

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let ana: ApiSeeder;
let projectId = 0;
let datasetId = 0;

beforeAll(async () => {
  ensureWebBuild();
  // The scheduler looks every 2 s (15 s by default), so a due run is created soon after its minute starts.
  server = await startServer({ RUNS_BACKEND: 'local', RUNS_PYTHON: TEST_PYTHON, RUNS_SCHEDULER_INTERVAL_MS: '2000' });
  browser = await launchChromium();
  ana = await createAnalyst(server);
  projectId = (await ana.call<{ id: number }>('POST', '/api/projects', { name: 'Scoring' })).id;
  // The output dataset: a managed CSV dataset at version 1.
  const res = await fetch(`${server.url}/api/projects/${projectId}/datasets/upload?name=scores&format=csv`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ana.accessToken}`, 'content-type': 'text/csv' },
    body: 'n,label\n0,seed\n',
  });
  if (res.status !== 201) throw new Error(`seeding the dataset: ${res.status} ${await res.text()}`);
  datasetId = ((await res.json()) as { id: number }).id;
  context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

async function signedInPage(next: string): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(next);
  if (await page.getByRole('heading', { name: 'Sign in to datavis' }).isVisible()) {
    await page.getByLabel('Email', { exact: true }).fill(ANALYST.email);
    await page.getByLabel('Password', { exact: true }).fill(ANALYST.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  return page;
}

it('uploads a notebook, creates a task with parameters and an output dataset, runs it, and shows log, output and new version', async () => {
  const page = await signedInPage(`/projects/${projectId}`);
  await page.getByRole('heading', { name: 'Scoring', level: 1 }).waitFor();

  // Files: upload the notebook; its declared parameters are listed.
  const file = path.join(server.dataDir, 'scores.ipynb');
  fs.writeFileSync(file, JSON.stringify(NOTEBOOK));
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Upload file' }).click();
  await (await chooser).setFiles(file);
  const fileRow = page.getByTestId('files-table').getByRole('row', { name: /scores\.ipynb/ });
  await fileRow.waitFor();
  expect(await fileRow.textContent()).toMatch(/rows\s*integer\s*=\s*2/);
  await screenshot(page, 'runs-01-files');

  // The task: the parameter form comes from the notebook, with its defaults.
  await page.getByRole('button', { name: 'Add task' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title', { exact: true }).fill('Weekly scores');
  const rows = dialog.getByLabel('rows', { exact: true });
  expect(await rows.inputValue()).toBe('2');
  expect(await dialog.getByLabel('label', { exact: true }).inputValue()).toBe('base');
  await rows.fill('3');
  await dialog.getByLabel('label', { exact: true }).fill('weekly');
  await dialog.getByRole('button', { name: /Output dataset/ }).click();
  await page.getByRole('option', { name: 'scores' }).click();
  await dialog.getByLabel('Cron expression', { exact: true }).fill('0 6 * * 1');
  await dialog.getByLabel('Time zone', { exact: true }).fill('Europe/Paris');
  const nextRuns = dialog.getByRole('list', { name: 'Next runs' }).getByRole('listitem');
  await nextRuns.nth(4).waitFor();
  expect(await nextRuns.count()).toBe(5);
  // Mondays at 06:00 in Paris (UTC+1 or +2): 05:00 or 04:00 UTC.
  const fireTimes = await dialog
    .getByRole('list', { name: 'Next runs' })
    .locator('time')
    .evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  for (const t of fireTimes) expect(t).toMatch(/T0[45]:00:00\.000Z$/);
  expect(new Set(fireTimes.map((t) => new Date(t).getUTCDay()))).toEqual(new Set([1]));
  await screenshot(page, 'runs-02-task-form');
  const created = page.waitForResponse((r) => r.url().endsWith(`/api/projects/${projectId}/tasks`) && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: 'Add task' }).click();
  expect((await created).status()).toBe(201);
  await dialog.waitFor({ state: 'detached' });

  // Run it from the task list: the run page follows it live.
  await page.getByRole('button', { name: 'Run task Weekly scores' }).click();
  await page.getByRole('heading', { name: 'Run #1', level: 1 }).waitFor();
  const status = page.getByTestId('run-status');
  await page.waitForFunction(() => document.querySelector('[data-testid="run-status"]')?.textContent === 'succeeded', undefined, {
    timeout: 90_000,
  });
  expect(await status.textContent()).toBe('succeeded');
  const log = page.getByTestId('run-log');
  await page.waitForFunction(() => /scores written/.test(document.querySelector('[data-testid="run-log"]')?.textContent ?? ''));
  expect(await log.textContent()).toContain('writing 3 rows labelled weekly');
  await screenshot(page, 'runs-03-run-page');

  // The rendered output: sandboxed, no scripts, no same origin.
  const frame = page.locator('iframe[title="Output of run 1"]');
  await frame.waitFor();
  expect(await frame.getAttribute('sandbox')).toBe('');
  await page.frameLocator('iframe[title="Output of run 1"]').getByText('scores written').first().waitFor();

  // The output dataset got version 2 from this run.
  await page.getByRole('link', { name: 'Version 2' }).click();
  await page.getByRole('heading', { name: 'scores', level: 1 }).waitFor();
  await page
    .getByText(/Version 2/)
    .first()
    .waitFor();
  const preview = page.getByRole('region', { name: 'First rows of scores' });
  await preview
    .getByRole('cell', { name: 'weekly' })
    .first()
    .waitFor()
    .catch(async (error: unknown) => {
      await screenshot(page, 'runs-04-dataset-version-failed');
      throw new Error(`${String(error)}\n${await page.locator('main').textContent()}`);
    });
  expect(await preview.getByRole('row').count()).toBe(4); // header + 3 rows
  await screenshot(page, 'runs-04-dataset-version');
  const versions = await ana.call<{ items: { version: number; runId: number | null }[] }>('GET', `/api/datasets/${datasetId}/versions`);
  expect(versions.items.find((v) => v.version === 2)?.runId).toEqual(expect.any(Number));
  await page.close();
}, 180_000);

it('runs a task with an every-minute schedule on its own', async () => {
  const files = await ana.call<{ items: { name: string }[] }>('GET', `/api/projects/${projectId}/files`);
  expect(files.items.map((f) => f.name)).toContain('scores.ipynb');
  const task = await ana.call<{ id: number }>('POST', `/api/projects/${projectId}/tasks`, {
    title: 'Every minute',
    kind: 'notebook',
    notebook: 'scores.ipynb',
    parameters: { rows: 1 },
    schedule: '* * * * *',
  });
  const page = await signedInPage(`/projects/${projectId}/tasks/${task.id}`);
  await page.getByRole('heading', { name: 'Every minute', level: 1 }).waitFor();
  // The next fire time is at most a minute away; the run then appears live in the list.
  const scheduled = page.getByTestId('runs-table').getByRole('row').filter({ hasText: 'schedule' });
  await scheduled.first().waitFor({ timeout: 90_000 });
  expect(await scheduled.first().textContent()).toMatch(/^#1/);
  await screenshot(page, 'runs-05-scheduled');
  await page.close();
}, 150_000);
