import { resolve } from 'node:path';
import { ConfigError } from '../src/config/env.js';
import { DEV_ADMIN_TOKEN, type DevStack, startDevStack } from './dev-stack.js';
import { ROOT } from './local-env.js';

/**
 * `npm run dev`: the whole bot on this machine with embedded defaults (see startDevStack), and a
 * banner with the chat console's address and the emulators' control API. Ctrl-C stops everything
 * it started.
 */
let stack: DevStack;
try {
  stack = await startDevStack({
    env: process.env,
    // MALLBOT_DATA_DIR lets a second instance (or a test of this command) keep its own data.
    dataDir: process.env.MALLBOT_DATA_DIR ?? resolve(ROOT, '.data', 'dev'),
    installSignalHandlers: true,
    exit: (code) => process.exit(code),
  });
} catch (e) {
  process.stderr.write(`${e instanceof ConfigError ? e.message : String(e)}\n`);
  process.exit(1);
}

const { running, config, services, redisUrl, wecom, dingtalk, seeded } = stack;
const lines = [
  '',
  `  mallbot is up: ${running.url}   (readiness: ${running.url}/readyz)`,
  `  console: ${stack.consoleUrl}`,
  `  dashboard: ${running.url}/dashboard/  (as staff, send 登录后台 in the console for a login link)`,
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
