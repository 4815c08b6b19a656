import { resolve } from 'node:path';
import { type LocalServices, startLocalServices } from '../src/local/local-services.js';
import { storeBackendFromEnv } from '../src/local/mongo-local.js';

export const ROOT = resolve(import.meta.dirname, '..');

/**
 * The embedded default for the dev and seed commands: MONGODB_URI / REDIS_URL from the
 * environment when given, otherwise local FerretDB (or mongod) and Redis in .data/dev.
 */
export const localStores = async (
  dataDir: string = process.env.MALLBOT_DATA_DIR ?? resolve(ROOT, '.data', 'dev'),
): Promise<{
  services: LocalServices;
  mongodbUri: string;
  redisUrl: string;
}> => {
  const services = await startLocalServices({
    projectRoot: ROOT,
    // MALLBOT_DATA_DIR lets a second instance (or a test of this command) keep its own data.
    dataDir,
    mongodbUri: process.env.MONGODB_URI,
    redisUrl: process.env.REDIS_URL,
    storeBackend: storeBackendFromEnv(process.env.MALLBOT_STORE),
    // The default dev folder keeps its PostgreSQL database between runs; another folder (a test of
    // this command) gets a fresh one that is dropped when it stops.
    persistent: process.env.MALLBOT_DATA_DIR === undefined,
  });
  return {
    services,
    mongodbUri: process.env.MONGODB_URI ?? `${services.mongoBaseUri}/mallbot`,
    redisUrl: services.redisUrl,
  };
};
