import { Types } from 'mongoose';
import { weekKeyOf } from '../../src/lib/calendar/day-key.js';
import { recordWeekKeysSince } from '../../src/persistence/complaint-week-backfill.js';
import type { Db } from '../../src/persistence/db.js';

/** The business zone of the seeded history (the config's default). */
const TZ = 'Asia/Shanghai';

/**
 * Fills a store with history as a busy mall accumulates it over a few weeks: finished inbound
 * events, sent outbox rows and closed complaints, written through the bare driver in batches
 * (the rows are shaped as the repositories write them), where the code keeps them: in the
 * archives once past the de-duplication horizon (or in the hot collections for code without
 * archives), plus the last ten minutes' finished rows in the hot collections. Used to show that
 * reply times do not grow with the data.
 */
export const seedVolume = async (db: Db, n: number, opts: { tickets?: boolean } = {}): Promise<void> => {
  const BATCH = 2000;
  const archives = 'InboundArchive' in db.models;
  const inboundColl = archives ? 'inbound_archive' : 'inbound_events';
  const outboxColl = archives ? 'outbox_archive' : 'outbox';
  if (archives && RECENT_HOT > 0) await seedRecentHot(db, RECENT_HOT);
  // The complaints are written with their week keys, as the repository writes them: no week of
  // this history needs the keys' backfill (the bot's weekly digest would scan them all for it).
  if (opts.tickets !== false && db.conn.db) await recordWeekKeysSince(db.conn.db, TZ, new Date(0));
  const now = Date.now();
  const day = 86_400_000;
  for (let start = 0; start < n; start += BATCH) {
    const size = Math.min(BATCH, n - start);
    const at = (i: number) => new Date(now - day * 6 + ((start + i) % 500_000) * 500);
    const inbound = Array.from({ length: size }, (_, i) => {
      const user = `hist-${(start + i) % 997}`;
      const dedupeKey = `hist-${start + i}`;
      return {
        _id: new Types.ObjectId(),
        platform: 'wecom',
        dedupeKey,
        userId: user,
        event: {
          platform: 'wecom',
          dedupeKey,
          kind: 'message',
          userId: user,
          at: at(i).toISOString(),
          conversation: { type: 'direct', id: user },
          message: { type: 'text', text: '三楼东侧洗手间好臭，麻烦安排保洁' },
        },
        status: 'done',
        attempts: 1,
        receivedAt: at(i),
        processedAt: at(i),
        expiresAt: new Date(at(i).getTime() + 7 * day),
      };
    });
    const outbox = Array.from({ length: size }, (_, i) => ({
      _id: new Types.ObjectId(),
      key: `hist-out-${start + i}:0`,
      platform: 'wecom',
      toUserId: `hist-${(start + i) % 997}`,
      toConversationId: '',
      sessionWebhook: '',
      message: { type: 'text', text: '您好，已收到您的反馈，我们会尽快安排处理。' },
      status: 'sent',
      attempts: 1,
      createdAt: at(i),
      sentAt: at(i),
      result: { msgid: `m${start + i}` },
      expiresAt: new Date(at(i).getTime() + 30 * day),
    }));
    await db.conn.collection(inboundColl).insertMany(inbound, { ordered: false });
    await db.conn.collection(outboxColl).insertMany(outbox, { ordered: false });
    if (opts.tickets !== false) {
      const complaints = Array.from({ length: size }, (_, i) => ({
        _id: new Types.ObjectId(),
        number: `TSH${String(start + i).padStart(8, '0')}`,
        sourceKey: `hist-src-${start + i}`,
        kind: 'general',
        category: 'hygiene',
        status: 'closed',
        text: '三楼东侧洗手间好臭',
        shopCode: '',
        createdAt: at(i),
        createdWeek: weekKeyOf(at(i), TZ),
        updatedAt: at(i),
      }));
      await db.conn.collection('complaints').insertMany(complaints, { ordered: false });
    }
  }
};

/**
 * Finished rows of the last ten minutes before the rush, still in the hot collections. None: the
 * history is what this measures, and the rush itself leaves its own rows there in both runs (the
 * cost of the hot set on SQLite is in the README).
 */
const RECENT_HOT = 0;

const seedRecentHot = async (db: Db, n: number): Promise<void> => {
  const now = Date.now();
  const at = (i: number) => new Date(now - 600_000 + i * 1000);
  await db.conn.collection('inbound_events').insertMany(
    Array.from({ length: n }, (_, i) => ({
      platform: 'wecom',
      dedupeKey: `recent-${i}`,
      userId: `hist-${i % 97}`,
      event: {
        platform: 'wecom',
        dedupeKey: `recent-${i}`,
        kind: 'message',
        userId: `hist-${i % 97}`,
        at: at(i).toISOString(),
        conversation: { type: 'direct', id: `hist-${i % 97}` },
        message: { type: 'text', text: '三楼东侧洗手间好臭，麻烦安排保洁' },
      },
      status: 'done',
      attempts: 0,
      receivedAt: at(i),
      processedAt: at(i),
      expiresAt: new Date(now + 7 * 86_400_000),
    })),
  );
  await db.conn.collection('outbox').insertMany(
    Array.from({ length: n }, (_, i) => ({
      key: `recent-out-${i}:0`,
      platform: 'wecom',
      toUserId: `hist-${i % 97}`,
      toConversationId: '',
      sessionWebhook: '',
      message: { type: 'text', text: '您好，已收到您的反馈，我们会尽快安排处理。' },
      status: 'sent',
      attempts: 1,
      createdAt: at(i),
      sentAt: at(i),
      result: { msgid: `r${i}` },
      expiresAt: new Date(now + 7 * 86_400_000),
    })),
  );
};
