import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Redis } from 'ioredis';
import type { Db } from '../../src/persistence/db.js';

/** Deletes every Redis key under a prefix (a benchmark's own keys). */
export const deleteKeys = async (redis: Redis, prefix: string): Promise<void> => {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
};

const pkgVersion = (root: string, name: string): string => {
  try {
    return String(
      (
        JSON.parse(readFileSync(resolve(root, 'node_modules', name, 'package.json'), 'utf8')) as {
          version?: string;
        }
      ).version,
    );
  } catch {
    return 'unknown';
  }
};

/** What the figures were measured with: Node, Redis, the store, the libraries on the hot path. */
export const versions = async (
  root: string,
  redis: Redis,
  db: Db,
  backend: string,
): Promise<Record<string, string>> => {
  const info = await redis.info('server');
  const build = (await db.conn.db?.command({ buildInfo: 1 })) as {
    version?: string;
    ferretdbVersion?: string;
  };
  return {
    node: process.version,
    redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
    store: build.ferretdbVersion
      ? `FerretDB ${build.ferretdbVersion} (${backend})`
      : `MongoDB ${build.version}`,
    mongodb_compat: String(build.version),
    ...Object.fromEntries(
      [
        'bullmq',
        'ioredis',
        'mongoose',
        'mongodb',
        'koa',
        '@koa/router',
        'fast-xml-parser',
        'zod',
        'pino',
      ].map((n) => [n, pkgVersion(root, n)]),
    ),
  };
};
