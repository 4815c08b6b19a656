import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { NewApproval } from '../../src/domain/approval/approval.ports.js';
import type { Slot } from '../../src/domain/approval/space.rules.js';
import { silentLogger } from '../../src/lib/logger.js';
import { Db } from '../../src/persistence/db.js';
import { ApprovalRepository } from '../../src/persistence/repositories/approval.repository.js';
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

/** 5 December 2026, `h` o'clock in Shanghai. */
const at = (h: number) => new Date(Date.UTC(2026, 11, 5, h - 8));

describe('space bookings in the store', () => {
  let db: Db;
  let repo: ApprovalRepository;
  const backend = inject('storeBackend');
  let n = 0;
  const book = async (slot: Slot, status: 'pending' | 'approved' | 'rejected') => {
    n++;
    const a: NewApproval = {
      number: `SP20261205-${String(n).padStart(3, '0')}`,
      sourceKey: `test:${n}`,
      type: 'space_use',
      status: 'pending',
      requesterId: new Types.ObjectId().toString(),
      channel: { platform: 'wecom', userId: 't', conversationId: 't' },
      shopCode: '',
      text: '',
      details: [],
      steps: [{ role: 'senior_assistant', status: 'pending', reason: '' }],
      currentStep: 0,
      conditions: [],
      at: at(9),
      tasks: [],
      attachments: [],
      slot,
    };
    const { approval } = await repo.create(a);
    if (status !== 'pending') await db.models.Approval.updateOne({ _id: approval.id }, { $set: { status } });
    return approval;
  };

  beforeAll(async () => {
    db = Db.open(`${inject('mongoBaseUri')}/${testNames().dbName}`, silentLogger());
    await db.ready();
    await db.ensureIndexes();
    repo = new ApprovalRepository(db.models);
  });
  afterAll(async () => {
    await db.conn.dropDatabase().catch(() => {});
    await db.close();
  });

  it('finds only approved bookings of the same space that share a moment with the slot', async () => {
    const booked = await book({ space: 'atrium', start: at(14), end: at(17) }, 'approved');
    await book({ space: 'atrium', start: at(15), end: at(16) }, 'pending');
    await book({ space: 'atrium', start: at(10), end: at(20) }, 'rejected');
    await book({ space: 'east_plaza', start: at(14), end: at(17) }, 'approved');
    const numbers = async (start: number, end: number, except = '') =>
      (await repo.approvedOverlapping('atrium', at(start), at(end), except)).map((a) => a.number);
    expect(await numbers(16, 18)).toEqual([booked.number]);
    expect(await numbers(12, 15)).toEqual([booked.number]);
    expect(await numbers(10, 20)).toEqual([booked.number]);
    expect(await numbers(17, 19)).toEqual([]);
    expect(await numbers(11, 14)).toEqual([]);
    expect(await numbers(14, 17, booked.id)).toEqual([]);
    const [view] = await repo.approvedOverlapping('atrium', at(16), at(18));
    expect(view?.slot).toEqual({ space: 'atrium', start: at(14), end: at(17) });
  });

  it('leads the clash query with equality on the indexed space (index on MongoDB, pushdown on PostgreSQL)', async () => {
    const indexes = await db.models.Approval.collection.indexes();
    expect(indexes.some((i) => JSON.stringify(i.key) === JSON.stringify({ space: 1, slotStart: 1 }))).toBe(
      true,
    );
    const ex = (await db.conn.db?.command({
      explain: { find: 'approvals', filter: { space: 'atrium' } },
      verbosity: 'queryPlanner',
    })) as Explain;
    if (backend === 'postgresql') expect(ex.filterPushdown).toBe(true);
    else if (backend === 'sqlite') expect(ex.filterPushdown).toBe(false);
    else expect(stages(ex.queryPlanner?.winningPlan).some((x) => /IXSCAN|EXPRESS/.test(x))).toBe(true);
  });

  it('gives one booking decision per space at a time', async () => {
    let inside = 0;
    let most = 0;
    const turn = () =>
      repo.bookingTurn('west_plaza', async () => {
        inside++;
        most = Math.max(most, inside);
        await new Promise((r) => setTimeout(r, 50));
        inside--;
        return 'done';
      });
    const results = await Promise.all([turn(), turn(), turn()]);
    expect(most).toBe(1);
    expect(results.filter((r) => r === 'done').length).toBeGreaterThanOrEqual(1);
    expect(await turn()).toBe('done');
  });
});
