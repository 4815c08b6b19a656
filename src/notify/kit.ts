import { cardInstanceId } from '../../cards/action-key.js';
import type { Card } from '../../cards/card.types.js';
import type { StandInStore } from '../domain/approval/approval.ports.js';
import type { DutyService } from '../domain/duty/duty.service.js';
import { type PersonView, type Role, SYSTEM_ID } from '../domain/people/people.types.js';
import type { Channel, HistoryEntry, TicketKind } from '../domain/shared/ticket.types.js';
import type { BusinessTime } from '../lib/business-time.js';
import type { MessageBatch } from '../outbound/message-batch.js';
import type { CardRepository } from '../persistence/repositories/card.repository.js';
import type { PeopleRepository } from '../persistence/repositories/people.repository.js';

/** What the notifier reads: who is on duty, names, card copies, the business clock. */
export interface NotifierDeps {
  readonly duty: DutyService;
  readonly people: PeopleRepository;
  readonly cards: CardRepository;
  readonly time: BusinessTime;
  /** The lift maintenance company's chat accounts (configured). */
  readonly liftContacts: readonly { readonly platform: 'wecom' | 'dingtalk'; readonly userId: string }[];
  /** Stand-ins named by approvers: their deputies get the approver's cards ("代 X 审批"). */
  readonly standIns?: StandInStore;
}

/**
 * Card subjects that are not a ticket's own stage cards: a closed complaint's callback-visit card
 * (回访) is closed by the visit, not by a stage change (the tenant's rating card stays open).
 */
export type CardSubjectKind = 'complaint-callback';

/** A card presenter: the ticket in, a card out, for one recipient. */
export type Present<V> = (v: V, cardId: string, person: PersonView) => Card | undefined;

/**
 * The shared moves of every notice: resolve people, name them, send per-person cards, close the
 * copies of a passed stage, tell a tenant on the channel they wrote from. Built per batch.
 */
export class NoticeKit {
  private readonly names = new Map<string, string>();

  constructor(
    readonly d: NotifierDeps,
    readonly batch: MessageBatch,
  ) {}

  when(d: Date): string {
    return this.d.time.human(d);
  }

  async person(id: string | undefined): Promise<PersonView | null> {
    return id ? this.d.people.get(id) : null;
  }

  async name(id: string | undefined, fallback = '他人'): Promise<string> {
    if (!id) return fallback;
    if (id === SYSTEM_ID) return '系统';
    const cached = this.names.get(id);
    if (cached) return cached;
    const n = (await this.d.people.get(id))?.name ?? fallback;
    this.names.set(id, n);
    return n;
  }

  /** Everyone on duty now for each role (each person once). */
  async onDuty(roles: readonly Role[]): Promise<PersonView[]> {
    const seen = new Map<string, PersonView>();
    for (const role of new Set(roles)) {
      for (const p of (await this.d.duty.resolve(role)).people) seen.set(p.id, p);
    }
    return [...seen.values()];
  }

  /** A per-person card about a ticket, on every platform the person uses. */
  async card<V extends { id: string; stage: number }>(
    kind: TicketKind,
    v: V,
    person: PersonView,
    present: Present<V>,
    suffix = '',
  ): Promise<number> {
    return this.batch.toPerson(person.id, ({ platform }) => {
      const card = present(v, cardInstanceId(kind, v.id, v.stage, platform, person.id, suffix), person);
      return card ? { type: 'card', subject: { kind, id: v.id, stage: v.stage }, card } : undefined;
    });
  }

  /** The photos of a ticket to a person, one message each (after the card that names them). */
  async photos(personId: string, attachmentIds: readonly string[]): Promise<void> {
    for (const attachmentId of attachmentIds) {
      await this.batch.toPerson(personId, () => ({ type: 'attachment', attachmentId }));
    }
  }

  /** A text to a person on every platform they use. */
  async text(personId: string, text: string): Promise<void> {
    await this.batch.toPerson(personId, () => ({ type: 'text', text }));
  }

  /** A text to the person who filed, on the platform and account they filed from (never a group). */
  toChannel(channel: Channel, text: string): void {
    this.batch.to({ platform: channel.platform, userId: channel.userId }, { type: 'text', text });
  }

  cardToChannel(channel: Channel, kind: TicketKind, id: string, stage: number, card: Card): void {
    this.batch.to(
      { platform: channel.platform, userId: channel.userId },
      { type: 'card', subject: { kind, id, stage }, card },
    );
  }

  /**
   * Every copy of the ticket's cards from before `stage` shows the outcome, who and when, in place
   * of its buttons, for every recipient.
   */
  async closeBefore(
    kind: TicketKind | CardSubjectKind,
    id: string,
    stage: number,
    label: string,
    fallback: string,
  ): Promise<void> {
    for (const c of await this.d.cards.openBefore(kind, id, stage)) {
      for (const user of c.recipients) {
        this.batch.to(
          { platform: c.platform, userId: user },
          { type: 'card_update', cardId: c.cardId, replaceName: label, fallbackText: fallback },
        );
      }
    }
  }

  /** "已接单 · 马工 · 11月29日 14:05". */
  async doneLabel(done: string, entry: HistoryEntry): Promise<string> {
    return `${done} · ${await this.name(entry.actorId, '系统')} · ${this.when(entry.at)}`;
  }
}
