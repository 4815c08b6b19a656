import type { InboundEvent } from '../inbound-event.js';

/** Organisation events the bot acts on; every other verified push is acknowledged and recorded. */
export const ACTED_EVENT_TYPES = ['user_leave_org'] as const;

/** What a verified event push (HTTP subscription or Stream EVENT frame) comes to. */
export type EventPush =
  /** Inbound events to store: one per user the push names. */
  | { readonly kind: 'act'; readonly eventType: string; readonly events: readonly InboundEvent[] }
  /** Nothing the bot acts on (check_url, suite tickets, other org or approval-flow events). */
  | { readonly kind: 'ignore'; readonly eventType: string }
  /** A push the bot should act on but cannot read: goes to the dead-letter record. */
  | { readonly kind: 'invalid'; readonly eventType: string; readonly reason: string };

const USER_ID_RE = /^[A-Za-z0-9_$:.@-]{1,64}$/;

const record = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/**
 * Classifies a decrypted event payload. `eventType` comes from the payload (`EventType`) over HTTP
 * and from the frame headers over Stream; `identity` is what makes the push unique (a hash of the
 * plaintext, or the Stream event id) and goes into the de-duplication key with each user.
 */
export const classifyEventPush = (
  payload: unknown,
  o: { readonly eventType?: string; readonly identity: string; readonly at: Date },
): EventPush => {
  const p = record(payload);
  const fromPayload = typeof p?.EventType === 'string' ? p.EventType : undefined;
  const eventType = (o.eventType ?? fromPayload ?? 'unknown').slice(0, 128);
  if (!(ACTED_EVENT_TYPES as readonly string[]).includes(eventType)) return { kind: 'ignore', eventType };
  if (!p) return { kind: 'invalid', eventType, reason: 'payload is not a JSON object' };
  const raw = p.UserId ?? p.userId;
  const ids = Array.isArray(raw) ? raw : [raw];
  const users = ids.filter((u): u is string => typeof u === 'string' && USER_ID_RE.test(u));
  if (users.length === 0 || users.length !== ids.length) {
    return { kind: 'invalid', eventType, reason: 'UserId is missing or not a list of user ids' };
  }
  return {
    kind: 'act',
    eventType,
    events: [...new Set(users)].map((userId) => ({
      platform: 'dingtalk',
      dedupeKey: `evt:${eventType}:${o.identity}:${userId}`,
      kind: 'contact',
      userId,
      at: o.at.toISOString(),
      conversation: { type: 'direct', id: userId },
      eventName: eventType,
      contact: { changeType: eventType, userId },
    })),
  };
};
