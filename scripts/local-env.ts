import { resolve } from 'node:path';
import { type LocalServices, startLocalServices } from '../src/local/local-services.js';

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
  });
  return {
    services,
    mongodbUri: process.env.MONGODB_URI ?? `${services.mongoBaseUri}/mallbot`,
    redisUrl: services.redisUrl,
  };
};
