import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseIdKey } from '../src/lib/id-sealer.js';

/**
 * The ID-number encryption key dev mode uses when ID_ENCRYPTION_KEY is unset: random per data
 * folder and kept there (mode 0600), so outside borrowers' ID numbers recorded in the demo mall
 * stay readable to "查看证件" across restarts. Never printed.
 */
export const devIdKey = (file: string): string => {
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (parseIdKey(kept)) return kept;
  }
  const key = randomBytes(32).toString('hex');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
};
