import type { TicketKind } from '../src/domain/shared/ticket.types.js';

/** Short aggregate tags in action keys (WeCom keys are at most 1024 bytes; short is kinder to logs). */
const TAG: Record<TicketKind, string> = { complaint: 'cp', repair: 'rp', approval: 'ap' };
const KIND_OF: Record<string, TicketKind> = { cp: 'complaint', rp: 'repair', ap: 'approval' };

export interface ActionKey {
  readonly kind: TicketKind;
  readonly action: string;
  readonly id: string;
  /** The ticket's stage when the card was sent: a click on an older stage is stale. */
  readonly stage: number;
  /** A value the button carries (a rating score). */
  readonly arg?: string;
}

/** `<tag>:<action>:<id>:<stage>[:<arg>]`: the only contract between cards and handlers. */
export const actionKey = (k: ActionKey): string =>
  [TAG[k.kind], k.action, k.id, String(k.stage), ...(k.arg ? [k.arg] : [])].join(':');

export const parseActionKey = (key: string): ActionKey | undefined => {
  const m = /^(cp|rp|ap):([a-z_]{2,20}):([0-9a-f]{24}):(\d{1,4})(?::([A-Za-z0-9_-]{1,16}))?$/.exec(key);
  const kind = m?.[1] ? KIND_OF[m[1]] : undefined;
  if (!m?.[2] || !m[3] || !m[4] || !kind) return undefined;
  return { kind, action: m[2], id: m[3], stage: Number(m[4]), ...(m[5] ? { arg: m[5] } : {}) };
};

/** Whether a key belongs to a ticket card (as opposed to a dialog confirmation). */
export const isTicketKey = (key: string): boolean => /^(cp|rp|ap):/.test(key);

/**
 * A card instance id (WeCom task_id / DingTalk outTrackId): unique forever, so it names the
 * ticket, the stage, the platform, the person and, for a re-sent copy (a to-do list), a suffix.
 */
export const cardInstanceId = (
  kind: TicketKind,
  id: string,
  stage: number,
  platform: string,
  personId: string,
  suffix = '',
): string => `${TAG[kind]}-${id}-${stage}-${platform.slice(0, 2)}-${personId}${suffix ? `-${suffix}` : ''}`;
