import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { silentLogger } from '../../src/lib/logger.js';
import { Db } from '../../src/persistence/db.js';
import { DASHBOARD_LEADING_FILTERS } from '../../src/persistence/repositories/dashboard.repository.js';
import { inspectionPipelines } from '../../src/persistence/repositories/inspection-dashboard.repository.js';
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

  it('leads every inspection panel aggregation with equality on an indexed field, for every scope', async () => {
    const sample = {
      day: '2026-12-01',
      status: 'open',
      month: '2026-12',
      from: new Date('2026-11-28T00:00:00Z'),
      to: new Date('2026-11-30T00:00:00Z'),
    };
    const scopes = [
      { all: true } as const,
      { all: false, floors: ['B1'], personId: '6b0c74ea98d08afb4e6d9fb2' } as const,
    ];
    for (const scope of scopes) {
      for (const q of inspectionPipelines(scope, sample, ['B1-23'])) {
        const match = (q.pipeline[0] as { $match?: Record<string, unknown> }).$match ?? {};
        const [field, value] = Object.entries(match)[0] ?? ['', undefined];
        expect(typeof value, `${q.name}: equality first`).toBe('string');
        const indexes = await db.conn.collection(q.collection).indexes();
        expect(
          indexes.some((i) => Object.keys(i.key)[0] === field),
          `${q.name}: ${field} indexed`,
        ).toBe(true);
        const ex = (await db.conn.db?.command({
          explain: { aggregate: q.collection, pipeline: q.pipeline, cursor: {} },
          verbosity: 'queryPlanner',
        })) as Explain;
        if (backend === 'postgresql') expect(ex.filterPushdown, q.name).toBe(true);
        else if (backend === 'sqlite') expect(ex.filterPushdown, q.name).toBe(false);
        else {
          const s = JSON.stringify(ex);
          expect(s, q.name).toMatch(/IXSCAN|EXPRESS/);
        }
      }
    }
  });
});
