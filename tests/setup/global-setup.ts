import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { type LocalServices, startLocalServices } from '../../src/local/local-services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoBaseUri: string;
    redisUrl: string;
  }
}

let services: LocalServices | undefined;

/**
 * Starts the embedded services once for the integration run, in their own data folder
 * (.data/test), so tests never touch a user's data and can run while `npm run dev` is up.
 * TEST_MONGODB_URI / TEST_REDIS_URL point the tests at servers of your own instead.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = resolve(import.meta.dirname, '..', '..');
  const givenMongo = process.env.TEST_MONGODB_URI;
  services = await startLocalServices({
    projectRoot: root,
    dataDir: resolve(root, '.data', 'test'),
    mongodbUri: givenMongo,
    redisUrl: process.env.TEST_REDIS_URL,
  });
  project.provide('mongoBaseUri', services.mongoBaseUri ?? (givenMongo ?? '').replace(/\/[^/]*$/, ''));
  project.provide('redisUrl', services.redisUrl);
  return async () => {
    await services?.stop();
  };
}
