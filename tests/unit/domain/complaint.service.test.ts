import { describe, expect, it } from 'vitest';
import { ComplaintService } from '../../../src/domain/complaint/complaint.service.js';
import { BusinessTime } from '../../../src/lib/business-time.js';
import { ManualClock } from '../../../src/lib/clock.js';
import { ASSISTANT, ENGINEER, SENIOR, TENANT } from '../../factories/tickets.js';
import { MemoryAudit, MemoryComplaints, MemoryNumbers } from '../../fakes/memory-stores.js';

const setup = () => {
  const clock = new ManualClock(new Date('2026-11-30T02:00:00Z'));
  const store = new MemoryComplaints();
  const audit = new MemoryAudit();
  const service = new ComplaintService(
    store,
    new MemoryNumbers(),
    audit,
    new BusinessTime(clock, 'Asia/Shanghai'),
  );
  return { clock, store, audit, service };
};
const channel = { platform: 'wecom' as const, userId: 'tenant-b1-23', conversationId: 'tenant-b1-23' };
const file = (service: ComplaintService, text: string, urgency: 'normal' | 'emergency' = 'normal') =>
  service.file({
    reporter: TENANT,
    channel,
    text,
    shopCode: 'B1-23',
    unit: '',
    place: '',
    floor: 'B1',
    urgency,
    sourceKey: `k-${text}`,
  });
const account = { platform: 'wecom' as const, userId: 'x' };

describe('ComplaintService', () => {
  it('files with kind, category, routing and a promised reply time; the same source files once', async () => {
    const { service } = setup();
    const { complaint, created } = await file(service, '隔壁收费不合理，多收了电费');
    expect(created).toBe(true);
    expect(complaint).toMatchObject({
      number: 'TS20261130-001',
      kind: 'general',
      category: 'fees',
      ownerRole: 'cs_clerk',
      routedRoles: ['assistant'],
    });
    expect(complaint.replyDueAt?.toISOString()).toBe('2026-12-01T02:00:00.000Z');
    expect((await file(service, '隔壁收费不合理，多收了电费')).created).toBe(false);
    const major = (await file(service, '有人打架受伤了', 'emergency')).complaint;
    expect(major).toMatchObject({
      kind: 'major',
      category: 'safety',
      ownerRole: 'senior_assistant',
      routedRoles: ['security', 'assistant'],
    });
    expect(major.replyDueAt?.toISOString()).toBe('2026-11-30T04:00:00.000Z');
  });

  it('acts through the table: done, then stale for a second take; a refusal is audited', async () => {
    const { service, audit } = setup();
    const { complaint } = await file(service, 'B1-24音乐太吵');
    const first = await service.act({
      id: complaint.id,
      action: 'take',
      actor: { person: ASSISTANT, account },
      input: {},
      stage: 0,
    });
    expect(first.kind).toBe('done');
    const again = await service.act({
      id: complaint.id,
      action: 'take',
      actor: { person: SENIOR, account },
      input: {},
      stage: 0,
    });
    expect(again.kind).toBe('stale');
    const refused = await service.act({
      id: complaint.id,
      action: 'reply',
      actor: { person: ENGINEER, account },
      input: { text: 'x' },
    });
    expect(refused).toMatchObject({ kind: 'refused', why: 'party' });
    expect(audit.entries.map((e) => `${e.action}:${e.outcome}`)).toEqual([
      'complaint.take:allowed',
      'complaint.reply:refused',
    ]);
  });

  it('asks for the words an action needs before changing anything', async () => {
    const { service, store } = setup();
    const { complaint } = await file(service, 'B1-24音乐太吵');
    await service.act({ id: complaint.id, action: 'take', actor: { person: ASSISTANT, account }, input: {} });
    const o = await service.act({
      id: complaint.id,
      action: 'reply',
      actor: { person: ASSISTANT, account },
      input: {},
    });
    expect(o).toMatchObject({ kind: 'missing_input', missing: [{ key: 'text' }] });
    expect((await store.get(complaint.id))?.status).toBe('handling');
  });

  it('a lost race is decided again against the winner’s change', async () => {
    const { service, store } = setup();
    const { complaint } = await file(service, 'B1-24音乐太吵');
    store.loseNextRace = (c) => ({
      ...c,
      status: 'handling',
      ownerId: SENIOR.id,
      stage: 1,
      version: c.version + 1,
    });
    const o = await service.act({
      id: complaint.id,
      action: 'take',
      actor: { person: ASSISTANT, account },
      input: {},
    });
    expect(o.kind).toBe('stale');
    expect((await store.get(complaint.id))?.ownerId).toBe(SENIOR.id);
  });
});
