import { type mongo, Types } from 'mongoose';
import type { TicketItem } from '../../desk/ticket-queries.js';
import type { PersonView, Role } from '../../domain/people/people.types.js';
import type { BusinessTime } from '../../lib/business-time.js';
import type { Notifier } from '../../notify/notifier.js';
import type { MessageBatch } from '../../outbound/message-batch.js';
import type { ClaimRepository } from '../../persistence/repositories/claim.repository.js';
import type { PeopleRepository } from '../../persistence/repositories/people.repository.js';
import type { AudienceResolver } from '../audience.js';
import type { ClaimResult, DeadlineKind, DueRef } from '../deadline-kind.js';
import {
  type Ladder,
  type LadderKind,
  type Ladders,
  ladderFor,
  type Rung,
  type RungAnchors,
  rungDueAt,
} from '../ladders/escalation-ladder.js';

/** How often a claim reads again after losing a race before it gives the step up for this run. */
const MAX_RACES = 6;

/** A document as the track reads it: its deadline fields and whatever the spec names. */
export type TrackRow = Readonly<Record<string, unknown>>;

export const dateField = (row: TrackRow, field: string): Date | undefined => {
  const v = row[field];
  return v instanceof Date ? v : undefined;
};

const numberField = (row: TrackRow, field: string): number => {
  const v = row[field];
  return typeof v === 'number' ? v : 0;
};

interface HistoryRow {
  readonly at: Date;
  readonly action: string;
  readonly note?: string;
}

const historyOf = (row: TrackRow): HistoryRow[] => {
  const h = row.history;
  return Array.isArray(h)
    ? h.filter((x): x is HistoryRow => typeof x === 'object' && x !== null && x.at instanceof Date)
    : [];
};

/** A `$push` of one history line (the driver's types know no fields of an untyped collection). */
const historyPush = (line: HistoryRow): mongo.PushOperator<mongo.Document> =>
  ({ history: line }) as unknown as mongo.PushOperator<mongo.Document>;

/** One fired rung of one item: what the notice is built from (and rebuilt from on a rerun). */
export interface TrackStep<V> {
  readonly view: V;
  readonly level: number;
  readonly rung: Rung;
  /** The rung's due time: names the step. */
  readonly dueAt: Date;
  readonly anchors: RungAnchors;
}

/**
 * What one ladder over one kind of ticket needs: where its deadline lives (`remindAt`, the next
 * rung's due time, indexed; `rung`, the rung it is), when it still applies, and how it reads.
 */
export interface TrackSpec<V extends { id: string }> {
  /** The deadline kind's name, part of job ids, outbox keys and the history action. */
  readonly name: string;
  readonly ladder: LadderKind;
  /**
   * The aggregate's name in the claims its repository takes (`complaint`, `repair`): the track's
   * writes hold the same `<aggregate>:<id>:v<version>` claim, so they and people's actions apply
   * one after the other (FerretDB 1.x writes a conditional update back without re-checking it).
   */
  readonly aggregate: string;
  readonly collection: mongo.Collection;
  readonly fields: { readonly remindAt: string; readonly rung: string };
  /** Other fields the anchors read. */
  readonly reads: readonly string[];
  /** A filter that holds while the track applies (checked in the claiming update too). */
  readonly live: Readonly<Record<string, unknown>>;
  isLive(v: V): boolean;
  load(id: string): Promise<V | null>;
  severity(v: V): string;
  /** The ladder's anchors besides `previous`: when the wait started and the due time. */
  anchors(v: V, row: TrackRow): { start: Date; due?: Date };
  /** Whom `owner` and `up` mean: the person holding it (if any) and the role. */
  ownership(v: V): { readonly role: Role; readonly ownerId?: string };
  /** Safety matters go at once, day or night. */
  urgent(v: V, rung: Rung): boolean;
  /** The ping: what, for whom, how late, and the rung. */
  text(v: V, step: TrackStep<V>, now: Date): Promise<string>;
  /** The ticket's card, when `p` may act on it now. */
  card(v: V, p: PersonView): TicketItem | undefined;
}

