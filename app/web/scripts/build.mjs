#!/usr/bin/env node
// Builds the web UI (app/web/dist) when it is missing or stale; `--force` always builds.
// Staleness is a content hash of the UI's sources, its build config and the versions of
// the packages it bundles, kept beside the output, so a fresh clone or any edit rebuilds
// and an unchanged tree starts at once.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = dirname(dirname(fileURLToPath(import.meta.url)));
const repoDir = join(webDir, '..', '..');
const outDir = join(webDir, 'dist');
const stampFile = join(outDir, '.build-hash');

function files(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

export function inputHash() {
  const hash = createHash('sha256');
  const inputs = [
    ...files(join(webDir, 'src')),
    join(webDir, 'index.html'),
    join(webDir, 'vite.config.mts'),
    join(webDir, 'tsconfig.json'),
    // The vocabularies the UI shares with the server.
    join(repoDir, 'schema', 'vocabulary.ts'),
  ];
  for (const f of inputs) {
    hash.update(relative(webDir, f));
    hash.update(readFileSync(f));
  }
  const pkg = JSON.parse(readFileSync(join(repoDir, 'package.json'), 'utf8'));
  hash.update(JSON.stringify({ ...pkg.dependencies, ...pkg.devDependencies }));
  return hash.digest('hex');
}

export function isFresh() {
  return existsSync(join(outDir, 'index.html')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === inputHash();
}

export async function buildWeb({ force = false, quiet = false } = {}) {
  if (!force && isFresh()) {
    if (!quiet) console.log('web UI: build is up to date (app/web/dist)');
    return false;
  }
  const hash = inputHash();
  const started = Date.now();
  if (!quiet) console.log('web UI: building app/web/dist …');
  // A production bundle whatever the caller's NODE_ENV (test runners set "test").
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const { build } = await import('vite');
    await build({ configFile: join(webDir, 'vite.config.mts'), mode: 'production', logLevel: quiet ? 'error' : 'warn' });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
  writeFileSync(stampFile, `${hash}\n`);
  if (!quiet) console.log(`web UI: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (process.argv[1] && statSync(process.argv[1]).isFile() && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildWeb({ force: process.argv.includes('--force') }).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
