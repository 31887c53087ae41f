// Generates app/web/src/api/schema.d.ts from the server's OpenAPI document
// (GET /api/openapi.json of an app built in memory on a throw-away SQLite database).
//   npm run gen:web-api
// test/web/openapi-types.test.ts fails when the checked-in file is out of date.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';

export const SCHEMA_FILE = path.resolve(__dirname, '..', 'src', 'api', 'schema.d.ts');

const HEADER = `// Generated from the API's OpenAPI document (GET /api/openapi.json) by \`npm run gen:web-api\`.
// Do not edit by hand: change the route schemas in app/server and regenerate.

`;

export async function fetchOpenApiDocument(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'datavis-openapi-'));
  try {
    const config = loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'openapi.sqlite')}`, DATA_DIR: dir, LOG_LEVEL: 'silent' });
    const app = await buildApp({ config, logger: false, onFirstAdmin: () => undefined });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
      if (res.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${res.statusCode}: ${res.body}`);
      return res.json<Record<string, unknown>>();
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** openapi-typescript is an ES module: it runs in its own process (render-api-types.mjs). */
export async function renderApiTypes(document: Record<string, unknown>): Promise<string> {
  const types = execFileSync(process.execPath, [path.join(__dirname, 'render-api-types.mjs')], {
    input: JSON.stringify(document),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return HEADER + types;
}

/**
 * The document from a separate process (`--print-document`), for callers such as jest whose
 * module system cannot load the server's ES-module dependencies.
 */
export function fetchOpenApiDocumentInChild(): Record<string, unknown> {
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register', __filename, '--print-document'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
  });
  return JSON.parse(out) as Record<string, unknown>;
}

async function main(): Promise<void> {
  const document = await fetchOpenApiDocument();
  if (process.argv.includes('--print-document')) {
    process.stdout.write(JSON.stringify(document));
    return;
  }
  writeFileSync(SCHEMA_FILE, await renderApiTypes(document));
  process.stdout.write(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
