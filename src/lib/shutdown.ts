import type { Logger } from './logger.js';

/** Shutdown phases run in this order; steps within a phase run one after another. */
export const ShutdownPhase = { http: 0, workers: 1, queues: 2, database: 3, redis: 4, services: 5 } as const;
export type ShutdownPhase = (typeof ShutdownPhase)[keyof typeof ShutdownPhase];

interface Step {
  readonly name: string;
  readonly phase: ShutdownPhase;
  readonly run: () => Promise<unknown>;
}

/**
 * Ordered graceful shutdown: stop HTTP, close workers, queues, mongoose, Redis, then any local
 * service this process started. A force-quit timer exits non-zero when a step hangs.
 */
export class Shutdown {
  private readonly steps: Step[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly timeoutMs: number,
    private readonly exit: (code: number) => void = (code) => process.exit(code),
  ) {}

  add(name: string, phase: ShutdownPhase, run: () => Promise<unknown>): void {
    this.steps.push({ name, phase, run });
  }

  /** Runs every step once; later calls return the same promise. */
  run(reason: string): Promise<void> {
    this.running ??= this.runSteps(reason);
    return this.running;
  }

  /** Installs SIGTERM/SIGINT handlers that run the shutdown and exit. */
  installSignalHandlers(): void {
    const onSignal = (signal: NodeJS.Signals) => {
      if (this.running) {
        this.logger.warn({ signal }, 'second signal during shutdown: exiting now');
        this.exit(1);
        return;
      }
      void this.run(signal).then(
        () => this.exit(0),
        () => this.exit(1),
      );
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }

  private async runSteps(reason: string): Promise<void> {
    this.logger.info({ reason }, 'shutting down');
    const timer = setTimeout(() => {
      this.logger.error({ timeoutMs: this.timeoutMs }, 'shutdown timed out: forcing exit');
      this.exit(1);
    }, this.timeoutMs);
    timer.unref();
    const ordered = [...this.steps].sort((a, b) => a.phase - b.phase);
    let failed = false;
    for (const step of ordered) {
      try {
        await step.run();
        this.logger.debug({ step: step.name }, 'shutdown step done');
      } catch (err) {
        failed = true;
        this.logger.warn({ step: step.name, err }, 'shutdown step failed');
      }
    }
    clearTimeout(timer);
    this.logger.info({ failed }, 'shutdown complete');
  }
}
