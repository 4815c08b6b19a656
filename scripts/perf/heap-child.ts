import { Types } from 'mongoose';
import { silentLogger } from '../../src/lib/logger.js';
import { Db } from '../../src/persistence/db.js';
import { ComplaintRepository } from '../../src/persistence/repositories/complaint.repository.js';
import { RepairRepository } from '../../src/persistence/repositories/repair.repository.js';

/**
 * Child of `heap.ts`, run as `node --expose-gc --import tsx` so the heap can be collected before
 * each reading. Stores HEAP_N open tickets (half work orders waiting on engineering, half
 * complaints waiting on the assistant) in HEAP_URI, then holds them in memory as the project
 * does (the views the repositories return for the to-do queries) and as plain objects with the
 * same fields (JSON.parse of the stored documents, cut to the view's fields), alternating, and
 * prints the heap bytes each took as one JSON line.
 */
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const collect = () => {
  gc();
  gc();
};
const uri = process.env.HEAP_URI ?? '';
const n = Number(process.env.HEAP_N ?? 10_000);
const rounds = Math.max(3, Number(process.env.HEAP_ROUNDS ?? 3));
const half = Math.floor(n / 2);

const db = Db.open(uri, silentLogger());
await db.ready();
await db.ensureIndexes();
const repairs = new RepairRepository(db.models);
const complaints = new ComplaintRepository(db.models, 'Asia/Shanghai');
const at = new Date();
const channel = { platform: 'wecom' as const, userId: 'tenant-b1-23', conversationId: '' };

// One of each through the repository (the stored shape), then copies of it through the driver.
const r0 = await repairs.create('WXHEAP00000', {
  sourceKey: 'heap-r-0',
  category: 'leak',
  urgency: 'normal',
  billing: 'to_assess',
  text: '铺里漏水了，天花板在滴水',
  shopCode: 'B1-23',
  unit: 'B1-23',
  place: '',
  floor: 'B1',
  reporterId: new Types.ObjectId().toString(),
  channel,
  attachmentIds: [],
  at,
});
const c0 = await complaints.create('TSHEAP00000', {
  sourceKey: 'heap-c-0',
  kind: 'general',
  category: 'noise',
  text: 'B1-23隔壁音乐太吵，影响营业',
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
const copies = async (coll: string, id: string, count: number, prefix: string) => {
  const c = db.conn.collection(coll);
  const t = await c.findOne({ _id: new Types.ObjectId(id) });
  if (!t) throw new Error(`${coll} template missing`);
  for (let s = 1; s < count; s += 1000) {
    const docs = Array.from({ length: Math.min(1000, count - s) }, (_, j) => {
      const i = s + j;
      const createdAt = new Date(at.getTime() + i);
      return {
        ...t,
        _id: new Types.ObjectId(),
        number: `${prefix}${String(i).padStart(6, '0')}`,
        sourceKey: `heap-${prefix}-${i}`,
        text: `${String(t.text)} ${i}`,
        reporterId: new Types.ObjectId(),
        createdAt,
        updatedAt: createdAt,
        history: [{ at: createdAt, actorId: new Types.ObjectId(), action: 'filed', note: '' }],
      };
    });
    await c.insertMany(docs);
  }
};
await copies('repairs', r0.repair.id, half, 'WXHEAP');
await copies('complaints', c0.complaint.id, n - half, 'TSHEAP');

const project = async (): Promise<unknown[]> => [
  ...(await repairs.waitingOn({ role: 'engineering' }, half)),
  ...(await complaints.waitingOn({ role: 'assistant' }, n - half)),
];

// The plain objects: each stored document as JSON text, cut to the fields of its view.
const texts: string[] = [];
for (const [coll, filter] of [
  ['repairs', { waitRole: 'engineering' }],
  ['complaints', { waitRole: 'assistant' }],
] as const) {
  const keys = Object.keys(coll === 'repairs' ? r0.repair : c0.complaint);
  for (const d of await db.conn.collection(coll).find(filter).toArray()) {
    const o: Record<string, unknown> = { id: d._id };
    for (const k of keys) if (k !== 'id' && d[k] !== undefined) o[k] = d[k];
    texts.push(JSON.stringify(o));
  }
}
if (texts.length !== n) throw new Error(`expected ${n} stored tickets, found ${texts.length}`);
const plain = async (): Promise<unknown[]> => texts.map((t) => JSON.parse(t) as unknown);
/** The same, with the timestamps revived as Date objects (as the views carry them): a figure only. */
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const plainDates = async (): Promise<unknown[]> =>
  texts.map(
    (t) => JSON.parse(t, (_k, v) => (typeof v === 'string' && ISO.test(v) ? new Date(v) : v)) as unknown,
  );

/** Heap bytes `load`'s result occupies while held. */
const heldBytes = async (load: () => Promise<unknown[]>): Promise<number> => {
  collect();
  const before = process.memoryUsage().heapUsed;
  let held: unknown[] | undefined = await load();
  collect();
  const after = process.memoryUsage().heapUsed;
  if (held.length !== n) throw new Error(`loaded ${held.length} of ${n}`);
  held = undefined;
  return after - before;
};

await heldBytes(project); // warm-up: one-time allocations (compiled queries, pools) are not per ticket
await heldBytes(plain);
const out: { project: number[]; plain: number[]; plainDates: number[] } = {
  project: [],
  plain: [],
  plainDates: [],
};
for (let r = 0; r < rounds; r++) {
  for (const who of r % 2 === 0 ? (['plain', 'project'] as const) : (['project', 'plain'] as const))
    out[who].push((await heldBytes(who === 'project' ? project : plain)) / n);
  out.plainDates.push((await heldBytes(plainDates)) / n);
}
await db.conn.dropDatabase().catch(() => {});
await db.close();
process.stdout.write(`${JSON.stringify(out)}\n`);
process.exit(0);
