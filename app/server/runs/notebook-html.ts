import { execFile } from 'node:child_process';

/**
 * Content-Security-Policy of GET /api/runs/:id/output (the executed notebook as HTML). The
 * notebook's outputs are the analyst's code's doing, so the page is treated as hostile:
 * `sandbox` without tokens runs no script, gives the page a unique opaque origin (no cookies,
 * no storage, no same-origin access to the app), and blocks forms, popups and navigation of
 * the top window. Nothing is fetched from anywhere: nbconvert inlines the styles, and plots
 * are data: images. `frame-ancestors 'self'` lets the app's run page show it in a frame and
 * no other site.
 */
export const NOTEBOOK_HTML_CSP =
  "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/** Headers to send with the rendered notebook, the CSP among them. */
export const NOTEBOOK_HTML_HEADERS: { readonly [name: string]: string } = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': NOTEBOOK_HTML_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'private, no-cache',
};

export interface RenderOptions {
  /** Interpreter with nbconvert (RUNS_PYTHON). @default 'python3' */
  readonly python?: string;
  /** @default 60000 */
  readonly timeoutMs?: number;
  /** Largest HTML accepted. @default 64 MiB */
  readonly maxBytes?: number;
}

export class NotebookRenderError extends Error {}

/**
 * The executed notebook rendered to a standalone HTML page by nbconvert's HTML exporter (the
 * `lab` template, images inlined). nbconvert only renders: no cell is executed. The process
 * gets no environment of the server's beyond PATH and locale.
 */
export function renderNotebookHtml(notebookPath: string, options: RenderOptions = {}): Promise<string> {
  const env: NodeJS.ProcessEnv = { JUPYTER_PLATFORM_DIRS: '1' };
  for (const name of ['PATH', 'HOME', 'LANG', 'LC_ALL']) if (process.env[name] !== undefined) env[name] = process.env[name];
  return new Promise((resolve, reject) => {
    execFile(
      options.python ?? 'python3',
      ['-m', 'nbconvert', '--to', 'html', '--template', 'lab', '--stdout', '--log-level', 'ERROR', notebookPath],
      { env, timeout: options.timeoutMs ?? 60000, maxBuffer: options.maxBytes ?? 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          const detail = stderr.trim().split('\n').pop() ?? error.message;
          reject(new NotebookRenderError(`nbconvert could not render the notebook: ${detail || error.message}`));
          return;
        }
        resolve(stdout);
      },
    );
  });
}
