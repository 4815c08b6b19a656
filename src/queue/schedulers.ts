import type { AppDeps } from '../app/deps.js';
import type { AnyJobDefinition } from './job-definition.js';
import { JOB_QUEUE, type JobName, QueueName } from './job-names.js';

/**
 * Registers one BullMQ job scheduler per recurring job, keyed by the job name, so however often
 * the service restarts (and however many scheduler processes run) each recurring job has exactly
 * one scheduler; `upsertJobScheduler` replaces a changed pattern in place. Schedulers whose job no
 * longer recurs (renamed or removed) are deleted.
 */
export const registerSchedulers = async (
  deps: Pick<AppDeps, 'queues' | 'config'>,
  definitions: readonly AnyJobDefinition<unknown>[],
): Promise<string[]> => {
  const wanted = new Set<string>();
  for (const def of definitions) {
    if (!def.repeat) continue;
    wanted.add(def.name);
    const pattern =
      typeof def.repeat.pattern === 'function' ? def.repeat.pattern(deps.config) : def.repeat.pattern;
    await deps.queues
      .queue(JOB_QUEUE[def.name as JobName])
      .upsertJobScheduler(
        def.name,
        pattern ? { pattern, tz: deps.config.tzBusiness } : { every: def.repeat.every ?? 60_000 },
        {
          name: def.name,
          data: {},
          opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
        },
      );
  }
  for (const name of Object.values(QueueName)) {
    const q = deps.queues.queue(name);
    for (const s of await q.getJobSchedulers()) {
      if (s.key && !wanted.has(s.key)) await q.removeJobScheduler(s.key);
    }
  }
  return [...wanted];
};
