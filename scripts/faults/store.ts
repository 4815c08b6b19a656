import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureFerretdb, type StoreBackend } from '../../src/local/mongo-local.js';
import { createLocalPostgresDb, type LocalPostgresDb } from '../../src/local/postgres-local.js';
import { type Cluster, type ProcSpec, portReady, redisReady } from './cluster.js';

/**
 * The suite's own store (FerretDB on a fixed loopback port, so it can be stopped and started
 * again with the same data) and its own Redis (AOF on, as production runs it).
 */
export const storeSpec = async (
  root: string,
  dir: string,
  port: number,
  backend: 'auto' | StoreBackend,
): Promise<{ spec: ProcSpec; backend: StoreBackend; pg: LocalPostgresDb | undefined }> => {
  const bin = ensureFerretdb(root);
  const pg = backend === 'sqlite' ? undefined : await createLocalPostgresDb(join(dir, 'store'), false);
  if (backend === 'postgresql' && !pg) throw new Error('no PostgreSQL server answers on 127.0.0.1:5432');
  const sqliteDir = join(dir, 'sqlite');
  mkdirSync(sqliteDir, { recursive: true });
  return {
    backend: pg ? 'postgresql' : 'sqlite',
    pg,
    spec: {
      name: 'store',
      cmd: bin,
      args: [
        ...(pg
          ? ['--handler=postgresql', `--postgresql-url=${pg.url}`]
          : ['--handler=sqlite', `--sqlite-url=file:${sqliteDir}/`]),
        `--listen-addr=127.0.0.1:${port}`,
        '--debug-addr=-',
        '--telemetry=disable',
        `--state-dir=${dir}`,
        '--log-level=warn',
      ],
      ready: portReady(port),
    },
  };
};

export const redisSpec = (dir: string, port: number): ProcSpec => {
  const data = join(dir, 'redis');
  mkdirSync(data, { recursive: true });
  return {
    name: 'redis',
    cmd: 'redis-server',
    args: [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      data,
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
    ],
    ready: redisReady(port),
  };
};

/** Starts the store and Redis of the suite. */
export const startInfra = async (cluster: Cluster, store: ProcSpec, redis: ProcSpec): Promise<void> => {
  await Promise.all([cluster.start(store), cluster.start(redis)]);
};
