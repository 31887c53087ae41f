#!/usr/bin/env node
// Bundles the chart harness page (index.html, chart-harness.tsx) into the folder given as
// the first argument, as a production build. Run by test/web/chart-browser.test.ts in a
// process of its own: Vite is an ES module, which Jest's CommonJS runtime cannot import.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: build-harness.mjs <outDir>');
process.env.NODE_ENV = 'production';
await build({
  root: dirname(fileURLToPath(import.meta.url)),
  configFile: false,
  logLevel: 'error',
  mode: 'production',
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir, emptyOutDir: true, target: 'es2022' },
});
