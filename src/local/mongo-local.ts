import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { type OwnedProcess, spawnOwned } from './child.js';
import { canConnect, freePort, waitUntil } from './net.js';
import { createLocalPostgresDb, type LocalPostgresDb } from './postgres-local.js';
import { which } from './which.js';

export interface LocalMongo {
  /** Base URI without a database name, e.g. `mongodb://127.0.0.1:41234`. */
  readonly baseUri: string;
  readonly kind: 'mongod' | 'ferretdb';
  /** FerretDB's storage: SQLite files in the data folder, or a PostgreSQL database. */
  readonly backend: 'mongod' | StoreBackend;
  /** Pid of the guard process that owns the server (for CPU accounting in benchmarks). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

const FERRETDB_VERSION = 'v1.24.2';

const goBinDirs = (): string[] => [join(homedir(), 'go', 'bin'), '/usr/local/go/bin', '/root/go/bin'];

const ferretdbWorks = (bin: string): boolean => {
  try {
    return execFileSync(bin, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).includes(`version: ${FERRETDB_VERSION}`);
  } catch {
    return false;
  }
};

/** Finds FerretDB v1.24.2, installing it with `go install` (scripts/install-ferretdb.sh) when missing. */
export const ensureFerretdb = (projectRoot: string): string => {
  const found = which('ferretdb', goBinDirs());
  if (found && ferretdbWorks(found)) return found;
  const script = join(projectRoot, 'scripts', 'install-ferretdb.sh');
  const out = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const bin = out.trim().split('\n').pop() ?? '';
  if (!bin || !ferretdbWorks(bin))
    throw new Error(`FerretDB install did not produce a working binary (${bin})`);
  return bin;
};

/** FerretDB's storage backends. */
export type StoreBackend = 'sqlite' | 'postgresql';

/** Reads a backend choice (`auto`, `sqlite`, `postgresql`) given by a script's environment. */
export const storeBackendFromEnv = (v: string | undefined): 'auto' | StoreBackend => {
  if (v === undefined || v === '' || v === 'auto') return 'auto';
  if (v === 'sqlite' || v === 'postgresql') return v;
  throw new Error(`MALLBOT_STORE must be auto, sqlite or postgresql, not "${v}"`);
};

/**
 * Makes a MongoDB-compatible server available on a free loopback port: `mongod` when it is on
 * PATH, otherwise FerretDB, on PostgreSQL when `backend` allows it and a PostgreSQL server answers
 * on 127.0.0.1:5432 (see README, "Benchmarks", for why), else on SQLite files in `dataDir`.
 * `backend`: `auto` (the default), or one of them forced (`postgresql` fails without a server).
 * `persistent`: keep the PostgreSQL database between runs, as the SQLite files are (dev mode).
 * The server stops with `stop()` or, at the latest, when this process exits.
 */
export const startLocalMongo = async (
  projectRoot: string,
  dataDir: string,
  backend: 'auto' | StoreBackend = 'auto',
  persistent = false,
): Promise<LocalMongo> => {
  const port = await freePort();
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  let proc: OwnedProcess;
  let kind: LocalMongo['kind'];
  let used: LocalMongo['backend'] = 'mongod';
  let pg: LocalPostgresDb | undefined;
  const mongod = backend === 'auto' ? which('mongod') : undefined;
  if (mongod) {
    kind = 'mongod';
    const dbPath = join(dir, 'mongod');
    mkdirSync(dbPath, { recursive: true });
    proc = spawnOwned(
      mongod,
      ['--dbpath', dbPath, '--port', String(port), '--bind_ip', '127.0.0.1'],
      join(dir, 'mongod.log'),
    );
  } else {
    kind = 'ferretdb';
    const bin = ensureFerretdb(projectRoot);
    pg = backend === 'sqlite' ? undefined : await createLocalPostgresDb(dir, persistent);
    if (backend === 'postgresql' && !pg) throw new Error('no PostgreSQL server answers on 127.0.0.1:5432');
    const sqliteDir = join(dir, 'sqlite');
    if (!pg) mkdirSync(sqliteDir, { recursive: true });
    used = pg ? 'postgresql' : 'sqlite';
    proc = spawnOwned(
      bin,
      [
        ...(pg
          ? ['--handler=postgresql', `--postgresql-url=${pg.url}`]
          : ['--handler=sqlite', `--sqlite-url=file:${sqliteDir}/`]),
        `--listen-addr=127.0.0.1:${port}`,
        '--debug-addr=-',
        '--telemetry=disable',
        `--state-dir=${dir}`,
        '--log-level=warn',
      ],
      join(dir, 'ferretdb.log'),
    );
  }
  let exitedEarly = false;
  void proc.exited.then(() => {
    exitedEarly = true;
  });
  await waitUntil(
    async () => {
      if (exitedEarly) throw new Error(`${kind} exited during startup; see ${join(dir, `${kind}.log`)}`);
      return canConnect(port);
    },
    30_000,
    kind,
  );
  return {
    baseUri: `mongodb://127.0.0.1:${port}`,
    kind,
    backend: used,
    pid: proc.pid,
    async stop() {
      await proc.stop();
      pg?.drop();
    },
  };
};
