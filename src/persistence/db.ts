import mongoose, { type Connection, type mongo } from 'mongoose';
import type { Logger } from '../lib/logger.js';
import { ApprovalSchema } from './models/approval.model.js';
import {
  ARCHIVE_SWEEP_INTERVAL_MS,
  InboundArchiveSchema,
  OutboxArchiveSchema,
} from './models/archive.model.js';
import { AttachmentChunkSchema, AttachmentSchema } from './models/attachment.model.js';
import { AuditSchema } from './models/audit.model.js';
import { BindCodeSchema } from './models/bind-code.model.js';
import { CardSchema } from './models/card.model.js';
import { ClaimSchema } from './models/claim.model.js';
import { CleaningSchema } from './models/cleaning.model.js';
import { ComplaintSchema } from './models/complaint.model.js';
import { CounterSchema } from './models/counter.model.js';
import { DeadlineFailureSchema } from './models/deadline-failure.model.js';
import { DisputeSchema } from './models/dispute.model.js';
import { IdentitySchema } from './models/identity.model.js';
import { InboundEventSchema } from './models/inbound-event.model.js';
import { NoticeSchema } from './models/notice.model.js';
import { OutboxSchema } from './models/outbox.model.js';
import { PatrolFindingSchema, PatrolSchema } from './models/patrol.model.js';
import { PersonSchema } from './models/person.model.js';
import { RepairSchema } from './models/repair.model.js';
import { ShopSchema } from './models/shop.model.js';
import { StandInSchema } from './models/stand-in.model.js';
import { UnhandledEventSchema } from './models/unhandled-event.model.js';
import { ViolationSchema } from './models/violation.model.js';

const registerModels = (conn: Connection) => ({
  Shop: conn.model('Shop', ShopSchema),
  Person: conn.model('Person', PersonSchema),
  Identity: conn.model('Identity', IdentitySchema),
  Complaint: conn.model('Complaint', ComplaintSchema),
  Repair: conn.model('Repair', RepairSchema),
  Approval: conn.model('Approval', ApprovalSchema),
  InboundEvent: conn.model('InboundEvent', InboundEventSchema),
  Outbox: conn.model('Outbox', OutboxSchema),
  InboundArchive: conn.model('InboundArchive', InboundArchiveSchema),
  OutboxArchive: conn.model('OutboxArchive', OutboxArchiveSchema),
  Card: conn.model('Card', CardSchema),
  Claim: conn.model('Claim', ClaimSchema),
  Audit: conn.model('Audit', AuditSchema),
  Attachment: conn.model('Attachment', AttachmentSchema),
  AttachmentChunk: conn.model('AttachmentChunk', AttachmentChunkSchema),
  BindCode: conn.model('BindCode', BindCodeSchema),
  Counter: conn.model('Counter', CounterSchema),
  UnhandledEvent: conn.model('UnhandledEvent', UnhandledEventSchema),
  StandIn: conn.model('StandIn', StandInSchema),
  Patrol: conn.model('Patrol', PatrolSchema),
  PatrolFinding: conn.model('PatrolFinding', PatrolFindingSchema),
  Violation: conn.model('Violation', ViolationSchema),
  Cleaning: conn.model('Cleaning', CleaningSchema),
  Dispute: conn.model('Dispute', DisputeSchema),
  Notice: conn.model('Notice', NoticeSchema),
  DeadlineFailure: conn.model('DeadlineFailure', DeadlineFailureSchema),
});

export type Models = ReturnType<typeof registerModels>;

/** A TTL index the server could not create; the expiry sweeper enforces it instead. */
export interface TtlFallback {
  readonly collection: string;
  readonly field: string;
  readonly expireAfterSeconds: number;
  /** Swept at most this often (0: every sweep). Archives are large and each sweep scans them. */
  readonly minIntervalMs: number;
}

/** Connections being closed on purpose (no warning for their disconnect). */
const closing = new WeakSet<Connection>();

/** MongoDB error code "NotImplemented" (FerretDB 1.x answers it for `expireAfterSeconds`). */
const NOT_IMPLEMENTED = 238;

const errorCode = (e: unknown): number | undefined =>
  typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'number' ? e.code : undefined;

/**
 * One mongoose connection and its models. Each process (and each test) owns its own instance,
 * so several databases can be open side by side.
 */
export class Db {
  readonly models: Models;
  private readonly fallbacks: TtlFallback[] = [];
  private readonly lastSwept = new Map<string, number>();

  private constructor(
    readonly conn: Connection,
    private readonly uri: string,
    private readonly logger: Logger,
  ) {
    this.models = registerModels(conn);
  }