export interface TrackDeps {
  readonly claims: ClaimRepository;
  readonly people: PeopleRepository;
  readonly notifier: Notifier;
  readonly audience: AudienceResolver;
  readonly ladders: Ladders;
  readonly time: BusinessTime;
}

/**
 * A ladder of reminders and escalations over one deadline field of a ticket: the generic claim of
 * the complaint and repair kinds. A claim moves the field to the next rung and records the rung in
 * the ticket's history (`deadline.<name>` at the step's due time) in one conditional update, so a
 * rerun recognises its own claim and rebuilds the same messages under the same outbox keys.
 */
export class LadderTrackKind<V extends { id: string }> implements DeadlineKind<TrackStep<V>> {
  readonly name: string;
  readonly action: string;
  /** Short tag of the kind in card copy ids (`ct` for complaint-take). */
  private readonly tag: string;

  constructor(
    private readonly spec: TrackSpec<V>,
    private readonly d: TrackDeps,
  ) {
    this.name = spec.name;
    this.action = `deadline.${spec.name}`;
    this.tag = spec.name
      .split('-')
      .map((w) => w.slice(0, 1))
      .join('');
  }

  async findDue(now: Date, limit: number): Promise<DueRef[]> {
    const f = this.spec.fields.remindAt;
    const rows = await this.spec.collection
      .find({ [f]: { $lte: now } }, { projection: { _id: 1, [f]: 1 } })
      .sort({ [f]: 1 })
      .limit(limit)
      .toArray();
    return rows.flatMap((r) => {
      const due = dateField(r, f);
      return due ? [{ id: String(r._id), dueAt: due }] : [];
    });
  }

  private ladderOf(v: V): Ladder | undefined {
    return ladderFor(this.d.ladders, this.spec.ladder, this.spec.severity(v));
  }

  private async row(id: string): Promise<TrackRow | null> {
    const { remindAt, rung } = this.spec.fields;
    const projection = Object.fromEntries(
      [remindAt, rung, 'history', 'version', ...this.spec.reads].map((k) => [k, 1] as const),
    );
    return this.spec.collection.findOne({ _id: new Types.ObjectId(id) }, { projection });
  }

  /** The step this run (or an earlier run of the same step) claimed, if its history shows it. */
  private fired(v: V, row: TrackRow, dueAt: Date): TrackStep<V> | undefined {
    const entry = historyOf(row).find((h) => h.action === this.action && h.at.getTime() === dueAt.getTime());
    const ladder = this.ladderOf(v);
    const level = ladder?.rungs.findIndex((r) => r.label === entry?.note) ?? -1;
    const rung = ladder?.rungs[level];
    if (!entry || !rung) return undefined;
    return { view: v, level, rung, dueAt, anchors: { ...this.spec.anchors(v, row), previous: dueAt } };
  }

  /**
   * One write of the track: conditioned on the version read and holding its claim, bumping the
   * version. False when someone changed the ticket first (the caller reads again).
   */
  private async write(
    id: string,
    row: TrackRow,
    filter: Record<string, unknown>,
    update: mongo.UpdateFilter<mongo.Document>,
  ): Promise<boolean> {
    const version = numberField(row, 'version');
    const r = await this.d.claims.versioned(this.spec.aggregate, { id, version }, async (f) => {
      const res = await this.spec.collection.updateOne(
        { ...filter, _id: new Types.ObjectId(f._id), version: f.version },
        { ...update, $inc: { version: 1 } },
      );
      return res.modifiedCount === 1 ? true : null;
    });
    return r === true;
  }

  async claim(ref: DueRef, now: Date): Promise<ClaimResult<TrackStep<V>>> {
    if (!Types.ObjectId.isValid(ref.id)) return { outcome: 'gone' };
    // A lost race (someone acted on the ticket meanwhile) reads again and decides again.
    for (let race = 0; race < MAX_RACES; race++) {
      const r = await this.claimOnce(ref, now);
      if (r !== 'raced') return r;
    }
    return { outcome: 'gone' };
  }

