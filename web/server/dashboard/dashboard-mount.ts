import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Router from '@koa/router';
import type { AppDeps } from '../../../src/app/deps.js';
import { DashboardService } from '../../../src/dashboard/dashboard.service.js';
import { DashboardLogin } from '../../../src/dashboard/dashboard-login.js';
import { InspectionPanels } from '../../../src/dashboard/inspection-panels.js';
import type { AppState } from '../../../src/http/app-state.js';
import { DashboardRepository } from '../../../src/persistence/repositories/dashboard.repository.js';
import { InspectionDashboardRepository } from '../../../src/persistence/repositories/inspection-dashboard.repository.js';
import { webAssetsRouter } from '../console.router.js';
import { StaticPages } from '../static-pages.js';
import { dashboardRouter } from './dashboard.router.js';
import { queueBoard } from './queue-board.js';

/**
 * Where `npm run build` put the pages: `dist/ui` at the package root, found from this file whether
 * it runs from source (web/server/dashboard) or from the build (dist/web/server/dashboard).
 */
export const defaultWebBuildDir = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'ui');
    dir = dirname(dir);
  }
  return join(process.cwd(), 'dist', 'ui');
};

/** The dashboard's routes for a web role (production included), built from the process's deps. */
export const dashboardRouters = (deps: AppDeps, pages?: StaticPages): Router<AppState>[] => {
  const built = pages ?? new StaticPages(defaultWebBuildDir());
  const repo = new DashboardRepository(deps.db.models);
  return [
    webAssetsRouter(built),
    dashboardRouter({
      pages: built,
      login: new DashboardLogin(deps.redis, deps.config.redisKeyPrefix, deps.config.media.publicBaseUrl),
      people: deps.repos.people,
      audit: deps.repos.audit,
      repo,
      service: new DashboardService({
        repo,
        time: deps.time,
        reporting: () => deps.timers.reporting.connection(),
        mediaSecret: deps.config.media.urlSecret,
        failures: () => deps.timers.failures.recent(),
      }),
      inspections: new InspectionPanels(
        new InspectionDashboardRepository(deps.db.models),
        deps.time,
        (floor) => repo.shopsOnFloor(floor),
      ),
      clock: deps.clock,
      queueBoard: queueBoard(deps.queues),
    }),
  ];
};
