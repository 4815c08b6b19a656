import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PersonView } from '../../src/domain/people/people.types.js';
import { ViolationService } from '../../src/domain/violation/violation.service.js';
import { BusinessTime } from '../../src/lib/business-time.js';
import { ManualClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { Db } from '../../src/persistence/db.js';
import { AuditRepository } from '../../src/persistence/repositories/audit.repository.js';
import { CounterRepository } from '../../src/persistence/repositories/counter.repository.js';
import { NoticeRepository } from '../../src/persistence/repositories/notice.repository.js';
import { ViolationRepository } from '../../src/persistence/repositories/violation.repository.js';
import { testNames } from '../helpers/test-bot.js';

const INSPECTOR: PersonView = {
  id: '00000000000000000000000a',
  name: '刘助理',
  kind: 'staff',
  roles: ['assistant'],
  shopCodes: [],
  phone: '',
  employeeNo: undefined,
  active: true,
  duty: [],
};
const ACCOUNT = { platform: 'wecom' as const, userId: 'staff-liu' };

/**
 * Notice numbers on the real server. FerretDB 1.x increments a counter by reading and writing it
 * back, so racing presses can be handed the same sequence number; the register's `_id` insert
 * decides, and each stage of a violation takes exactly one number.
 */
describe('违章警告书 / 违约处理单 numbers under racing presses', () => {
  let db: Db;
  let service: ViolationService;
  let violations: ViolationRepository;
  const clock = new ManualClock(new Date('2026-12-01T03:00:00Z'));

  beforeAll(async () => {
    db = Db.open(`${inject('mongoBaseUri')}/${testNames().dbName}`, silentLogger());
    await db.ready();
    await db.ensureIndexes();
    const counters = new CounterRepository(db.models);
    violations = new ViolationRepository(db.models);
    service = new ViolationService(
      violations,
      counters,
      new NoticeRepository(db.models, counters),
      new AuditRepository(db.models, clock),
      new BusinessTime(clock, 'Asia/Shanghai'),
    );
  });
  afterAll(async () => {
    await db.conn.dropDatabase().catch(() => {});
    await db.close();
  });

  const open = async (n: number, shopCode: string) =>
    (
      await service.open({
        inspector: INSPECTOR,
        channel: { platform: 'wecom', userId: 'staff-liu', conversationId: '' },
        shopCode,
        category: 'covenant',
        text: '门口堆放货物占用通道',
        patrolNumber: '',
        sourceKey: `notice-test-${shopCode}-${n}`,
      })
    ).violation;

  it('gives every one of many simultaneous notices its own number, each kept in the register', async () => {
    const opened = [];
    for (let i = 0; i < 12; i++) opened.push(await open(i, `B1-${String(i).padStart(2, '0')}`));
    const outcomes = await Promise.all(
      opened.map((v, i) =>
        service.act({
          id: v.id,
          action: i % 3 === 0 ? 'breach_notice' : 'warn',
          actor: { person: INSPECTOR, account: ACCOUNT },
          input: {},
          stage: v.stage,
        }),
      ),
    );
    expect(outcomes.map((o) => o.kind)).toEqual(opened.map(() => 'done'));
    const stored = await Promise.all(opened.map((v) => violations.get(v.id)));
    const numbers = stored.map((v) => v?.noticeNumber ?? '');
    for (const [i, n] of numbers.entries())
      expect(n).toMatch(i % 3 === 0 ? /^WY20261201-\d{3}$/ : /^JG20261201-\d{3}$/);
    expect(new Set(numbers).size).toBe(numbers.length);
    const register = await db.models.Notice.find({}).lean();
    expect(register.map((r) => r._id).sort()).toEqual([...numbers].sort());
    for (const v of stored) expect(register.find((r) => r._id === v?.noticeNumber)?.violationId).toBe(v?.id);
  });

  it('presses of one violation’s cards at once: one notice, its number of its kind, registered once', async () => {
    for (let round = 0; round < 6; round++) {
      const v = await open(round, 'A1023');
      // Even rounds: four copies of 发违章警告书; odd rounds: two of each notice button.
      const actions = Array.from({ length: 4 }, (_, i) =>
        round % 2 === 1 && i % 2 === 1 ? ('breach_notice' as const) : ('warn' as const),
      );
      const outcomes = await Promise.all(
        actions.map((action) =>
          service.act({
            id: v.id,
            action,
            actor: { person: INSPECTOR, account: ACCOUNT },
            input: {},
            stage: v.stage,
          }),
        ),
      );
      expect(outcomes.filter((o) => o.kind === 'done')).toHaveLength(1);
      const stored = await violations.get(v.id);
      expect(stored?.status).toBe('noticed');
      expect(stored?.noticeNumber).toMatch(stored?.noticeKind === 'breach' ? /^WY/ : /^JG/);
      const rows = await db.models.Notice.find({ violationId: v.id }).lean();
      expect(rows.filter((r) => r.kind === stored?.noticeKind).map((r) => r._id)).toEqual([
        stored?.noticeNumber,
      ]);
      expect(rows.length).toBeLessThanOrEqual(new Set(actions).size);
    }
  });
});
