import type Router from '@koa/router';
import type { AppDeps } from '../../src/app/deps.js';
import type { AppState } from '../../src/http/app-state.js';
import type { ConsolePlatform } from '../shared/console-api.js';
import { consoleRouter, webAssetsRouter } from './console.router.js';
import { demoPersonas } from './console-personas.js';
import type { StaticPages } from './static-pages.js';

export interface ConsoleMount {
  readonly pages: StaticPages;
  readonly emulators: Readonly<Partial<Record<ConsolePlatform, string>>>;
  readonly dingtalkVia: 'stream' | 'http';
}

/**
 * The routes the dev-mode web role adds for the chat console, reading the bot's own clock, zone
 * and admin token from its deps (pass to `runApp`'s `extraRouters`).
 */
export const consoleRouters =
  (m: ConsoleMount) =>
  (deps: AppDeps): readonly Router<AppState>[] => [
    webAssetsRouter(m.pages),
    consoleRouter({
      ...m,
      now: () => deps.clock.now(),
      tz: deps.config.tzBusiness,
      personas: demoPersonas,
      adminToken: deps.config.adminToken,
    }),
  ];
