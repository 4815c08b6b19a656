import type { OutboundMessageInput, Recipient } from '../messages/outbound-message.js';
import type { NewOutbox } from '../persistence/repositories/outbox.repository.js';
import type { PeopleRepository } from '../persistence/repositories/people.repository.js';
import type { Platform } from '../platforms/inbound-event.js';
import type { OutboundService } from './outbound.service.js';

/**
 * Messages produced while handling one cause (an inbound event, a job run). Keys are the cause
 * plus a running number, so handling the same cause again produces the same keys and the outbox
 * sends each message once.
 */
export class MessageBatch {
  private readonly items: NewOutbox[] = [];

  constructor(
    private readonly cause: string,
    private readonly people: PeopleRepository,
    private readonly enabled: readonly Platform[],
  ) {}

  /** To one platform recipient. */
  to(to: Recipient, message: OutboundMessageInput): void {
    if (!this.enabled.includes(to.platform)) return;
    this.items.push({ key: `${this.cause}:${this.items.length}`, to, message });
  }

  /**
   * To a person on every enabled platform they are bound on. `build` is called per platform
   * account, so each copy of a card can get its own id; it may return nothing to skip one. Returns how many copies were queued.
   */
  async toPerson(
    personId: string,
    build: (account: { platform: Platform; userId: string }) => OutboundMessageInput | undefined,
  ): Promise<number> {
    const accounts = await this.people.identitiesOf(personId);
    let n = 0;
    for (const a of accounts) {
      if (!this.enabled.includes(a.platform)) continue;
      const message = build({ platform: a.platform, userId: a.platformUserId });
      if (!message) continue;
      this.to({ platform: a.platform, userId: a.platformUserId }, message);
      n++;
    }
    return n;
  }

  get size(): number {
    return this.items.length;
  }

  /** Stores every message in the outbox and wakes the senders. */
  async flush(outbound: OutboundService): Promise<void> {
    await outbound.enqueue(this.items.splice(0));
  }

  /** Stores every message in the outbox without waking the senders yet; returns the row ids. */
  async store(outbound: OutboundService): Promise<string[]> {
    return outbound.store(this.items.splice(0));
  }
}
