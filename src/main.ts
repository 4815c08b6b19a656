import { runApp } from './app/run.js';
import { ConfigError, loadConfig, secretValues } from './config/env.js';
import { createLogger } from './lib/logger.js';

/**
 * Production entry point: validates the config once (every problem listed, non-zero exit), then
 * runs the roles in ROLE (web, worker, scheduler; all by default) until SIGTERM/SIGINT.
 */
const main = async (): Promise<void> => {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger({ level: config.logLevel, secrets: secretValues(config) });
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
  const running = await runApp(config, { logger, installSignalHandlers: true });
  logger.info(
    {
      roles: config.roles,
      port: running.port,
      wecom: Boolean(config.wecom),
      dingtalk: Boolean(config.dingtalk),
    },
    'mallbot started',
  );
};

void main().catch((e: unknown) => {
  process.stderr.write(`fatal: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
