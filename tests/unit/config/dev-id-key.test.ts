import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { devIdKey } from '../../../scripts/dev-id-key.js';
import { parseIdKey } from '../../../src/lib/id-sealer.js';

describe('dev mode ID encryption key', () => {
  const dirs: string[] = [];
  const scratch = () => {
    const d = mkdtempSync(join(tmpdir(), 'dev-id-key-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('creates a valid 32-byte key readable only by its owner, and keeps it across restarts', () => {
    const file = join(scratch(), 'sub', 'id-encryption.key');
    const first = devIdKey(file);
    expect(parseIdKey(first)?.length).toBe(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(devIdKey(file)).toBe(first);
  });

  it('replaces a kept file that does not hold a key', () => {
    const file = join(scratch(), 'id-encryption.key');
    writeFileSync(file, 'not a key\n');
    const key = devIdKey(file);
    expect(parseIdKey(key)).toBeDefined();
    expect(readFileSync(file, 'utf8').trim()).toBe(key);
  });

  it('gives different folders different keys', () => {
    expect(devIdKey(join(scratch(), 'k'))).not.toBe(devIdKey(join(scratch(), 'k')));
  });
});
