import fastifyStatic from '@fastify/static';
// `schema.hide` keeps these routes out of /api/openapi.json.
import type {} from '@fastify/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface WebUiOptions {
  /**
   * Folder of the Vite build (index.html and assets/).
   * @default app/web/dist, relative to the repository root
   */
  readonly root?: string;
}

export const DEFAULT_WEB_UI_ROOT = path.resolve(__dirname, '..', '..', 'web', 'dist');

/** Hashed file names change with their content, so a year and `immutable` is safe. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** index.html names the current hashed files: always revalidate it. */
export const INDEX_CACHE_CONTROL = 'no-cache';

function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html') || accept.includes('application/xhtml+xml');
}

function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/**
 * Serves the analysts' UI from the same process as the API:
 * - /assets/* from the Vite build with a one-year immutable Cache-Control (a missing asset
 *   is a plain 404, never index.html);
 * - index.html with `no-cache` for every other GET that accepts text/html (the SPA's routes).
 * Nothing under /api is ever answered here: unknown /api paths go to the app's JSON 404.
 */
async function webUi(app: FastifyInstance, options: WebUiOptions): Promise<void> {
  const root = options.root ?? DEFAULT_WEB_UI_ROOT;
  const indexFile = path.join(root, 'index.html');
  const built = fs.existsSync(indexFile);
  if (!built) {
    app.log.warn({ root }, 'web UI build not found: run `npm run build:web` (npm start does it)');
  }
  const indexHtml = built ? fs.readFileSync(indexFile) : undefined;

  if (built && fs.existsSync(path.join(root, 'assets'))) {
    await app.register(fastifyStatic, {
      root: path.join(root, 'assets'),
      prefix: '/assets/',
      index: false,
      list: false,
      dotfiles: 'deny',
      cacheControl: false,
      setHeaders: (reply) => {
        reply.header('cache-control', ASSET_CACHE_CONTROL);
      },
    });
  }

  const sendIndex = async (request: FastifyRequest, reply: FastifyReply) => {
    if (isApiPath(request.url) || !wantsHtml(request)) return reply.callNotFound();
    if (!indexHtml) {
      return reply
        .code(503)
        .header('cache-control', 'no-store')
        .type('text/plain; charset=utf-8')
        .send('The web UI is not built. Run `npm run build:web`, or start the app with `npm start`.');
    }
    return reply.header('cache-control', INDEX_CACHE_CONTROL).type('text/html; charset=utf-8').send(indexHtml);
  };

  app.get('/', { schema: { hide: true } }, sendIndex);
  app.get('/*', { schema: { hide: true } }, sendIndex);
}

export const webUiPlugin = fp(webUi, { name: 'web-ui', fastify: '5.x' });
export default webUiPlugin;
