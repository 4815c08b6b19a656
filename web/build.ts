import { fileURLToPath } from 'node:url';

/** Where `npm run build:web` puts the pages (and where dev mode serves them from). */
export const WEB_BUILD_DIR = fileURLToPath(new URL('../dist/ui', import.meta.url));

/**
 * Builds the web pages with Vite's API (dev mode, the browser tests and the screenshot script call
 * this; `npm run build` runs the same config from the CLI). `outDir` lets a test build elsewhere.
 */
export const buildWeb = async (outDir: string = WEB_BUILD_DIR): Promise<string> => {
  const { build } = await import('vite');
  await build({
    configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)),
    build: { outDir, emptyOutDir: true },
    logLevel: 'warn',
  });
  return outDir;
};
