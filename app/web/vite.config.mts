import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The analysts' UI. The production build lands in app/web/dist and is served by the API
 * process (app/server/plugins/web-ui.ts): hashed files under /assets/ are cached for a
 * year, index.html is revalidated on every load.
 */
export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: true,
    target: 'es2022',
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      onwarn(warning, warn) {
        // react-router marks its entry "use client" for server components; irrelevant here.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `npx vite app/web` during development: the API runs on :3000 (npm start).
    proxy: { '/api': { target: 'http://127.0.0.1:3000', ws: true } },
  },
});
