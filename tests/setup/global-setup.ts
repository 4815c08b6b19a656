import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { type LocalServices, startLocalServices } from '../../src/local/local-services.js';
import { storeBackendFromEnv } from '../../src/local/mongo-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoBaseUri: string;
    redisUrl: string;
    /** `sqlite`, `postgresql` (FerretDB), `mongod`, or `given` (TEST_MONGODB_URI). */
    storeBackend: string;
  }
}

let services: LocalServices | undefined;

/**
 * Starts the embedded services once for the integration run, in a data folder of this run's own
 * (.data/test/<run>, removed afterwards), so tests never touch a user's data, can run while
 * `npm run dev` or another test run is up, and never inherit a half-written store.
 * TEST_MONGODB_URI / TEST_REDIS_URL point the tests at servers of your own instead; MALLBOT_STORE
 * (`auto`, `sqlite`, `postgresql`) picks FerretDB's storage.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = resolve(import.meta.dirname, '..', '..');
  const givenMongo = process.env.TEST_MONGODB_URI;
  const dataDir = resolve(root, '.data', 'test', `run-${Date.now()}-${randomBytes(3).toString('hex')}`);
  services = await startLocalServices({
    projectRoot: root,
    dataDir,
    mongodbUri: givenMongo,
    redisUrl: process.env.TEST_REDIS_URL,
    storeBackend: storeBackendFromEnv(process.env.MALLBOT_STORE),
  });
  project.provide('mongoBaseUri', services.mongoBaseUri ?? (givenMongo ?? '').replace(/\/[^/]*$/, ''));
  project.provide('redisUrl', services.redisUrl);
  project.provide('storeBackend', services.mongoBackend);
  return async () => {
    await services?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
