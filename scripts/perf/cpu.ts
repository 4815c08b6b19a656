import { readFileSync } from 'node:fs';

const CLK_TCK = 100;

const children = (pid: number): number[] => {
  try {
    const tasks = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return tasks ? tasks.split(/\s+/).map(Number) : [];
  } catch {
    return [];
  }
};

const ownCpuMs = (pid: number): number => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of /proc/PID/stat (1-based), 12 and 13 after the name.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return 0;
  }
};

/** CPU time (user + system, ms) used so far by a process and all its descendants (Linux /proc). */
export const treeCpuMs = (pid: number | undefined): number => {
  if (!pid) return 0;
  let total = ownCpuMs(pid);
  for (const c of children(pid)) total += treeCpuMs(c);
  return total;
};

/** CPU time (ms) of this Node process. */
export const selfCpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
