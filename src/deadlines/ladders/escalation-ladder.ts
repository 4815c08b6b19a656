import { z } from 'zod';
import { ROLES } from '../../domain/people/people.types.js';
import type { BusinessTime } from '../../lib/business-time.js';

/**
 * Who hears about a rung: `owner` (whoever holds the item now), `up` (the rung above the owner's
 * role on the duty ladder), `next_holder` (another holder of the owner's role, else the rung
 * above), `borrower` (who has the key or archive), or a role resolved to whoever is on duty.
 */
const AudienceSchema = z.union([
  z.enum(['owner', 'up', 'next_holder', 'borrower']),
  z.object({ role: z.enum(ROLES).exclude(['tenant']) }).strict(),
]);

/** When a rung falls due: minutes from an anchor (negative before a due time), or the next office opening. */
const WhenSchema = z.union([
  z
    .object({
      from: z.enum(['start', 'due', 'previous']),
      minutes: z
        .number()
        .int()
        .min(-7 * 24 * 60)
        .max(30 * 24 * 60),
      clock: z.enum(['wall', 'business']).default('wall'),
    })
    .strict(),
  z.object({ from: z.literal('previous'), nextOpening: z.literal(true) }).strict(),
]);

export const RungSchema = z
  .object({
    /** What the rung does, in Chinese, shown in the message and the timeline. */
    label: z.string().min(1).max(40),
    when: WhenSchema,
    /** remind: nudge the owner; pass: hand the item to someone else; tell: inform upward. */
    action: z.enum(['remind', 'pass', 'tell']),
    to: z.array(AudienceSchema).min(1).max(5),
    /** Safety matters: delivered at once, day or night, not held for a shift. */
    urgent: z.boolean().default(false),
  })
  .strict();

export const LadderSchema = z
  .object({ rungs: z.array(RungSchema).min(1).max(10) })
  .strict()
  .superRefine((l, ctx) => {
    const first = l.rungs[0]?.when;
    if (first && first.from === 'previous')
      ctx.addIssue({
        code: 'custom',
        path: ['rungs', 0, 'when'],
        message: 'the first rung cannot count from a previous one',
      });
    l.rungs.forEach((r, i) => {
      if (r.when.from === 'previous' && 'minutes' in r.when && r.when.minutes < 0)
        ctx.addIssue({
          code: 'custom',
          path: ['rungs', i, 'when'],
          message: 'a rung cannot fall due before the previous one',
        });
    });
  });

export const LADDER_KINDS = [
  'complaint-take',
  'complaint-reply',
  'repair-ack',
  'repair-target',
  'approval-step',
  'loan-return',
  'violation-fixby',
  'ticket-resume',
] as const;
export type LadderKind = (typeof LADDER_KINDS)[number];

/** Per kind, per severity (`*` for any): complaint kinds, repair urgencies, approval types. */
export const LaddersSchema = z.partialRecord(
  z.enum(LADDER_KINDS),
  z.record(z.string().regex(/^(\*|[a-z_]{1,30})$/), LadderSchema),
);

export type Audience = z.infer<typeof AudienceSchema>;
export type Rung = z.infer<typeof RungSchema>;
export type Ladder = z.infer<typeof LadderSchema>;
export type Ladders = z.infer<typeof LaddersSchema>;

/** The ladder for a kind and severity (the `*` ladder when the severity has none). */
export const ladderFor = (ladders: Ladders, kind: LadderKind, severity: string): Ladder | undefined =>
  ladders[kind]?.[severity] ?? ladders[kind]?.['*'];

export interface RungAnchors {
  /** When the item started waiting (filed, step opened, borrowed). */
  readonly start: Date;
  /** The promised or target time, for rungs counted from it. */
  readonly due?: Date;
  /** When the previous rung fell due (for the first rung, `start`). */
  readonly previous: Date;
}

/** When rung `level` falls due, or undefined past the top of the ladder (or without a due time). */
export const rungDueAt = (
  ladder: Ladder,
  level: number,
  anchors: RungAnchors,
  time: BusinessTime,
): Date | undefined => {
  const rung = ladder.rungs[level];
  if (!rung) return undefined;
  const w = rung.when;
  if ('nextOpening' in w) return time.calendar.hours.nextOpening(anchors.previous);
  const anchor = w.from === 'start' ? anchors.start : w.from === 'due' ? anchors.due : anchors.previous;
  if (!anchor) return undefined;
  if (w.clock === 'business' && w.minutes >= 0) return time.calendar.hours.addMs(anchor, w.minutes * 60_000);
  return new Date(anchor.getTime() + w.minutes * 60_000);
};
