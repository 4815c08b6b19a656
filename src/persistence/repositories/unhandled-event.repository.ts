import type { Clock } from '../../lib/clock.js';
import { redactIdNumbers } from '../../nlu/slots/contact.js';
import type { Platform } from '../../platforms/inbound-event.js';
import type { Models } from '../db.js';
import { UNHANDLED_RETENTION_DAYS } from '../models/unhandled-event.model.js';

/** Payload text kept per record; enough to see what the push was. */
const PAYLOAD_MAX = 8 * 1024;

export interface UnhandledRecord {
  readonly platform: Platform;
  readonly source: string;
  readonly disposition: 'ignored' | 'dead_letter';
  readonly eventType: string;
  readonly reason?: string;
  readonly payload: string;
}

/** The record of verified pushes that did not become inbound events (see the model). */
export class UnhandledEventRepository {
  constructor(
    private readonly models: Models,
    private readonly clock: Clock,
  ) {}

  async record(r: UnhandledRecord): Promise<void> {
    const now = this.clock.now();
    await this.models.UnhandledEvent.create({
      platform: r.platform,
      source: r.source.slice(0, 64),
      disposition: r.disposition,
      eventType: r.eventType.slice(0, 128),
      reason: (r.reason ?? '').slice(0, 500),
      payload: redactIdNumbers(r.payload.slice(0, PAYLOAD_MAX)),
      receivedAt: now,
      expiresAt: new Date(now.getTime() + UNHANDLED_RETENTION_DAYS * 86_400_000),
    });
  }

  /** For tests and tools: records of one disposition, oldest first. */
  async list(disposition: 'ignored' | 'dead_letter'): Promise<UnhandledRecord[]> {
    const rows = await this.models.UnhandledEvent.find({ disposition }).sort({ receivedAt: 1 }).lean();
    return rows.map((r) => ({
      platform: r.platform,
      source: r.source,
      disposition: r.disposition,
      eventType: r.eventType,
      reason: r.reason,
      payload: r.payload,
    }));
  }
}
