import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The console is a static bundle in dist/console, served by the app itself at `/` (src/console). */
export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  // JSX through Vite's own transformer, to Preact's automatic runtime: no plugin needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: here('../dist/console'),
    emptyOutDir: true,
    target: 'es2022',
    // One file per asset: the server sends each with a content-hashed name.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
  },
});
