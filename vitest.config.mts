import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Component and unit tests of the web UI only (test/web/**/*.test.tsx). Jest runs
// test/**/*.test.ts, so the two runners never pick up each other's files.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  oxc: { jsx: { runtime: 'automatic' } },
  test: {
    include: ['test/web/**/*.test.tsx'],
    environment: 'happy-dom',
    setupFiles: ['test/web/setup.tsx'],
    pool: 'threads',
    maxWorkers: 2,
    restoreMocks: true,
  },
});
