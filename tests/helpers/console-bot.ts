import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type Router from '@koa/router';
import { DEMO_USERS } from '../../scripts/dev-stack.js';
import type { AppState } from '../../src/http/app-state.js';
import type { Clock } from '../../src/lib/clock.js';
import { PeopleRepository } from '../../src/persistence/repositories/people.repository.js';
import { ShopRepository } from '../../src/persistence/repositories/shop.repository.js';
import { seedDemoMall } from '../../src/seed/demo-mall.js';
import { buildWeb } from '../../web/build.js';
import { consoleMount } from '../../web/server/console-mount.js';
import { StaticPages } from '../../web/server/static-pages.js';
import { ROOT } from './spawn.js';
import { startTestBot, type TestBot } from './test-bot.js';

export interface ConsoleBot {
  readonly bot: TestBot;
  /** `http://127.0.0.1:<port>/console` */
  readonly consoleUrl: string;
  close(): Promise<void>;
}

/**
 * The whole bot as dev mode runs it for the console: both emulators with every demo account
 * (DingTalk in Stream mode), the web pages freshly built into a scratch folder, the console on the
 * web role and the demo mall seeded; on this test's own database and Redis prefix.
 */
export const startConsoleBot = async (
  opts: {
    clock?: Clock;
    routers?: readonly Router<AppState>[];
    /** More bot environment (the dashboard test's PUBLIC_BASE_URL and port, DEV_CLOCK). */
    env?: Readonly<Record<string, string>>;
  } = {},
): Promise<ConsoleBot> => {
  const outDir = resolve(ROOT, '.data', 'test', `ui-${randomBytes(4).toString('hex')}`);
  const pages = new StaticPages(await buildWeb(outDir));
  let mount: ReturnType<typeof consoleMount> | undefined;
  const bot = await startTestBot({
    wecom: { users: DEMO_USERS },
    dingtalk: { stream: true, emulator: { users: DEMO_USERS } },
    // Emulators stamp callbacks with the wall clock; a bot clock moved away from it would refuse
    // them as replays, so a test that moves the clock turns the replay window off.
    ...(opts.clock ? { clock: opts.clock } : {}),
    env: { ...(opts.clock ? { WEBHOOK_MAX_CLOCK_SKEW_S: '0' } : {}), ...opts.env },
    webPages: pages,
    extraRouters: (deps, emus) => {
      mount = consoleMount({
        pages,
        emulators: {
          ...(emus.wecom ? { wecom: emus.wecom.url } : {}),
          ...(emus.dingtalk ? { dingtalk: emus.dingtalk.url } : {}),
        },
        dingtalkVia: 'stream',
      });
      return [...(opts.routers ?? []), ...mount.extraRouters(deps)];
    },
    beforeHttpClose: () => mount?.beforeHttpClose(),
  });
  const db = bot.running.deps.db;
  await seedDemoMall(
    db,
    new ShopRepository(db.models),
    new PeopleRepository(db.models, bot.running.deps.clock),
  );
  return {
    bot,
    consoleUrl: `${bot.url}/console`,
    async close() {
      await bot.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
};
