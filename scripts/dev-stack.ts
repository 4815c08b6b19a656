import { resolve } from 'node:path';
import { DingTalkEmulator } from '../emulators/dingtalk/dingtalk-emulator.js';
import { WeComEmulator } from '../emulators/wecom/wecom-emulator.js';
import { type Running, runApp } from '../src/app/run.js';
import { type Config, ConfigError, loadConfig, secretValues } from '../src/config/env.js';
import { systemClock } from '../src/lib/clock.js';
import { createLogger } from '../src/lib/logger.js';
import type { LocalServices } from '../src/local/local-services.js';
import { PeopleRepository } from '../src/persistence/repositories/people.repository.js';
import { ShopRepository } from '../src/persistence/repositories/shop.repository.js';
import { DEMO_STAFF, DEMO_TENANT_UNITS, type SeedResult, seedDemoMall } from '../src/seed/demo-mall.js';
import { buildWeb } from '../web/build.js';
import { consoleMount } from '../web/server/console-mount.js';
import { StaticPages } from '../web/server/static-pages.js';
import { devIdKey } from './dev-id-key.js';
import { ensureChartFont } from './install-fonts.js';
import { localStores } from './local-env.js';

/** The admin token dev mode uses unless ADMIN_TOKEN is set (printed in the banner). */
export const DEV_ADMIN_TOKEN = 'dev-admin-token-change-me';

/** Every demo account the seed binds, known to both emulators. */
export const DEMO_USERS = [
  ...DEMO_STAFF.map((s) => s.account),
  ...DEMO_TENANT_UNITS.map((u) => `tenant-${u.toLowerCase()}`),
];

export interface DevStackOptions {
  /** The environment to read (process.env for `npm run dev`); embedded defaults fill the gaps. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Local FerretDB/Redis data and the web build go here. */
  readonly dataDir: string;
  readonly installSignalHandlers: boolean;
  readonly exit: (code: number) => void;
}

export interface DevStack {
  readonly running: Running;
  readonly config: Config;
  readonly services: LocalServices;
  readonly redisUrl: string;
  readonly wecom: WeComEmulator | undefined;
  readonly dingtalk: DingTalkEmulator | undefined;
  readonly seeded: SeedResult;
  /** Where the chat console answers. */
  readonly consoleUrl: string;
  stop(): Promise<void>;
}

/**
 * The whole bot on this machine, as `npm run dev` runs it: local stores, the WeCom and DingTalk
 * emulators (unless a real platform is configured), the web pages built, web + workers +
 * schedulers in this process with the chat console on the web role, and the demo mall seeded.
 * The README screenshot script starts the same stack in a scratch folder.
 */
export const startDevStack = async (o: DevStackOptions): Promise<DevStack> => {
  const { services, mongodbUri, redisUrl } = await localStores(o.dataDir);
  ensureChartFont(o.env.CHART_FONT_FILE);
  const wecom = o.env.WECOM_CORP_ID
    ? undefined
    : await new WeComEmulator({
        corpId: 'wwdevmall0001',
        corpSecret: 'dev-secret-not-real',
        agentId: 1000002,
        token: 'devtoken',
        encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
        users: DEMO_USERS,
      }).start();
  const dingtalk = o.env.DINGTALK_APP_KEY
    ? undefined
    : await new DingTalkEmulator({
        appKey: 'dingdevmall0001',
        appSecret: 'dev-dingtalk-secret-not-real',
        robotCode: 'dingdevmall0001',
        users: DEMO_USERS,
      }).start();
  const stopAll = () => Promise.allSettled([wecom?.stop(), dingtalk?.stop(), services.stop()]);

  let config: Config;
  try {
    config = loadConfig({
      NODE_ENV: 'development',
      PORT: '3000',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ADMIN_TOKEN: DEV_ADMIN_TOKEN,
      // The movable clock: POST /api/dev/clock moves time for reminders, escalations and digests.
      DEV_CLOCK: '1',
      // Outside borrowers' ID numbers are kept encrypted, as in production.
      ID_ENCRYPTION_KEY: devIdKey(resolve(o.dataDir, 'id-encryption.key')),
      // DingTalk image messages link to photos stored by this bot.
      PUBLIC_BASE_URL: `http://127.0.0.1:${o.env.PORT ?? '3000'}`,
      ...(wecom ? wecom.botEnv() : {}),
      // Stream mode, plus the HTTP routes so the emulator's "via":"http" works too.
      ...(dingtalk ? { ...dingtalk.botEnv(true), DINGTALK_HTTP_CALLBACKS: 'true' } : {}),
      ...o.env,
      MONGODB_URI: mongodbUri,
      REDIS_URL: redisUrl,
    });
  } catch (e) {
    await stopAll();
    throw e instanceof ConfigError ? e : new Error(String(e));
  }

  const pages = new StaticPages(await buildWeb(resolve(o.dataDir, 'ui')));
  const logger = createLogger({ level: config.logLevel, secrets: secretValues(config) });
  const mount = consoleMount({
    pages,
    emulators: { ...(wecom ? { wecom: wecom.url } : {}), ...(dingtalk ? { dingtalk: dingtalk.url } : {}) },
    dingtalkVia: config.dingtalk?.stream ? 'stream' : 'http',
  });
  const running = await runApp(config, {
    logger,
    installSignalHandlers: o.installSignalHandlers,
    exit: (code) => void stopAll().then(() => o.exit(code)),
    ...mount,
    webPages: pages,
  });
  if (wecom) wecom.callbackUrl = `${running.url}/webhooks/wecom`;
  if (dingtalk) {
    dingtalk.callbackUrl = `${running.url}/webhooks/dingtalk`;
    dingtalk.cardCallbackUrl = `${running.url}/webhooks/dingtalk/cards`;
  }
  const seeded = await seedDemoMall(
    running.deps.db,
    new ShopRepository(running.deps.db.models),
    new PeopleRepository(running.deps.db.models, systemClock),
  );
  return {
    running,
    config,
    services,
    redisUrl,
    wecom,
    dingtalk,
    seeded,
    consoleUrl: `${running.url}/console`,
    async stop() {
      await running.close();
      await stopAll();
    },
  };
};
