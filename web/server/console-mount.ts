import type Router from '@koa/router';
import type { AppDeps } from '../../src/app/deps.js';
import type { AppState } from '../../src/http/app-state.js';
import type { ConsolePlatform } from '../shared/console-api.js';
import { consoleRouter, webAssetsRouter } from './console.router.js';
import { demoPersonas } from './console-personas.js';
import { LiveStreams } from './live-streams.js';
import type { StaticPages } from './static-pages.js';

export interface ConsoleMountOptions {
  readonly pages: StaticPages;
  readonly emulators: Readonly<Partial<Record<ConsolePlatform, string>>>;
  readonly dingtalkVia: 'stream' | 'http';
}

/** What `runApp` needs to serve the console: its routes and the shutdown hook for its live feeds. */
export interface ConsoleMount {
  readonly extraRouters: (deps: AppDeps) => readonly Router<AppState>[];
  readonly beforeHttpClose: () => void;
}

/**
 * The chat console for a dev-mode web role, reading the bot's own clock, zone and admin token from
 * its deps. Pass both members to `runApp`.
 */
export const consoleMount = (m: ConsoleMountOptions): ConsoleMount => {
  const streams = new LiveStreams();
  return {
    extraRouters: (deps) => [
      webAssetsRouter(m.pages),
      consoleRouter({
        ...m,
        now: () => deps.clock.now(),
        tz: deps.config.tzBusiness,
        personas: (now) => demoPersonas(now, deps.time.calendar.schedule),
        adminToken: deps.config.adminToken,
        streams,
      }),
    ],
    beforeHttpClose: () => streams.closeAll(),
  };
};
