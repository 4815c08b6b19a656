import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_DUE_ACTION } from '../../src/deadlines/kinds/archive-due.kind.js';
import { VIOLATION_REMIND_ACTION } from '../../src/deadlines/kinds/violation-fix.kind.js';
import type { ComplaintView } from '../../src/domain/complaint/complaint.types.js';
import { ViolationService } from '../../src/domain/violation/violation.service.js';
import { NoticeRepository } from '../../src/persistence/repositories/notice.repository.js';
import { ViolationRepository } from '../../src/persistence/repositories/violation.repository.js';
import { seedDemoMall } from '../../src/seed/demo-mall.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

/**
 * A deadline step and a person's action on the same ticket at the same moment (issue 14 over
 * FerretDB 1.x, whose conditional updates are read-then-write): the step's write holds the
 * ticket's claim and bumps its version like every other change, so neither write is lost. Without
 * the claim the step's write-back could undo a 接手处理 that was already reported as done.
 */
describe('deadline steps hold the ticket claim', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ wecom: true });
    const deps = bot.running.deps;
    await seedDemoMall(deps.db, deps.repos.shops, deps.repos.people, ['wecom']);
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('a take-up reminder and a take racing on one complaint: both land, or the reminder sees the take', async () => {
    const deps = bot.running.deps;
    const kind = deps.timers.registry.get('complaint-take');
    if (!kind) throw new Error('no complaint-take kind');
    const senior = await deps.repos.people.byIdentity('wecom', 'staff-chen');
    const tenant = await deps.repos.people.byIdentity('wecom', 'tenant-b1-23');
    if (!senior || !tenant) throw new Error('demo people missing');
    const outcomes: string[] = [];
    for (let round = 0; round < 12; round++) {
      const { complaint } = await deps.services.complaints.file({
        reporter: tenant,
        channel: { platform: 'wecom', userId: 'tenant-b1-23', conversationId: '' },
        text: '隔壁店员骂人，还推了我一下',
        shopCode: 'B1-23',
        unit: 'B1-23',
        place: '',
        floor: 'B1',
        urgency: 'normal',
        sourceKey: `deadline-claims-${round}`,
      });
      const row = await deps.db.models.Complaint.findById(complaint.id).lean();
      const dueAt = row?.takeRemindAt;
      if (!dueAt) throw new Error('no take-up deadline planned');
      const [step, take] = await Promise.all([
        kind.claim({ id: complaint.id, dueAt }, new Date(dueAt.getTime() + 60_000)),
        deps.services.complaints.act({
          id: complaint.id,
          action: 'take',
          actor: { person: senior, account: { platform: 'wecom', userId: 'staff-chen' } },
          input: {},
        }),
      ]);
      outcomes.push(`${step.outcome}/${take.kind}`);
      const stored = (await deps.services.complaints.get(complaint.id)) as ComplaintView;
      const actions = stored.history.map((h) => h.action);
      // The take was reported done: it must be in the store, whatever the reminder did.
      expect(take.kind).toBe('done');
      expect(stored.status).toBe('handling');
      expect(stored.ownerId).toBe(senior.id);
      expect(actions.filter((a) => a === 'take')).toHaveLength(1);
      // A claimed reminder is in the history too; one that lost to the take left no trace.
      const fired = actions.filter((a) => a === 'deadline.complaint-take').length;
      expect(fired).toBe(step.outcome === 'claimed' ? 1 : 0);
      // Every write bumped the version: the take's and, when it wrote, the step's.
      expect(stored.version).toBeGreaterThanOrEqual(1 + fired);
    }
    // Both orders happened at least once is not guaranteed; print them for the record.
    console.info(`deadline/take race outcomes: ${outcomes.join(' ')}`);
  }, 120_000);

  it('an approval reminder and an approval racing on one request: the decision is never written back out', async () => {
    const deps = bot.running.deps;
    const kind = deps.timers.registry.get('approval-step');
    if (!kind) throw new Error('no approval-step kind');
    const senior = await deps.repos.people.byIdentity('wecom', 'staff-chen');
    const tenant = await deps.repos.people.byIdentity('wecom', 'tenant-b1-23');
    if (!senior || !tenant) throw new Error('demo people missing');
    const outcomes: string[] = [];
    for (let round = 0; round < 12; round++) {
      const { approval } = await deps.services.approvals.submit({
        type: 'goods_release',
        requester: tenant,
        channel: { platform: 'wecom', userId: 'tenant-b1-23', conversationId: '' },
        shopCode: 'B1-23',
        text: '出货10箱',
        details: [],
        sourceKey: `deadline-claims-ap-${round}`,
      });
      const dueAt = new Date(deps.clock.now().getTime() - 60_000);
      await deps.db.models.Approval.updateOne(
        { _id: approval.id },
        { $set: { remindAt: dueAt, escalationLevel: 0 } },
      );
      const [step, decision] = await Promise.all([
        kind.claim({ id: approval.id, dueAt }, deps.clock.now()),
        deps.services.approvals.act({
          id: approval.id,
          action: 'approve',
          actor: { person: senior, account: { platform: 'wecom', userId: 'staff-chen' } },
          input: {},
        }),
      ]);
      outcomes.push(`${step.outcome}/${decision.kind}`);
      const stored = await deps.services.approvals.get(approval.id);
      const actions = stored?.history.map((h) => h.action) ?? [];
      expect(decision.kind).toBe('done');
      expect(stored?.status).toBe('approved');
      expect(actions.filter((a) => a === 'approve')).toHaveLength(1);
      expect(actions.filter((a) => a === 'deadline.approval-step')).toHaveLength(
        step.outcome === 'claimed' ? 1 : 0,
      );
    }
    console.info(`approval-step/approve race outcomes: ${outcomes.join(' ')}`);
  }, 120_000);
  /** A goods-release request turned into `type` in `set` state: the deadline fields are set directly. */
  const request = async (key: string, type: string, set: Record<string, unknown>) => {
    const deps = bot.running.deps;
    const tenant = await deps.repos.people.byIdentity('wecom', 'tenant-b1-23');
    if (!tenant) throw new Error('demo people missing');
    const { approval } = await deps.services.approvals.submit({
      type: 'goods_release',
      requester: tenant,
      channel: { platform: 'wecom', userId: 'tenant-b1-23', conversationId: '' },
      shopCode: 'B1-23',
      text: '出货10箱',
      details: [],
      sourceKey: key,
    });
    await deps.db.models.Approval.updateOne({ _id: approval.id }, { $set: { type, ...set } });
    const row = await deps.db.models.Approval.findById(approval.id, { version: 1 }).lean();
    return { id: approval.id, version: row?.version ?? 0 };
  };

  it('two archive-due runs at once on one file out: one chase, one history entry, one version bump', async () => {
    const deps = bot.running.deps;
    const kind = deps.timers.registry.get('archive-due');
    if (!kind) throw new Error('no archive-due kind');
    const outcomes: string[] = [];
    for (let round = 0; round < 12; round++) {
      const dueAt = new Date(deps.clock.now().getTime() - 60_000);
      const { id, version } = await request(`deadline-claims-ar-${round}`, 'archive_access', {
        status: 'checked_out',
        archiveDueAt: dueAt,
        archiveChase: 0,
      });
      const now = deps.clock.now();
      const steps = await Promise.all([kind.claim({ id, dueAt }, now), kind.claim({ id, dueAt }, now)]);
      outcomes.push(steps.map((x) => x.outcome).join('+'));
      const row = await deps.db.models.Approval.findById(id, {
        history: 1,
        version: 1,
        archiveChase: 1,
      }).lean();
      const chases = (row?.history ?? []).filter((h) => h.action === ARCHIVE_DUE_ACTION);
      expect(steps.filter((x) => x.outcome === 'claimed')).toHaveLength(1);
      expect(chases).toHaveLength(1);
      expect(row?.archiveChase).toBe(1);
      expect(row?.version).toBe(version + 1);
    }
    console.info(`archive-due/archive-due race outcomes: ${outcomes.join(' ')}`);
  }, 120_000);

  it('posting-end on a posting no longer approved: the due time goes with the claim and a version bump', async () => {
    const deps = bot.running.deps;
    const kind = deps.timers.registry.get('posting-end');
    if (!kind) throw new Error('no posting-end kind');
    for (let round = 0; round < 6; round++) {
      const dueAt = new Date(deps.clock.now().getTime() - 60_000);
      const { id, version } = await request(`deadline-claims-pe-${round}`, 'posting', {
        status: 'cancelled',
        removeDueAt: dueAt,
      });
      const now = deps.clock.now();
      const steps = await Promise.all([kind.claim({ id, dueAt }, now), kind.claim({ id, dueAt }, now)]);
      expect(steps.map((x) => x.outcome)).toEqual(['gone', 'gone']);
      const row = await deps.db.models.Approval.findById(id, {
        removeDueAt: 1,
        version: 1,
        status: 1,
      }).lean();
      expect(row?.removeDueAt).toBeUndefined();
      expect(row?.status).toBe('cancelled');
      // Exactly one of the two wrote (the other lost the claim or saw the field gone).
      expect(row?.version).toBe(version + 1);
    }
  }, 120_000);

  it('two violation-fix runs at once on one violation: one reminder, one version bump', async () => {
    const deps = bot.running.deps;
    const kind = deps.timers.registry.get('violation-fix');
    if (!kind) throw new Error('no violation-fix kind');
    const { models } = deps.db;
    const { counters, audit, people } = deps.repos;
    const violations = new ViolationService(
      new ViolationRepository(models),
      counters,
      new NoticeRepository(models, counters),
      audit,
      deps.time,
    );
    const staff = await people.byIdentity('wecom', 'staff-liu');
    if (!staff) throw new Error('demo people missing');
    const outcomes: string[] = [];
    for (let round = 0; round < 12; round++) {
      const { violation } = await violations.open({
        inspector: staff,
        channel: { platform: 'wecom', userId: 'staff-liu', conversationId: '' },
        shopCode: 'B1-23',
        // Fire safety is reminded at once, whoever is on shift.
        category: 'fire_safety',
        text: '消防通道堆放货物',
        patrolNumber: '',
        sourceKey: `deadline-claims-vf-${round}`,
      });
      const dueAt = new Date(deps.clock.now().getTime() - 60_000);
      await models.Violation.updateOne({ _id: violation.id }, { $set: { fixBy: dueAt } });
      const now = deps.clock.now();
      const steps = await Promise.all([
        kind.claim({ id: violation.id, dueAt }, now),
        kind.claim({ id: violation.id, dueAt }, now),
      ]);
      outcomes.push(steps.map((x) => x.outcome).join('+'));
      const stored = await violations.get(violation.id);
      expect(steps.filter((x) => x.outcome === 'claimed')).toHaveLength(1);
      expect(stored?.status).toBe('recheck');
      expect(stored?.history.filter((h) => h.action === VIOLATION_REMIND_ACTION)).toHaveLength(1);
      expect(stored?.version).toBe(violation.version + 1);
    }
    console.info(`violation-fix/violation-fix race outcomes: ${outcomes.join(' ')}`);
  }, 120_000);
  it('a violation reminder and 已整改 racing on one violation: the rectification is never written back out', async () => {
    const deps = bot.running.deps;
    const kind = deps.timers.registry.get('violation-fix');
    if (!kind) throw new Error('no violation-fix kind');
    const { models } = deps.db;
    const { counters, audit, people } = deps.repos;
    const violations = new ViolationService(
      new ViolationRepository(models),
      counters,
      new NoticeRepository(models, counters),
      audit,
      deps.time,
    );
    const staff = await people.byIdentity('wecom', 'staff-liu');
    if (!staff) throw new Error('demo people missing');
    const outcomes: string[] = [];
    for (let round = 0; round < 12; round++) {
      const { violation } = await violations.open({
        inspector: staff,
        channel: { platform: 'wecom', userId: 'staff-liu', conversationId: '' },
        shopCode: 'B1-23',
        category: 'fire_safety',
        text: '消防通道堆放货物',
        patrolNumber: '',
        sourceKey: `deadline-claims-vr-${round}`,
      });
      const dueAt = new Date(deps.clock.now().getTime() - 60_000);
      await models.Violation.updateOne({ _id: violation.id }, { $set: { fixBy: dueAt } });
      const [step, fixed] = await Promise.all([
        kind.claim({ id: violation.id, dueAt }, deps.clock.now()),
        violations.act({
          id: violation.id,
          action: 'rectified',
          actor: { person: staff, account: { platform: 'wecom', userId: 'staff-liu' } },
          input: {},
        }),
      ]);
      outcomes.push(`${step.outcome}/${fixed.kind}`);
      const stored = await violations.get(violation.id);
      const actions = stored?.history.map((h) => h.action) ?? [];
      // From open or from recheck, 已整改 is allowed: it was reported done and must be stored.
      expect(fixed.kind).toBe('done');
      expect(stored?.status).toBe('rectified');
      expect(actions.filter((a) => a === 'rectified')).toHaveLength(1);
      expect(actions.filter((a) => a === VIOLATION_REMIND_ACTION)).toHaveLength(
        step.outcome === 'claimed' ? 1 : 0,
      );
    }
    console.info(`violation-fix/rectified race outcomes: ${outcomes.join(' ')}`);
  }, 120_000);
});
