import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** Debian's Chromium, headless, with nothing that phones home or waits for a first-run dialog. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

/**
 * Makes sure Debian's `chromium` (and a CJK font) is installed, installing it with apt-get when it
 * is missing (Playwright cannot download its own browser here), and returns its path.
 */
export const ensureChromium = (): string =>
  execFileSync('bash', [join(ROOT, 'scripts', 'ensure-chromium.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 600_000,
  }).trim();

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Chromium through playwright-core with a fresh, throw-away user-data-dir. */
export const launchChromium = async (executablePath = ensureChromium()): Promise<Browser> => {
  const profile = mkdtempSync(join(tmpdir(), 'mallbot-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS, `--lang=zh-CN`],
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 800 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};
