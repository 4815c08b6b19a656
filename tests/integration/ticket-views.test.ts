import { resolve } from 'node:path';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { measureHeap } from '../../scripts/perf/heap.js';
import { silentLogger } from '../../src/lib/logger.js';
import { Db } from '../../src/persistence/db.js';
import { ComplaintRepository } from '../../src/persistence/repositories/complaint.repository.js';
import { RepairRepository } from '../../src/persistence/repositories/repair.repository.js';
import { testNames } from '../helpers/test-bot.js';

const channel = { platform: 'wecom' as const, userId: 'tenant-b1-23', conversationId: '' };
const at = new Date('2026-11-30T02:00:00Z');

/** Keys a view carries with no value (each one costs a slot in every held view). */
const emptyKeys = (v: object): string[] =>
  Object.entries(v)
    .filter(([, x]) => x === undefined || x === null)
    .map(([k]) => k);

describe('ticket views held in memory (issue 13, heap_per_ticket_ratio)', () => {
  let db: Db;
  beforeAll(async () => {
    db = Db.open(`${inject('mongoBaseUri')}/${testNames().dbName}`, silentLogger());
    await db.ready();
    await db.ensureIndexes();
  });
  afterAll(async () => {
    await db.conn.dropDatabase();
    await db.close();
  });

  it('leaves out the optional fields an open ticket does not have, and keeps the ones it has', async () => {
    const repairs = new RepairRepository(db.models);
    const complaints = new ComplaintRepository(db.models, 'Asia/Shanghai');
    const { repair } = await repairs.create('WXVIEW00001', {
      sourceKey: 'view-r-1',
      category: 'leak',
      urgency: 'normal',
      billing: 'to_assess',
      text: '铺里漏水了',
      shopCode: 'B1-23',
      unit: 'B1-23',
      place: '',
      floor: 'B1',
      reporterId: new Types.ObjectId().toString(),
      channel,
      attachmentIds: [],
      at,
    });
    const { complaint } = await complaints.create('TSVIEW00001', {
      sourceKey: 'view-c-1',
      kind: 'general',
      category: 'noise',
      text: '隔壁音乐太吵',
      shopCode: 'B1-23',
      unit: 'B1-24',
      place: '',
      floor: 'B1',
      reporterId: new Types.ObjectId().toString(),
      channel,
      ownerRole: 'assistant',
      routedRoles: ['assistant'],
      replyDueAt: new Date(at.getTime() + 86_400_000),
      docNo: '',
      complainant: '',
      attachmentIds: [],
      at,
    });
    const [r] = await repairs.waitingOn({ role: 'engineering' });
    const [c] = await complaints.waitingOn({ role: 'assistant' });
    for (const v of [repair, complaint, r, c]) expect(v && emptyKeys(v)).toEqual([]);
    for (const h of [...(r?.history ?? []), ...(c?.history ?? [])]) expect(emptyKeys(h)).toEqual([]);
    expect(r).toMatchObject({
      number: 'WXVIEW00001',
      status: 'reported',
      faultFoundAt: at,
      attachmentIds: [],
    });
    expect(r && 'acceptedAt' in r).toBe(false);
    expect(c).toMatchObject({
      number: 'TSVIEW00001',
      routedRoles: ['assistant'],
      checkpoints: { heard: at },
    });
    expect(c?.replyDueAt?.getTime()).toBe(at.getTime() + 86_400_000);
    expect(r?.history[0]).toMatchObject({ at, action: 'filed', actorId: repair.reporterId });

    // A change that sets an optional field brings it back.
    const accepted =
      r && (await repairs.update(r, { status: 'accepted', acceptedAt: at }, entryOf('accept'), r));
    expect(accepted?.acceptedAt).toEqual(at);
  });

  it('holds 10 000 open tickets in at most 1.3 times the heap of plain objects with the same fields', async () => {
    const uri = `${inject('mongoBaseUri')}/${testNames().dbName}_heap`;
    const m = await measureHeap(resolve(import.meta.dirname, '..', '..'), uri, 10_000, 3);
    expect(m.ratio).toBeLessThanOrEqual(1.3);
  }, 120_000);
});

const entryOf = (action: string) => ({ at, action, note: '' });
