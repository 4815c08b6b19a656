import type { Clock } from '../../lib/clock.js';
import type { Platform } from '../../platforms/inbound-event.js';
import type { Models } from '../db.js';
import { isDuplicateKey } from './mongo-errors.js';

export interface CardInstance {
  readonly cardId: string;
  readonly platform: Platform;
  readonly subjectKind: string;
  readonly subjectId: string;
  readonly stage: number;
  readonly recipients: readonly string[];
  readonly state: 'open' | 'closed';
  /** The newest unused WeCom response code for this card, if any. */
  readonly responseCode: string | undefined;
}

/** Card instances sent to people, so a decision can find and update every copy. */
export class CardRepository {
  constructor(
    private readonly models: Models,
    private readonly clock: Clock,
  ) {}

  /** Registers a card id once (ids are unique forever); a second call is a no-op. */
  async register(
    cardId: string,
    platform: Platform,
    subject: { kind: string; id: string; stage?: number | undefined },
    recipient: string,
  ): Promise<void> {
    try {
      await this.models.Card.create({
        cardId,
        platform,
        subjectKind: subject.kind,
        subjectId: subject.id,
        stage: subject.stage ?? 0,
        recipients: recipient ? [recipient] : [],
        createdAt: this.clock.now(),
      });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
  }

  /** Remembers the latest response code usable to update this card (replacing older ones). */
  async setResponseCode(cardId: string, code: string): Promise<void> {
    await this.models.Card.updateOne(
      { cardId },
      { $set: { responseCode: code, responseCodeAt: this.clock.now() } },
    );
  }

  /** Takes the stored response code (one use): returns it and removes it atomically. */
  async takeResponseCode(cardId: string): Promise<string | undefined> {
    const before = await this.models.Card.findOneAndUpdate(
      { cardId, responseCode: { $ne: '' } },
      { $set: { responseCode: '' } },
      { new: false },
    ).lean();
    return before?.responseCode || undefined;
  }

  async get(cardId: string): Promise<CardInstance | null> {
    const row = await this.models.Card.findOne({ cardId }).lean();
    return row ? toInstance(row) : null;
  }

  async forSubject(kind: string, id: string): Promise<CardInstance[]> {
    const rows = await this.models.Card.find({ subjectKind: kind, subjectId: id })
      .sort({ createdAt: 1 })
      .lean();
    return rows.map(toInstance);
  }

  /** Open copies of a subject's cards sent before stage `before` (what a transition must close). */
  async openBefore(kind: string, id: string, before: number): Promise<CardInstance[]> {
    return (await this.forSubject(kind, id)).filter((c) => c.state === 'open' && c.stage < before);
  }

  async close(cardId: string): Promise<void> {
    await this.models.Card.updateOne({ cardId }, { $set: { state: 'closed', closedAt: this.clock.now() } });
  }
}

const toInstance = (row: {
  cardId: string;
  platform: Platform;
  subjectKind: string;
  subjectId: string;
  stage?: number | null;
  recipients: string[];
  state: 'open' | 'closed';
  responseCode: string;
}): CardInstance => ({
  cardId: row.cardId,
  platform: row.platform,
  subjectKind: row.subjectKind,
  subjectId: row.subjectId,
  stage: row.stage ?? 0,
  recipients: row.recipients,
  state: row.state,
  responseCode: row.responseCode || undefined,
});
