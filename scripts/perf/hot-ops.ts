import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { ManualClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { startLocalMongo } from '../../src/local/mongo-local.js';
import { Db } from '../../src/persistence/db.js';
import { InboundRepository } from '../../src/persistence/repositories/inbound.repository.js';
import { OutboxRepository } from '../../src/persistence/repositories/outbox.repository.js';
import { PeopleRepository } from '../../src/persistence/repositories/people.repository.js';

/**
 * Node CPU of the per-message store calls, as the repositories make them now and as the mongoose
 * queries they replaced made them: `npx tsx scripts/perf/hot-ops.ts [rounds]` (default 400;
 * RUSH_STORE=postgresql|sqlite). Runs every call `rounds` times, 10 in flight (a rush keeps the
 * pool busy), alternating the two forms, and prints one JSON line of µs of Node CPU per call.
 * Unlike the rush, it leaves out the queue, the HTTP side and the load generator, so it moves
 * less with the machine's other load.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
const rounds = Number(process.argv[2] ?? 400);
const run = randomBytes(3).toString('hex');
const mongo = await startLocalMongo(
  ROOT,
  resolve(ROOT, '.data', 'hot-ops', run),
  (process.env.RUSH_STORE ?? 'postgresql') as 'sqlite' | 'postgresql',
);
const db = Db.open(`${mongo.baseUri}/hotops${run}`, silentLogger());
await db.ready();
await db.ensureIndexes();
const clock = new ManualClock(Date.now());
const inbound = new InboundRepository(db.models, clock);
const outbox = new OutboxRepository(db.models, clock);
const people = new PeopleRepository(db.models, clock);
const m = db.models;

const person = await people.create({ name: '甲', kind: 'tenant', roles: ['tenant'], shopCodes: ['A1'] });
await people.bindIdentity('wecom', 'u1', person.id, 'seed');
const ev = await inbound.record({
  platform: 'wecom',
  dedupeKey: 'k1',
  kind: 'message',
  userId: 'u1',
  at: new Date().toISOString(),
  conversation: { type: 'direct', id: 'u1' },
  message: { type: 'text', text: '你好，我要报修' },
});
const [outId = ''] = await outbox.addMany([
  {
    key: 'k1:0',
    to: { platform: 'wecom', userId: 'u1' },
    message: { type: 'text', text: '收到'.repeat(40) },
  },
]);
const result = { errcode: 0, errmsg: 'ok', msgid: 'abc' };

/** Each hot call: the driver form the repository makes now, and the mongoose form it replaced. */
const ops: Record<string, { now: () => Promise<unknown>; mongoose: () => Promise<unknown> }> = {
  identity_and_person: {
    now: () => people.byIdentity('wecom', 'u1'),
    mongoose: async () => {
      const id = await m.Identity.findOne(
        { platform: 'wecom', platformUserId: 'u1' },
        { personId: 1 },
      ).lean();
      return id ? m.Person.findOne({ _id: id.personId }).lean() : null;
    },
  },
  inbound_lane: {
    now: () => inbound.openInLane('wecom:u1'),
    mongoose: () =>
      m.InboundEvent.find({ lane: 'wecom:u1' }, { event: 1, attempts: 1, receivedAt: 1 }).lean(),
  },
  inbound_done: {
    // Sets the same fields every time (the row stays findable by id).
    now: () => inbound.markDone(ev.id),
    mongoose: () =>
      m.InboundEvent.updateOne(
        { _id: ev.id },
        { $set: { status: 'done', processedAt: clock.now() }, $unset: { lane: 1, lastError: 1 } },
      ),
  },
  outbox_lane: {
    now: () => outbox.pendingInLane('wecom:u:u1'),
    mongoose: () => m.Outbox.find({ lane: 'wecom:u:u1' }).lean(),
  },
  outbox_sent: {
    // Matches nothing after the first (status is no longer pending): the cost of building and
    // sending the update, as for a duplicate job.
    now: () => outbox.markSent(outId, result),
    mongoose: () =>
      m.Outbox.updateOne(
        { _id: outId, status: 'pending' },
        { $set: { status: 'sent', sentAt: clock.now(), result }, $unset: { lane: 1 }, $inc: { attempts: 1 } },
      ),
  },
};

const cpuUs = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

const measure = async (f: () => Promise<unknown>): Promise<number> => {
  const inFlight = 10;
  const t0 = cpuUs();
  for (let i = 0; i < rounds; i += inFlight) await Promise.all(Array.from({ length: inFlight }, f));
  return (cpuUs() - t0) / rounds;
};

const out: Record<string, { now_us: number; mongoose_us: number }> = {};
for (const [name, op] of Object.entries(ops)) {
  await measure(op.now); // warm-up, both forms
  await measure(op.mongoose);
  let now = 0;
  let viaMongoose = 0;
  for (let i = 0; i < 3; i++) {
    now += await measure(op.now);
    viaMongoose += await measure(op.mongoose);
  }
  out[name] = { now_us: Math.round(now / 3), mongoose_us: Math.round(viaMongoose / 3) };
}
process.stdout.write(`${JSON.stringify({ store: mongo.backend, rounds, per_call: out })}\n`);
await db.conn.dropDatabase().catch(() => {});
await db.close();
await mongo.stop();
process.exit(0);
