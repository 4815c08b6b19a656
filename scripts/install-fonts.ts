import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { findChartFont } from '../src/digests/chart.js';

/**
 * For `npm run dev` on a fresh machine: installs Debian's fonts-noto-cjk (scripts/install-fonts.sh)
 * when no CJK font for chart images is present. Without one the digests still go out, chartless.
 */
export const ensureChartFont = (configured: string | undefined): void => {
  if (findChartFont(configured)) return;
  try {
    execFileSync('bash', [resolve(import.meta.dirname, 'install-fonts.sh')], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  } catch {
    process.stderr.write('  no CJK font for digest charts: run `sudo bash scripts/install-fonts.sh`\n');
  }
};
