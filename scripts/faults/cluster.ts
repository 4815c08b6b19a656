import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { canConnect, redisAnswers, waitUntil } from '../../src/local/net.js';

/**
 * The processes of the fault suite, each started and stopped by its own pid: bot roles (web,
 * worker, scheduler), a Redis of the suite's own, the store. Loopback only; every wait is bounded.
 */
export interface Proc {
  readonly name: string;
  child: ChildProcess | undefined;
  /** Resolves when the current child has exited. */
  exited: Promise<void>;
}

export interface ProcSpec {
  readonly name: string;
  readonly cmd: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Resolves once the process serves (a port answers, a log line appeared). */
  readonly ready: (output: () => string) => Promise<unknown>;
}

export class Cluster {
  private readonly procs = new Map<string, { spec: ProcSpec; proc: Proc; log: WriteStream }>();

  constructor(
    private readonly logDir: string,
    private readonly cwd: string,
  ) {
    mkdirSync(logDir, { recursive: true });
    // Whatever ends this process, its children go with it (each by its own pid).
    process.on('exit', () => this.killAll());
  }

  /** Last resort (synchronous): SIGKILL every child still running. */
  killAll(): void {
    for (const { proc } of this.procs.values()) {
      const c = proc.child;
      if (c?.pid && c.exitCode === null && c.signalCode === null) {
        try {
          process.kill(c.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  }

  /** Starts (or restarts) a process and waits until it is ready. */
  async start(spec: ProcSpec, timeoutMs = 60_000): Promise<void> {
    const log =
      this.procs.get(spec.name)?.log ??
      createWriteStream(join(this.logDir, `${spec.name}.log`), { flags: 'a' });
    let out = '';
    const child = spawn(spec.cmd, [...spec.args], {
      cwd: this.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const onData = (d: Buffer) => {
      log.write(d);
      if (out.length < 200_000) out += d.toString();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    this.procs.set(spec.name, { spec, proc: { name: spec.name, child, exited }, log });
    let gone = false;
    void exited.then(() => {
      gone = true;
    });
    await Promise.race([
      spec.ready(() => out),
      exited.then(() => {
        throw new Error(`${spec.name} exited during startup: ${out.slice(-2000)}`);
      }),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`${spec.name} not ready in ${timeoutMs} ms`)), timeoutMs),
      ),
    ]);
    if (gone) throw new Error(`${spec.name} exited`);
  }

  pid(name: string): number | undefined {
    return this.procs.get(name)?.proc.child?.pid;
  }

  /** Sends a signal to the process by its pid and waits (bounded) for it to exit. */
  async stop(name: string, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 20_000): Promise<void> {
    const p = this.procs.get(name);
    const child = p?.proc.child;
    if (!p || !child || child.exitCode !== null || child.signalCode !== null) return;
    if (child.pid) process.kill(child.pid, signal);
    const t = setTimeout(() => {
      if (child.pid && child.exitCode === null && child.signalCode === null)
        process.kill(child.pid, 'SIGKILL');
    }, timeoutMs);
    await p.proc.exited;
    clearTimeout(t);
  }

  /** Restarts a stopped process with its original spec. */
  async restart(name: string): Promise<void> {
    const p = this.procs.get(name);
    if (!p) throw new Error(`unknown process ${name}`);
    await this.start(p.spec);
  }

  /** Stops everything, each by its own pid, in reverse start order. */
  async stopAll(): Promise<void> {
    for (const name of [...this.procs.keys()].reverse()) await this.stop(name, 'SIGTERM', 10_000);
    for (const { log } of this.procs.values()) log.end();
  }
}

export const httpReady = (port: number) => () =>
  waitUntil(
    async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200;
      } catch {
        return false;
      }
    },
    60_000,
    `web on ${port}`,
  );

export const logReady = (needle: string) => (output: () => string) =>
  waitUntil(async () => output().includes(needle), 60_000, needle);

export const portReady = (port: number) => () => waitUntil(() => canConnect(port), 30_000, `port ${port}`);

export const redisReady = (port: number) => () =>
  waitUntil(() => redisAnswers(port), 30_000, `redis ${port}`);
