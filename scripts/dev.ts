import { DingTalkEmulator } from '../emulators/dingtalk/dingtalk-emulator.js';
import { WeComEmulator } from '../emulators/wecom/wecom-emulator.js';
import { runApp } from '../src/app/run.js';
import { ConfigError, loadConfig, secretValues } from '../src/config/env.js';
import { systemClock } from '../src/lib/clock.js';
import { createLogger } from '../src/lib/logger.js';
import { PeopleRepository } from '../src/persistence/repositories/people.repository.js';
import { ShopRepository } from '../src/persistence/repositories/shop.repository.js';
import { DEMO_STAFF, DEMO_TENANT_UNITS, seedDemoMall } from '../src/seed/demo-mall.js';
import { ensureChartFont } from './install-fonts.js';
import { localStores } from './local-env.js';

/**
 * `npm run dev`: the whole bot on this machine with embedded defaults. Local FerretDB (or mongod)
 * and Redis, the WeCom emulator standing in for WeCom, the demo mall seeded, and web + workers +
 * schedulers in this one process. Ctrl-C stops everything it started.
 */
const DEV_ADMIN_TOKEN = 'dev-admin-token-change-me';

const { services, mongodbUri, redisUrl } = await localStores();
ensureChartFont(process.env.CHART_FONT_FILE);
/** Every demo account the seed binds, known to both emulators. */
const DEMO_USERS = [
  ...DEMO_STAFF.map((s) => s.account),
  ...DEMO_TENANT_UNITS.map((u) => `tenant-${u.toLowerCase()}`),
];
const realWeCom = Boolean(process.env.WECOM_CORP_ID);
const wecom = realWeCom
  ? undefined
  : await new WeComEmulator({
      corpId: 'wwdevmall0001',
      corpSecret: 'dev-secret-not-real',
      agentId: 1000002,
      token: 'devtoken',
      encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
      users: DEMO_USERS,
    }).start();

const realDingTalk = Boolean(process.env.DINGTALK_APP_KEY);
const dingtalk = realDingTalk
  ? undefined
  : await new DingTalkEmulator({
      appKey: 'dingdevmall0001',
      appSecret: 'dev-dingtalk-secret-not-real',
      robotCode: 'dingdevmall0001',
      users: DEMO_USERS,
    }).start();

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig({
    NODE_ENV: 'development',
    PORT: '3000',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ADMIN_TOKEN: DEV_ADMIN_TOKEN,
    // The movable clock: POST /api/dev/clock moves time for reminders, escalations and digests.
    DEV_CLOCK: '1',
    ...(wecom ? wecom.botEnv() : {}),
    // Stream mode, plus the HTTP routes so the emulator's "via":"http" works too.
    ...(dingtalk ? { ...dingtalk.botEnv(true), DINGTALK_HTTP_CALLBACKS: 'true' } : {}),
    ...process.env,
    MONGODB_URI: mongodbUri,
    REDIS_URL: redisUrl,
  });
} catch (e) {
  if (e instanceof ConfigError) process.stderr.write(`${e.message}\n`);
  await wecom?.stop();
  await dingtalk?.stop();
  await services.stop();
  process.exit(1);
}

const logger = createLogger({ level: config.logLevel, secrets: secretValues(config) });
const running = await runApp(config, {
  logger,
  installSignalHandlers: true,
  exit: (code) => {
    void Promise.allSettled([wecom?.stop(), dingtalk?.stop(), services.stop()]).then(() =>
      process.exit(code),
    );
  },
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

const lines = [
  '',
  `  mallbot is up: ${running.url}   (readiness: ${running.url}/readyz)`,
  `  store: ${services.mongoKind === 'given' ? 'MONGODB_URI' : services.mongoKind} · redis: ${redisUrl} · demo mall: ${seeded.shops} shops, ${seeded.staff} staff, ${seeded.tenants} tenants`,
  ...(wecom
    ? [
        `  WeCom emulator: ${wecom.url}  (chat as a tenant or staff member through its control API)`,
        `    curl -s -XPOST ${wecom.url}/_emu/send -d '{"userId":"tenant-b1-23","text":"铺里漏水了"}'`,
        `    curl -s ${wecom.url}/_emu/inbox/tenant-b1-23`,
      ]
    : ['  WeCom: real platform (WECOM_* set)']),
  ...(dingtalk
    ? [
        `  DingTalk emulator: ${dingtalk.url}  (Stream mode; messages by HTTP callback or over the Stream)`,
        `    curl -s -XPOST ${dingtalk.url}/_emu/send -d '{"userId":"tenant-a1023","text":"205铺空调不制冷","via":"stream"}'`,
        `    curl -s ${dingtalk.url}/_emu/inbox/tenant-a1023`,
      ]
    : ['  DingTalk: real platform (DINGTALK_* set)']),
  `  admin API token: ${config.adminToken === DEV_ADMIN_TOKEN ? DEV_ADMIN_TOKEN : '(from ADMIN_TOKEN)'}`,
  ...(config.devClock
    ? [
        `  dev clock: curl -s -XPOST ${running.url}/api/dev/clock -H 'authorization: Bearer <admin token>' -d '{"advanceMinutes":180}'`,
      ]
    : []),
  '  Ctrl-C stops the bot, the emulator and every local service it started.',
  '',
];
process.stdout.write(`${lines.join('\n')}\n`);
