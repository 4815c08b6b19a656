import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

const filesUnder = (dir: string): string[] =>
  readdirSync(join(ROOT, dir)).flatMap((name) => {
    const p = join(dir, name);
    return statSync(join(ROOT, p)).isDirectory() ? filesUnder(p) : p.endsWith('.ts') ? [p] : [];
  });

/** Every module a file imports, as a path from the repository root (packages as their name). */
const importsOf = (file: string, withTypes = true): string[] =>
  [...readFileSync(join(ROOT, file), 'utf8').matchAll(/^import( type)?[^'"]*['"]([^'"]+)['"]/gm)]
    .filter((m) => withTypes || !m[1])
    .map((m) => {
      const spec = m[2] ?? '';
      return spec.startsWith('.') ? relative(ROOT, resolve(ROOT, file, '..', spec)) : spec;
    });

const violations = (dir: string, forbidden: readonly RegExp[], withTypes = true): string[] =>
  filesUnder(dir).flatMap((f) =>
    importsOf(f, withTypes)
      .filter((i) => forbidden.some((re) => re.test(i)))
      .map((i) => `${f} imports ${i}`),
  );

/**
 * The dependency rules of STYLE.md §2.2, enforced: the domain owns its vocabulary and decides,
 * talking to the world through ports; models import the domain, never the reverse; presenters
 * are pure.
 */
describe('architecture', () => {
  it('src/domain imports no framework, store, queue, platform, handler, job, card or notifier', () => {
    expect(
      violations('src/domain', [
        /^(mongoose|bullmq|ioredis|koa|@koa\/router)$/,
        /^src\/(persistence|queue|platforms|http|outbound|notify|desk|inbound|state)\//,
        /^(handlers|jobs|cards)\//,
      ]),
    ).toEqual([]);
  });

  it('cards are pure presenters: no store, queue, platform client or network (types aside)', () => {
    expect(
      violations(
        'cards',
        [
          /^(mongoose|bullmq|ioredis|koa)$/,
          /^src\/(persistence|queue|outbound|notify|desk|state)\//,
          /^src\/platforms\/.*\.client/,
          /^node:(http|https|net)$/,
        ],
        false,
      ),
    ).toEqual([]);
  });

  it('models take their vocabulary from the domain, and the domain never reads a model', () => {
    const models = filesUnder('src/persistence/models');
    expect(models.length).toBeGreaterThan(5);
    expect(violations('src/domain', [/^src\/persistence\/models\//])).toEqual([]);
    for (const m of ['complaint', 'repair', 'approval']) {
      expect(
        importsOf(`src/persistence/models/${m}.model.ts`).some((i) => i.startsWith(`src/domain/${m}/`)),
      ).toBe(true);
    }
  });

  it('handlers never reach into persistence, the queue or the platforms directly', () => {
    expect(
      violations('handlers', [
        /^(mongoose|bullmq|ioredis)$/,
        /^src\/(persistence\/models|queue|platforms\/.*\.client)/,
      ]),
    ).toEqual([]);
  });
});
