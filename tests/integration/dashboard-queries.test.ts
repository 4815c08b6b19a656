import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { silentLogger } from '../../src/lib/logger.js';
import { Db } from '../../src/persistence/db.js';
import { DASHBOARD_LEADING_FILTERS } from '../../src/persistence/repositories/dashboard.repository.js';
import { testNames } from '../helpers/test-bot.js';

type Explain = { filterPushdown?: boolean; queryPlanner?: { winningPlan?: unknown } };

const stages = (plan: unknown): string[] => {
  if (typeof plan !== 'object' || plan === null) return [];
  const p = plan as { stage?: string; inputStage?: unknown; inputStages?: unknown[] };
  return [
    ...(p.stage ? [p.stage] : []),
    ...stages(p.inputStage),
    ...(p.inputStages ?? []).flatMap((s) => stages(s)),
  ];
};

describe('the dashboard’s queries, as the store answers them', () => {
  let db: Db;
  const backend = inject('storeBackend');
  beforeAll(async () => {
    db = Db.open(`${inject('mongoBaseUri')}/${testNames().dbName}`, silentLogger());
    await db.ready();
    await db.ensureIndexes();
  });
  afterAll(async () => {
    await db.conn.dropDatabase().catch(() => {});
    await db.close();
  });

  it('leads every list and lookup with equality on an indexed field (index on MongoDB, pushdown on PostgreSQL)', async () => {
    for (const q of DASHBOARD_LEADING_FILTERS) {
      const ex = (await db.conn.db?.command({
        explain: { find: q.collection, filter: q.filter },
        verbosity: 'queryPlanner',
      })) as Explain;
      if (backend === 'postgresql') expect(ex.filterPushdown, q.name).toBe(true);
      else if (backend === 'sqlite')
        expect(ex.filterPushdown, q.name).toBe(false); // only _id there
      else {
        const s = stages(ex.queryPlanner?.winningPlan);
        expect(
          s.some((x) => /IXSCAN|EXPRESS/.test(x)),
          `${q.name}: ${s.join('>')}`,
        ).toBe(true);
      }
    }
  });
});
