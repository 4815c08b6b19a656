import type { PersonView } from '../src/domain/people/people.types.js';
import type { BusinessTime } from '../src/lib/business-time.js';
import type { OutboundMessageInput, Recipient } from '../src/messages/outbound-message.js';
import type { MessageBatch } from '../src/outbound/message-batch.js';
import type { InboundEvent, Platform } from '../src/platforms/inbound-event.js';

/**
 * One handler run: the event, who sent it, and where the replies go. It carries no services:
 * each handler is built with the few it uses (handlers/index.ts).
 */
export class HandlerContext {
  /** Work to do after the replies are stored (dialog state commits), in order. */
  readonly afterFlush: (() => Promise<void>)[] = [];
  /** Whether anything was said to the group itself, and whether the sender got private replies. */
  announced = false;
  repliedPrivately = false;

  constructor(
    readonly event: InboundEvent,
    readonly inboundId: string,
    public actor: PersonView | null,
    readonly batch: MessageBatch,
    readonly time: BusinessTime,
  ) {}

  get now(): Date {
    return this.time.clock.now();
  }

  /** The account that sent the event. */
  get sender(): { platform: Platform; userId: string } {
    return { platform: this.event.platform, userId: this.event.userId };
  }

  get inGroup(): boolean {
    return this.event.conversation.type === 'group';
  }

  /**
   * The sender, privately. In a direct chat the DingTalk session webhook answers fastest; in a group
   * the session webhook would post to the group, so a private reply goes to the person instead.
   */
  private get privateTo(): Recipient {
    const e = this.event;
    return {
      platform: e.platform,
      userId: e.userId,
      ...(e.session && !this.inGroup ? { session: e.session } : {}),
    };
  }

  /** A reply only the sender sees (dialog questions, cards, codes, lists, personal details). */
  reply(message: OutboundMessageInput): void {
    if (this.inGroup) this.repliedPrivately = true;
    this.batch.to(this.privateTo, message);
  }

  replyText(text: string): void {
    this.reply({ type: 'text', text });
  }

  /**
   * Words safe for everyone in the group (an acknowledgement, a ticket number). In a direct chat
   * it is an ordinary reply.
   */
  announce(text: string): void {
    const e = this.event;
    if (!this.inGroup) {
      this.replyText(text);
      return;
    }
    this.announced = true;
    this.batch.to(
      {
        platform: e.platform,
        conversationId: e.conversation.id,
        ...(e.session ? { session: e.session } : {}),
      },
      { type: 'text', text },
    );
  }

  /** Runs `fn` once the replies are safely in the outbox. */
  onFlushed(fn: () => Promise<void>): void {
    this.afterFlush.push(fn);
  }
}

/** A listener: the first handler whose `match` accepts the event handles it. */
export interface Handler {
  readonly name: string;
  match(ctx: HandlerContext): boolean | Promise<boolean>;
  handle(ctx: HandlerContext): Promise<void>;
}
