import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Router from '@koa/router';
import type { Worker } from 'bullmq';
import { JOB_DEFINITIONS } from '../../jobs/index.js';
import { dashboardRouters } from '../../web/server/dashboard/dashboard-mount.js';
import type { StaticPages } from '../../web/server/static-pages.js';
import type { Config } from '../config/env.js';
import type { AppState } from '../http/app-state.js';
import { createApp } from '../http/create-app.js';
import { adminRouter } from '../http/routes/admin.router.js';
import { devClockRouter } from '../http/routes/dev-clock.router.js';
import { dingtalkRouter } from '../http/routes/dingtalk.router.js';
import { healthRouter } from '../http/routes/health.router.js';
import { mediaRouter } from '../http/routes/media.router.js';
import { wecomRouter } from '../http/routes/wecom.router.js';
import { streamIntake } from '../inbound/dingtalk-stream-intake.js';
import { type Clock, systemClock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { Shutdown, ShutdownPhase } from '../lib/shutdown.js';
import { DingTalkStreamClient } from '../platforms/dingtalk/dingtalk.stream.js';
import { JOB_QUEUE } from '../queue/job-names.js';
import { createRedis, pingRedis } from '../queue/redis.js';
import { registerSchedulers } from '../queue/schedulers.js';
import { startWorkers } from '../queue/worker-runner.js';
import { createDeps, type DepsOverrides } from './container.js';
import type { AppDeps } from './deps.js';

/**
 * Jobs per worker process and queue. Drains wait on the store, Redis and the platforms, not on
 * the CPU, so each queue runs many at once; a drain serves one person (or recipient), so this is
 * how many people are served in parallel by one process (see docs in the README's benchmarks).
 */
export const WORKER_CONCURRENCY = { inbound: 32, outbound: 16, timers: 2 } as const;

export interface RunOptions {
  readonly clock?: Clock;
  readonly logger: Logger;
  /** Tests pass false and call `close()` themselves. */
  readonly installSignalHandlers?: boolean;
  readonly exit?: (code: number) => void;
  readonly overrides?: DepsOverrides;
  /** Backoff and watchdog of the DingTalk Stream client (tests shorten them). */
  readonly streamOptions?: { baseBackoffMs?: number; maxBackoffMs?: number; watchdogMs?: number };
  /** More routes on the web role, built from the process's deps (dev mode adds the chat console). */
  readonly extraRouters?: (deps: AppDeps) => readonly Router<AppState>[];
  /**
   * Runs when shutdown starts, before the HTTP server closes: responses that never end by
   * themselves (the console's live feeds) must be cut, or the server waits for them until the
   * force-quit timeout.
   */
  readonly beforeHttpClose?: () => void | Promise<void>;
  /** The built web pages (dev mode and tests build their own); default: `dist/ui` of the package. */
  readonly webPages?: StaticPages;
}

export interface Running {
  readonly deps: AppDeps;
  /** The bound HTTP port (0 when the web role is not running). */
  readonly port: number;
  readonly url: string;
  readonly workers: readonly Worker[];
  /** The DingTalk Stream client, when this process receives by Stream mode. */
  readonly stream: DingTalkStreamClient | undefined;
  close(): Promise<void>;
}

/**
 * Starts the roles this process runs. HTTP comes up first and answers /healthz and /readyz even
 * while Mongo is still unreachable; workers start once Mongo answers.
 */
export const runApp = async (config: Config, opts: RunOptions): Promise<Running> => {
  const logger = opts.logger;
  const deps = createDeps(config, opts.clock ?? systemClock, logger, opts.overrides);
  // Every job runs with its definition's retries and backoff, whoever adds it.
  deps.queues.useJobOptions(JOB_DEFINITIONS);
  const shutdown = new Shutdown(logger, config.shutdownTimeoutMs, opts.exit);
  const abort = new AbortController();
  shutdown.add('abort startup', ShutdownPhase.http, async () => abort.abort());
  if (opts.installSignalHandlers) shutdown.installSignalHandlers();

  let server: Server | undefined;
  let port = 0;
  if (config.roles.includes('web')) {
    const routers = [
      healthRouter({ mongo: () => deps.db.ping(1000), redis: () => pingRedis(deps.redis, 1000) }),
      mediaRouter({ attachments: deps.repos.attachments, secret: config.media.urlSecret, clock: deps.clock }),
      ...(deps.wecom ? [wecomRouter(deps.wecom.receiver, deps.intake)] : []),
      ...(deps.dingtalk && config.dingtalk
        ? [
            dingtalkRouter({
              receiver: deps.dingtalk.receiver,
              intake: deps.intake,
              signBinding: deps.dingtalk.signBinding,
              unhandled: deps.repos.unhandled,
              httpCallbacks: config.dingtalk.httpCallbacks,
            }),
          ]
        : []),
      adminRouter(deps),
      ...(deps.devClock ? [devClockRouter(deps, deps.devClock)] : []),
      ...(opts.extraRouters?.(deps) ?? []),
      ...dashboardRouters(deps, opts.webPages),
    ];
    const app = createApp({ logger, routers, proxy: config.trustProxy });
    server = createServer(app.callback());
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      server?.once('error', reject);
      server?.listen(config.port, config.host, () => resolve());
    });
    port = (server.address() as AddressInfo).port;
    logger.info({ port, host: config.host }, 'http listening');
    const s = server;
    const before = opts.beforeHttpClose;
    if (before) shutdown.add('end long-lived responses', ShutdownPhase.http, async () => before());
    shutdown.add('http', ShutdownPhase.http, () => closeServer(s));
  }

  let stream: DingTalkStreamClient | undefined;
  if (config.roles.includes('web') && config.dingtalk?.stream) {
    stream = new DingTalkStreamClient({
      apiBase: config.dingtalk.apiBase,
      clientId: config.dingtalk.appKey,
      clientSecret: config.dingtalk.appSecret,
      onFrame: streamIntake({
        intake: deps.intake,
        unhandled: deps.repos.unhandled,
        // Stream frames carry the platform's real time, not the (movable) business clock.
        clock: opts.clock ?? systemClock,
        logger,
        dingtalk: config.dingtalk,
      }),
      logger: logger.child({ component: 'dingtalk-stream' }),
      ...opts.streamOptions,
    });
    stream.start();
    const s = stream;
    shutdown.add('dingtalk stream', ShutdownPhase.http, () => s.stop());
  }

  if (deps.devClock) {
    await deps.devClock.refresh();
    deps.devClock.start();
    const dc = deps.devClock;
    shutdown.add('dev clock', ShutdownPhase.http, async () => dc.stop());
  }

  const mongoReady = deps.db.ready(abort.signal).then(() => deps.db.ensureIndexes());
  if (!config.roles.includes('worker') && !config.roles.includes('scheduler')) {
    mongoReady.catch((e: unknown) => {
      if (!abort.signal.aborted) logger.error({ err: String(e) }, 'mongo startup failed');
    });
  }

  const workers: Worker[] = [];
  if (config.roles.includes('worker') || config.roles.includes('scheduler')) {
    await mongoReady;
  }
  if (config.roles.includes('worker')) {
    const workerRedis = createRedis(config.redisUrl, 'worker', logger, 'worker');
    workers.push(
      ...startWorkers({
        deps,
        definitions: JOB_DEFINITIONS,
        connection: workerRedis,
        prefix: deps.queues.prefix,
        logger,
        concurrency: WORKER_CONCURRENCY,
      }),
    );
    shutdown.add('workers', ShutdownPhase.workers, () => Promise.all(workers.map((w) => w.close())));
    shutdown.add('worker redis', ShutdownPhase.redis, () => workerRedis.quit());
    logger.info({ queues: [...new Set(Object.values(JOB_QUEUE))] }, 'workers started');
  }
  if (config.roles.includes('scheduler')) {
    await registerSchedulers(deps, JOB_DEFINITIONS);
    logger.info('job schedulers registered');
  }

  shutdown.add('queues', ShutdownPhase.queues, () => deps.queues.close());
  shutdown.add('mongo', ShutdownPhase.database, () => deps.db.close());
  shutdown.add('reporting mongo', ShutdownPhase.database, () => deps.timers.reporting.close());
  shutdown.add('redis', ShutdownPhase.redis, () => deps.redis.quit());

  return {
    deps,
    port,
    url: `http://127.0.0.1:${port}`,
    workers,
    stream,
    close: () => shutdown.run('close'),
  };
};

const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
