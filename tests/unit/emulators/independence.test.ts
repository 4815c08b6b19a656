import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../../emulators');

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

describe('the emulators stand for the platforms, not for us', () => {
  it('import nothing from the app (src/, handlers/, cards/, jobs/)', () => {
    const offending = files(ROOT).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/from '((?:\.\.\/)+(?:src|handlers|cards|jobs)\/[^']*)'/g)].map(
        (m) => `${f.slice(ROOT.length + 1)}: ${m[1]}`,
      ),
    );
    expect(offending).toEqual([]);
  });
});
