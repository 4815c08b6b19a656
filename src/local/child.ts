import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Last resort: whatever happens to this process, the services it started do not outlive it. */
const installExitHook = () => {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const c of live) c.kill('SIGKILL');
  });
};

export interface OwnedProcess {
  readonly pid: number | undefined;
  /** Resolves when the process has exited (SIGTERM, then SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
  readonly exited: Promise<number | null>;
}

/**
 * Runs the service under a tiny shell guard that stops it when this process is gone, even after a
 * SIGKILL (when no exit hook can run), and forwards TERM/INT to it.
 */
const GUARD = [
  '"$@" & child=$!',
  "trap 'kill -TERM $child 2>/dev/null; wait $child; exit $?' TERM INT",
  'while kill -0 "$OWNER_PID" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done',
  'kill -TERM $child 2>/dev/null; wait $child',
].join('\n');

/** Starts a helper service owned by this process, its output appended to `logFile`. */
export const spawnOwned = (
  cmd: string,
  args: readonly string[],
  logFile: string,
  cwd?: string,
): OwnedProcess => {
  installExitHook();
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn('sh', ['-c', GUARD, 'guard', cmd, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, OWNER_PID: String(process.pid) },
    ...(cwd ? { cwd } : {}),
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  live.add(child);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      live.delete(child);
      resolve(code);
    });
    child.once('error', () => {
      live.delete(child);
      resolve(null);
    });
  });
  return {
    pid: child.pid,
    exited,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      log.end();
    },
  };
};
