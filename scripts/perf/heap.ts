import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { median } from './stats.js';

/**
 * `heap_per_ticket_ratio`: heap bytes per open ticket held as the project holds them (the views
 * its repositories return) against plain objects with the same fields (JSON.parse of the stored
 * documents). Measured in a child process of its own (`node --expose-gc --import tsx`), so the
 * heap can be collected before each reading and nothing else of the bench is on it.
 */
export const measureHeap = async (
  root: string,
  uri: string,
  n: number,
  rounds: number,
): Promise<{ ratio: number; projectBytes: number; plainBytes: number; plainDatesBytes: number }> => {
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', resolve(root, 'scripts', 'perf', 'heap-child.ts')],
    {
      cwd: root,
      env: { ...process.env, HEAP_URI: uri, HEAP_N: String(n), HEAP_ROUNDS: String(rounds) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.on('data', (b: Buffer) => {
    out += b.toString();
  });
  const code = await new Promise<number | null>((ok) => child.on('exit', ok));
  if (code !== 0) throw new Error(`heap measure exited ${code}`);
  const r = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as {
    project: number[];
    plain: number[];
    plainDates: number[];
  };
  const projectBytes = median(r.project);
  const plainBytes = median(r.plain);
  return {
    ratio: projectBytes / plainBytes,
    projectBytes,
    plainBytes,
    plainDatesBytes: median(r.plainDates),
  };
};
