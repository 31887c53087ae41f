import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import { Browser } from 'playwright-core';
import { NOTEBOOK_HTML_CSP, NOTEBOOK_HTML_HEADERS, NotebookRenderError, renderNotebookHtml } from '../../../app/server/runs/notebook-html';
import { launchChromium } from '../../e2e/support';
import { TEST_PYTHON, notebookJson, tempDir } from './support/notebooks';

describe('executed notebook as HTML', () => {
  const dir = tempDir('notebook-html');
  let browser: Browser;
  let server: http.Server;
  const requests: string[] = [];
  let html = '';

  beforeAll(async () => {
    // An executed notebook whose output carries what a hostile notebook could print.
    const notebook = notebookJson('print("hi")', 'display(HTML(...))') as { cells: { outputs: object[] }[] };
    notebook.cells[0].outputs = [{ output_type: 'stream', name: 'stdout', text: 'rows: 42\n' }];
    notebook.cells[1].outputs = [
      {
        output_type: 'display_data',
        metadata: {},
        data: {
          'text/html':
            '<b id="marker">rendered output</b><script>fetch("/stolen?c=" + document.cookie); document.title = "pwned";</script>' +
            '<img src="/beacon.png"><form action="/submitted" method="post"><button id="go">go</button></form>',
        },
      },
    ];
    fs.writeFileSync(path.join(dir, 'executed.ipynb'), JSON.stringify(notebook));
    html = await renderNotebookHtml(path.join(dir, 'executed.ipynb'), { python: TEST_PYTHON });
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/output') {
        res.writeHead(200, NOTEBOOK_HTML_HEADERS);
        res.end(html);
      } else if (req.url === '/run-page') {
        res.writeHead(200, { 'content-type': 'text/html' });
        // No sandbox attribute on the frame: only the response's CSP protects the page.
        res.end('<title>run</title><iframe id="output" src="/output"></iframe>');
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('nbconvert renders the outputs into one page with no http(s) reference (styles are inlined)', () => {
    expect(html).toContain('rows: 42');
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).toContain('<b id="marker">rendered output</b>');
  });

  test('the CSP is a sandbox without scripts or same-origin, and nothing may be fetched', () => {
    const directives = NOTEBOOK_HTML_CSP.split(';').map((d) => d.trim());
    expect(directives[0]).toBe('sandbox');
    expect(NOTEBOOK_HTML_CSP).not.toMatch(/allow-scripts|allow-same-origin|allow-forms|allow-popups|allow-top-navigation/);
    expect(directives).toContain("default-src 'none'");
    expect(directives).toContain("frame-ancestors 'self'");
  });

  test('in Chromium, the notebook page shows its outputs but runs no script, sends no request and submits no form', async () => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await page.goto(`${base}/run-page`);
    const frame = page.frames().find((f) => f.url().endsWith('/output'));
    expect(frame).toBeDefined();
    await frame!.waitForSelector('#marker');
    expect(await frame!.textContent('#marker')).toBe('rendered output');
    await frame!.click('#go').catch(() => undefined);
    await page.waitForTimeout(500);
    expect(await page.title()).toBe('run');
    expect(requests.filter((r) => !['/run-page', '/output', '/favicon.ico'].includes(r))).toEqual([]);
    expect(consoleErrors.some((e) => /Content Security Policy|sandbox/i.test(e))).toBe(true);
    // Opened on its own, as a top-level page, the same holds.
    requests.length = 0;
    await page.goto(`${base}/output`);
    await page.waitForSelector('#marker');
    await page.waitForTimeout(300);
    expect(await page.title()).not.toBe('pwned');
    expect(requests.filter((r) => !['/output', '/favicon.ico'].includes(r))).toEqual([]);
    await page.close();
  });

  test('a file that is not a notebook is a render error, not a crash', async () => {
    fs.writeFileSync(path.join(dir, 'broken.ipynb'), '{not json');
    await expect(renderNotebookHtml(path.join(dir, 'broken.ipynb'), { python: TEST_PYTHON })).rejects.toThrow(NotebookRenderError);
  });
});
