import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { canConnect } from './net.js';
import { which } from './which.js';

/** Where a PostgreSQL server is looked for: the usual local one, trust authentication. */
const PG_HOST = '127.0.0.1';
const PG_PORT = 5432;

export interface LocalPostgresDb {
  /** The URL FerretDB's `--postgresql-url` takes. */
  readonly url: string;
  /** Drops the database (after FerretDB has stopped). */
  drop(): void;
}

const psql = (bin: string, user: string, sql: string): void => {
  execFileSync(bin, ['-h', PG_HOST, '-p', String(PG_PORT), '-U', user, '-d', 'postgres', '-qAtc', sql], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 10_000,
  });
};

/**
 * A PostgreSQL database for one FerretDB instance, when a server answers on 127.0.0.1:5432 and
 * `psql` is installed (trust authentication, as a development machine has it); undefined
 * otherwise. `persistent` (dev mode): one database per data folder, kept between runs. Otherwise
 * a fresh database, dropped by `drop()`.
 */
export const createLocalPostgresDb = async (
  dataDir: string,
  persistent: boolean,
  user = 'postgres',
): Promise<LocalPostgresDb | undefined> => {
  const bin = which('psql');
  if (!bin || !(await canConnect(PG_PORT, PG_HOST))) return undefined;
  const folder = createHash('sha1').update(dataDir).digest('hex').slice(0, 8);
  const name = `mallbot_${folder}${persistent ? '' : `_${randomBytes(3).toString('hex')}`}`;
  try {
    psql(bin, user, `CREATE DATABASE ${name}`);
  } catch (e) {
    const already = e instanceof Error && /already exists/.test(String((e as { stderr?: unknown }).stderr));
    if (!(persistent && already)) return undefined;
  }
  return {
    url: `postgres://${user}@${PG_HOST}:${PG_PORT}/${name}`,
    drop: () => {
      if (persistent) return;
      try {
        psql(bin, user, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } catch {
        // Best effort: a leftover database only takes disk space.
      }
    },
  };
};
