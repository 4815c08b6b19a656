import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CleaningService } from '../../src/domain/cleaning/cleaning.service.js';
import { deductionItem } from '../../src/domain/cleaning/cleaning.standard.js';
import { DisputeService } from '../../src/domain/dispute/dispute.service.js';
import { PatrolService } from '../../src/domain/patrol/patrol.service.js';
import { ViolationService } from '../../src/domain/violation/violation.service.js';
import { CleaningRepository } from '../../src/persistence/repositories/cleaning.repository.js';
import { DisputeRepository } from '../../src/persistence/repositories/dispute.repository.js';
import { NoticeRepository } from '../../src/persistence/repositories/notice.repository.js';
import { PatrolRepository } from '../../src/persistence/repositories/patrol.repository.js';
import { ViolationRepository } from '../../src/persistence/repositories/violation.repository.js';
import { seedDemoMall } from '../../src/seed/demo-mall.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { moveClock } from '../helpers/timers.js';

/**
 * The four inspection aggregates take `createdAt` from the business clock, like tickets do: the
 * month-end totals and the duty summary count by it, and under the dev clock the wall time would
 * put a record made "tomorrow" into today.
 */
describe('inspection records carry the business time they were made at', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ wecom: true, env: { DEV_CLOCK: '1' } });
    const deps = bot.running.deps;
    await seedDemoMall(deps.db, deps.repos.shops, deps.repos.people, ['wecom']);
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('a patrol, a violation, a cleaning record and a dispute made under a moved dev clock', async () => {
    const deps = bot.running.deps;
    const { models } = deps.db;
    const { counters, audit, people } = deps.repos;
    // Days away from the wall time, so a wall-time createdAt cannot pass by accident.
    const moved = await moveClock(bot, { to: '2027-03-15T10:30:00+08:00' });
    expect(Math.abs(moved.getTime() - Date.now())).toBeGreaterThan(86_400_000);
    const staff = await people.byIdentity('wecom', 'staff-liu');
    if (!staff) throw new Error('demo people missing');
    const channel = { platform: 'wecom' as const, userId: 'staff-liu', conversationId: '' };

    const patrols = new PatrolService(new PatrolRepository(models), counters, audit, deps.time);
    const violations = new ViolationService(
      new ViolationRepository(models),
      counters,
      new NoticeRepository(models, counters),
      audit,
      deps.time,
    );
    const cleaning = new CleaningService(new CleaningRepository(models), counters, audit, deps.time);
    const disputes = new DisputeService(new DisputeRepository(models), counters, audit, deps.time);

    const { patrol } = await patrols.start(staff, channel, 'created-at-patrol');
    const { violation } = await violations.open({
      inspector: staff,
      channel,
      shopCode: 'B1-23',
      category: 'hygiene',
      text: '门口堆放纸箱',
      patrolNumber: patrol.number,
      sourceKey: 'created-at-violation',
    });
    const { record } = await cleaning.record({
      inspector: staff,
      channel,
      item: deductionItem('C01'),
      text: '地面有水渍',
      sourceKey: 'created-at-cleaning',
    });
    const { dispute } = await disputes.record({
      mediator: staff,
      channel,
      shopCode: 'B1-23',
      text: '顾客与店员因退货争执',
      sourceKey: 'created-at-dispute',
    });

    // The dev clock runs on from the moved time: each record was made between the move and now
    // (by the business clock), and its createdAt is the time its first history entry was written.
    const after = deps.clock.now();
    const stored = await Promise.all([
      models.Patrol.findById(patrol.id, { createdAt: 1, history: 1 }).lean(),
      models.Violation.findById(violation.id, { createdAt: 1, history: 1 }).lean(),
      models.Cleaning.findById(record.id, { createdAt: 1, history: 1 }).lean(),
      models.Dispute.findById(dispute.id, { createdAt: 1, history: 1 }).lean(),
    ]);
    for (const row of stored) {
      const createdAt = row?.createdAt?.getTime() ?? 0;
      expect(createdAt).toBeGreaterThanOrEqual(moved.getTime());
      expect(createdAt).toBeLessThanOrEqual(after.getTime());
      expect(createdAt).toBe(row?.history[0]?.at.getTime());
    }
    for (const view of [patrol, violation, record, dispute])
      expect(view.createdAt.getTime()).toBe(view.history[0]?.at.getTime());
  }, 60_000);
});
