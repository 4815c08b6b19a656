import type { AppDeps } from '../src/app/deps.js';
import type { OutboundMessageInput, Recipient } from '../src/messages/outbound-message.js';
import { MessageBatch } from '../src/outbound/message-batch.js';
import type { PersonView } from '../src/persistence/repositories/people.repository.js';
import type { InboundEvent, Platform } from '../src/platforms/inbound-event.js';

/** Everything one handler run needs: the event, who sent it, and where its replies go. */
export class HandlerContext {
  readonly batch: MessageBatch;
  /** Work to do after the replies are stored (dialog state commits), in order. */
  private readonly afterFlush: (() => Promise<void>)[] = [];

  constructor(
    readonly deps: AppDeps,
    readonly event: InboundEvent,
    readonly inboundId: string,
    public actor: PersonView | null,
  ) {
    this.batch = new MessageBatch(`in-${inboundId}`, deps.repos.people, enabledPlatforms(deps));
  }

  get now(): Date {
    return this.deps.clock.now();
  }

  /** The account that sent the event. */
  get sender(): { platform: Platform; userId: string } {
    return { platform: this.event.platform, userId: this.event.userId };
  }

  /** Where a reply to this event goes: the sender, through the session webhook while it is valid. */
  get replyTo(): Recipient {
    const e = this.event;
    return {
      platform: e.platform,
      userId: e.userId,
      ...(e.conversation.type === 'group' ? { conversationId: e.conversation.id } : {}),
      ...(e.session ? { session: e.session } : {}),
    };
  }

  reply(message: OutboundMessageInput): void {
    this.batch.to(this.replyTo, message);
  }

  replyText(text: string): void {
    this.reply({ type: 'text', text });
  }

  /** Runs `fn` once the replies are safely in the outbox. */
  onFlushed(fn: () => Promise<void>): void {
    this.afterFlush.push(fn);
  }

  /**
   * Stores the replies, then commits follow-up state (the dialog), then lets the replies go. A
   * person who answers a question the moment it arrives must find the dialog already saved.
   */
  async flush(): Promise<void> {
    const ids = await this.batch.store(this.deps.outbound);
    for (const fn of this.afterFlush.splice(0)) await fn();
    await this.deps.outbound.wake(ids);
  }
}

export const enabledPlatforms = (deps: AppDeps): Platform[] => [
  ...(deps.senders.wecom ? (['wecom'] as const) : []),
  ...(deps.senders.dingtalk ? (['dingtalk'] as const) : []),
];

/** A listener: the first handler whose `match` accepts the event handles it. */
export interface Handler {
  readonly name: string;
  match(ctx: HandlerContext): boolean;
  handle(ctx: HandlerContext): Promise<void>;
}