  /**
   * Creates the connection object; `ready()` connects. Commands are not buffered, so a call while
   * Mongo is away fails fast (and a webhook answers 503) instead of hanging.
   */
  static open(uri: string, logger: Logger): Db {
    const conn = mongoose.createConnection();
    conn.on('error', (err) => logger.warn({ err: String(err) }, 'mongo connection error'));
    conn.on('disconnected', () => {
      if (!closing.has(conn)) logger.warn('mongo disconnected');
    });
    conn.on('reconnected', () => logger.info('mongo reconnected'));
    return new Db(conn, uri, logger);
  }

  /** Connects, retrying with backoff until it succeeds or `signal` aborts. */
  async ready(signal?: AbortSignal): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (this.conn.readyState === 1) return;
      try {
        await this.conn.openUri(this.uri, {
          autoIndex: false,
          autoCreate: false,
          bufferCommands: false,
          serverSelectionTimeoutMS: 1500,
          connectTimeoutMS: 2000,
          socketTimeoutMS: 20_000,
          maxPoolSize: 40,
        });
        return;
      } catch (err) {
        if (signal?.aborted) throw err;
        this.logger.warn({ attempt, err: String(err) }, 'mongo not reachable yet; retrying');
        await new Promise((r) => setTimeout(r, Math.min(5000, 500 * attempt)));
        if (signal?.aborted) throw err;
      }
    }
  }

  /** Answers within `timeoutMs`: true when the server replied to a ping. */
  async ping(timeoutMs = 1000): Promise<boolean> {
    const db = this.conn.db;
    if (!db || this.conn.readyState !== 1) return false;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        db
          .command({ ping: 1 }, { timeoutMS: timeoutMs })
          .then((r) => r.ok === 1)
          .catch(() => false),
        new Promise<boolean>((r) => {
          timer = setTimeout(() => r(false), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Creates every declared index. A TTL index the server does not implement (FerretDB 1.x) is
   * created without its TTL option and registered for {@link sweepExpired}, so expiry holds on both.
   */
  async ensureIndexes(): Promise<void> {
    for (const model of Object.values(this.models)) {
      await model.createCollection().catch((e: unknown) => {
        if (errorCode(e) !== 48) throw e; // 48 NamespaceExists
      });
      for (const [fields, options] of model.schema.indexes()) {
        const { background: _bg, unique, ...rest } = options;
        const opts: mongo.CreateIndexesOptions = {
          ...rest,
          ...(unique !== undefined ? { unique: Array.isArray(unique) ? unique[0] : unique } : {}),
        } as mongo.CreateIndexesOptions;
        try {
          await model.collection.createIndex(fields as Record<string, 1 | -1>, opts);
        } catch (e) {
          const ttl = opts.expireAfterSeconds;
          if (errorCode(e) !== NOT_IMPLEMENTED || typeof ttl !== 'number') throw e;
          const { expireAfterSeconds: _drop, ...plain } = opts;
          await model.collection.createIndex(fields as Record<string, 1 | -1>, plain);
          const field = Object.keys(fields)[0] ?? '';
          if (!this.fallbacks.some((f) => f.collection === model.collection.name && f.field === field)) {
            const minIntervalMs = model.collection.name.endsWith('_archive') ? ARCHIVE_SWEEP_INTERVAL_MS : 0;
            this.fallbacks.push({
              collection: model.collection.name,
              field,
              expireAfterSeconds: ttl,
              minIntervalMs,
            });
          }
        }
      }
    }
    if (this.fallbacks.length > 0) {
      this.logger.info(
        { collections: this.fallbacks.map((f) => f.collection) },
        'server has no TTL indexes; the expiry sweeper enforces them',
      );
    }
  }

  /** TTL indexes that run through the sweeper on this server. */
  get ttlFallbacks(): readonly TtlFallback[] {
    return this.fallbacks;
  }

  /**
   * Deletes documents past their TTL where the server cannot; returns how many went. A collection
   * with a minimum interval (the archives) is skipped until that much time has passed.
   */
  async sweepExpired(now: Date): Promise<number> {
    let removed = 0;
    for (const f of this.fallbacks) {
      const last = this.lastSwept.get(f.collection) ?? 0;
      if (f.minIntervalMs > 0 && now.getTime() - last < f.minIntervalMs) continue;
      this.lastSwept.set(f.collection, now.getTime());
      const cutoff = new Date(now.getTime() - f.expireAfterSeconds * 1000);
      const res = await this.conn.collection(f.collection).deleteMany({ [f.field]: { $lte: cutoff } });
      removed += res.deletedCount;
    }
    return removed;
  }

  async close(): Promise<void> {
    closing.add(this.conn);
    await this.conn.close();
  }
}