  private async claimOnce(ref: DueRef, now: Date): Promise<ClaimResult<TrackStep<V>> | 'raced'> {
    const v = await this.spec.load(ref.id);
    const row = await this.row(ref.id);
    if (!v || !row) return { outcome: 'gone' };
    const { remindAt, rung: rungField } = this.spec.fields;
    const again = this.fired(v, row, ref.dueAt);
    if (again) return this.spec.isLive(v) ? { outcome: 'reclaimed', step: again } : { outcome: 'gone' };
    if (numberField(row, 'version') !== (v as { version?: number }).version) return 'raced';
    const level = numberField(row, rungField);
    const same = { [remindAt]: ref.dueAt, [rungField]: row[rungField] };
    const ladder = this.ladderOf(v);
    const rung = ladder?.rungs[level];
    if (!this.spec.isLive(v) || !ladder || !rung) {
      if (dateField(row, remindAt)?.getTime() === ref.dueAt.getTime())
        await this.write(ref.id, row, same, { $unset: { [remindAt]: '' } });
      return { outcome: 'gone' };
    }
    if (dateField(row, remindAt)?.getTime() !== ref.dueAt.getTime()) return { outcome: 'gone' };
    const who = await this.audienceOf(v, rung);
    const until = this.d.audience.deliverAt(who, now, this.spec.urgent(v, rung));
    if (until > now) {
      const held = await this.write(ref.id, row, same, { $set: { [remindAt]: until } });
      return held ? { outcome: 'held', until } : 'raced';
    }
    const anchors = { ...this.spec.anchors(v, row), previous: ref.dueAt };
    const next = rungDueAt(ladder, level + 1, anchors, this.d.time);
    const claimed = await this.write(
      ref.id,
      row,
      { ...same, ...this.spec.live },
      {
        $set: { [rungField]: level + 1, ...(next ? { [remindAt]: next } : {}) },
        ...(next ? {} : { $unset: { [remindAt]: '' } }),
        $push: historyPush({ at: ref.dueAt, action: this.action, note: rung.label }),
      },
    );
    const step = { view: v, level, rung, dueAt: ref.dueAt, anchors };
    if (claimed) return { outcome: 'claimed', step, ...(next ? { next } : {}) };
    // Lost a race: a duplicate job of this same step claimed it (same messages), or the ticket changed.
    return 'raced';
  }

  /** The rung's people: `owner` is the person holding the ticket when someone does, else the role. */
  private async audienceOf(v: V, rung: Rung): Promise<PersonView[]> {
    const own = this.spec.ownership(v);
    const out = new Map<string, PersonView>();
    let to = rung.to;
    if (own.ownerId && to.includes('owner')) {
      const p = await this.d.people.get(own.ownerId);
      if (p?.active) {
        out.set(p.id, p);
        to = to.filter((a) => a !== 'owner');
      }
    }
    for (const p of await this.d.audience.resolve(to, { role: own.role })) out.set(p.id, p);
    return [...out.values()];
  }

  async notify(s: TrackStep<V>, batch: MessageBatch, now: Date): Promise<void> {
    // The ticket as it is now: the card must carry the buttons of its current stage.
    const v = (await this.spec.load(s.view.id)) ?? s.view;
    const who = await this.audienceOf(v, s.rung);
    const text = await this.spec.text(v, { ...s, view: v }, now);
    for (const p of who) {
      await batch.toPerson(p.id, () => ({ type: 'text', text }));
      const item = this.spec.card(v, p);
      if (item) await this.d.notifier.cardsFor(p, [item], `${this.tag}${s.level}`, batch);
    }
  }
}

/**
 * The first rung still ahead at `at` (rungs already past when the deadline is planned are
 * skipped: a reply promised within the hour gets no "one hour before" reminder), or undefined.
 */
export const firstRung = (
  ladder: Ladder | undefined,
  anchors: { start: Date; due?: Date },
  at: Date,
  time: BusinessTime,
): { level: number; dueAt: Date } | undefined => {
  if (!ladder) return undefined;
  let previous = anchors.start;
  for (let level = 0; level < ladder.rungs.length; level++) {
    const dueAt = rungDueAt(ladder, level, { ...anchors, previous }, time);
    if (!dueAt) return undefined;
    if (dueAt >= at || level === ladder.rungs.length - 1) return { level, dueAt };
    previous = dueAt;
  }
  return undefined;
};
