import { randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import {
  DingTalkEmulator,
  type DingTalkEmulatorOptions,
} from '../../emulators/dingtalk/dingtalk-emulator.js';
import { WeComEmulator, type WeComEmulatorOptions } from '../../emulators/wecom/wecom-emulator.js';
import type { DepsOverrides } from '../../src/app/container.js';
import type { AppDeps } from '../../src/app/deps.js';
import { type Running, runApp } from '../../src/app/run.js';
import { type Config, loadConfig, secretValues } from '../../src/config/env.js';
import type { AppState } from '../../src/http/app-state.js';
import type { Clock } from '../../src/lib/clock.js';
import { createLogger } from '../../src/lib/logger.js';
import type { StaticPages } from '../../web/server/static-pages.js';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestBotOptions {
  readonly wecom?: boolean | WeComEmulatorOptions;
  /** A DingTalk emulator; `stream` selects Stream mode instead of HTTP callbacks. */
  readonly dingtalk?: { readonly stream: boolean; readonly emulator?: DingTalkEmulatorOptions };
  /** Extra environment; a function receives the started emulators (for URLs on their ports). */
  readonly env?:
    | Readonly<Record<string, string>>
    | ((emus: { wecom?: WeComEmulator; dingtalk?: DingTalkEmulator }) => Readonly<Record<string, string>>);
  readonly clock?: Clock;
  readonly overrides?: DepsOverrides;
  /** More routes on the web role, given the emulators (the browser tests mount the chat console). */
  readonly extraRouters?: (
    deps: AppDeps,
    emulators: { readonly wecom?: WeComEmulator; readonly dingtalk?: DingTalkEmulator },
  ) => readonly Router<AppState>[];
  /** Passed to runApp: ends long-lived responses (the console's feeds) before HTTP closes. */
  readonly beforeHttpClose?: () => void;
  /** Collects every log line (at debug level) instead of discarding them. */
  readonly logLines?: string[];
  /** The built web pages the dashboard serves (the browser tests build their own). */
  readonly webPages?: StaticPages;
}

export interface TestBot {
  /** The current process (replaced by `restart`). */
  readonly running: Running;
  readonly config: Config;
  readonly wecom: WeComEmulator | undefined;
  readonly dingtalk: DingTalkEmulator | undefined;
  readonly url: string;
  readonly dbName: string;
  readonly prefix: string;
  /** Stops the bot process and starts a new one on the same database and Redis prefix. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Deletes every Redis key of one test's prefix. */
export const deleteKeys = async (redisUrl: string, prefix: string): Promise<void> => {
  const redis = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
};

/** Fresh names per test: database `test_<id>` and Redis prefix `t<id>`. */
export const testNames = () => {
  const id = randomBytes(5).toString('hex');
  return { dbName: `test_${id}`, prefix: `t${id}` };
};

/**
 * The whole bot in-process (web, workers, schedulers) against the real FerretDB and Redis, with
 * the platform emulators on loopback. Each test bot has its own database and Redis prefix.
 */
export const startTestBot = async (opts: TestBotOptions = {}): Promise<TestBot> => {
  const { dbName, prefix } = testNames();
  const redisUrl = inject('redisUrl');
  const wecom = opts.wecom
    ? await new WeComEmulator(typeof opts.wecom === 'object' ? opts.wecom : {}).start()
    : undefined;
  const dingtalk = opts.dingtalk
    ? await new DingTalkEmulator({ pingMs: 300, redeliverMs: 3000, ...opts.dingtalk.emulator }).start()
    : undefined;
  const config = loadConfig({
    NODE_ENV: 'test',
    MONGODB_URI: `${inject('mongoBaseUri')}/${dbName}`,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    PORT: '0',
    HOST: '127.0.0.1',
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    SHUTDOWN_TIMEOUT_MS: '15000',
    ...(wecom ? wecom.botEnv() : {}),
    ...(dingtalk ? dingtalk.botEnv(opts.dingtalk?.stream ?? false) : {}),
    ...(typeof opts.env === 'function'
      ? opts.env({ ...(wecom ? { wecom } : {}), ...(dingtalk ? { dingtalk } : {}) })
      : opts.env),
  });
  const lines = opts.logLines;
  const logger = lines
    ? createLogger({
        level: 'debug',
        secrets: secretValues(config),
        destination: { write: (l) => lines.push(l) },
      })
    : createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const start = () =>
    runApp(config, {
      logger,
      exit: () => {},
      overrides: { wecomRetryDelaysMs: [50, 100], dingtalkRetryDelaysMs: [50, 100], ...opts.overrides },
      streamOptions: { baseBackoffMs: 100, maxBackoffMs: 1000, watchdogMs: 1500 },
      ...(opts.clock ? { clock: opts.clock } : {}),
      ...(opts.extraRouters
        ? { extraRouters: (deps: AppDeps) => opts.extraRouters?.(deps, { wecom, dingtalk }) ?? [] }
        : {}),
      ...(opts.beforeHttpClose ? { beforeHttpClose: opts.beforeHttpClose } : {}),
      ...(opts.webPages ? { webPages: opts.webPages } : {}),
    });
  let running = await start();
  const point = () => {
    if (wecom) wecom.callbackUrl = `${running.url}/webhooks/wecom`;
    if (dingtalk) {
      dingtalk.callbackUrl = `${running.url}/webhooks/dingtalk`;
      dingtalk.cardCallbackUrl = `${running.url}/webhooks/dingtalk/cards`;
      dingtalk.eventCallbackUrl = `${running.url}/webhooks/dingtalk/events`;
    }
  };
  point();
  return {
    get running() {
      return running;
    },
    config,
    wecom,
    dingtalk,
    get url() {
      return running.url;
    },
    dbName,
    prefix,
    async restart() {
      await running.close();
      running = await start();
      point();
    },
    async close() {
      await running.deps.db.conn.dropDatabase().catch(() => {});
      await running.close();
      await wecom?.stop();
      await dingtalk?.stop();
      await deleteKeys(redisUrl, prefix);
    },
  };
};
