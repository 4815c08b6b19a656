import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The web pages (the chat console now, the dashboard next): Preact + TSX, bundled by Vite into
 * dist/ui (pages as `<name>/index.html`, shared hashed assets under `/ui/assets/`). Nothing is
 * loaded from a CDN: every byte the browser needs is in the build.
 */
export default defineConfig({
  root: here('./client'),
  base: '/ui/',
  logLevel: 'warn',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: here('../dist/ui'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      input: {
        console: here('./client/console/index.html'),
        dashboard: here('./client/dashboard/index.html'),
      },
    },
  },
});
