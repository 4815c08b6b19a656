import { join } from 'node:path';
import { type LocalMongo, type StoreBackend, startLocalMongo } from './mongo-local.js';
import { type LocalRedis, startLocalRedis } from './redis-local.js';

export interface LocalServicesOptions {
  readonly projectRoot: string;
  /** Folder for the embedded servers' data, e.g. `.data/dev` or `.data/test`. */
  readonly dataDir: string;
  /** Given: use it. Missing: start a local one. */
  readonly mongodbUri?: string | undefined;
  readonly redisUrl?: string | undefined;
  /** FerretDB's storage when a local server is started (see startLocalMongo); `auto` by default. */
  readonly storeBackend?: 'auto' | StoreBackend | undefined;
  /** Keep the store's data between runs (dev mode); tests and benchmarks start empty. */
  readonly persistent?: boolean;
}

export interface LocalServices {
  /** Server URI without database name when local, or the given URI as is. */
  readonly mongoBaseUri: string | undefined;
  readonly mongodbUri: string | undefined;
  readonly redisUrl: string;
  readonly mongoKind: 'given' | LocalMongo['kind'];
  /** What stores the data: `given` (a server of the caller's), `mongod`, `sqlite` or `postgresql`. */
  readonly mongoBackend: 'given' | LocalMongo['backend'];
  stop(): Promise<void>;
}

/**
 * The embedded default shared by `npm run dev` and the test suite: a MongoDB-compatible server
 * and Redis, started here unless the caller already has them.
 */
export const startLocalServices = async (opts: LocalServicesOptions): Promise<LocalServices> => {
  const [mongo, redis] = await Promise.all([
    opts.mongodbUri
      ? undefined
      : startLocalMongo(
          opts.projectRoot,
          join(opts.dataDir, 'mongo'),
          opts.storeBackend ?? 'auto',
          opts.persistent ?? false,
        ),
    opts.redisUrl
      ? ({ url: opts.redisUrl, owned: false, stop: async () => {} } satisfies LocalRedis)
      : startLocalRedis(join(opts.dataDir, 'redis')),
  ]);
  return {
    mongoBaseUri: mongo?.baseUri,
    mongodbUri: opts.mongodbUri,
    redisUrl: redis.url,
    mongoKind: mongo ? mongo.kind : 'given',
    mongoBackend: mongo ? mongo.backend : 'given',
    async stop() {
      await Promise.allSettled([mongo?.stop(), redis.stop()]);
    },
  };
};
