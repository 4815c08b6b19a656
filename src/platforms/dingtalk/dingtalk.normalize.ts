import { DINGTALK_SESSION_WEBHOOK_BASE } from '../../config/env.js';
import { AppError, AppErrorCode } from '../../lib/errors.js';
import type { InboundEvent } from '../inbound-event.js';
import { sessionWebhookAllowed } from './dingtalk.origin.js';
import { CardCallbackContentSchema, CardCallbackSchema, RobotMessageSchema } from './dingtalk.schema.js';

const malformed = (message: string, reason: string) =>
  new AppError(AppErrorCode.MALFORMED_BODY, message, { reason });

/**
 * Group messages start with the @-mention of the robot (often after a space): strip it. ID numbers
 * are masked (and sealed) by the intake before the event is stored (src/inbound/mask-event.ts).
 */
export const stripMention = (text: string): string => text.replace(/^\s*(@\S+\s+)+/u, '').trim();

/**
 * A robot message (HTTP callback or Stream) as the platform-neutral {@link InboundEvent}; the
 * de-duplication key is the msgId. The session webhook travels with it for the reply, but only
 * when it is DingTalk's own endpoint (`sessionWebhookBase`); any other URL is dropped here, so it
 * is never stored and never called (the reply then goes through the send API).
 */
export const normalizeRobotMessage = (
  body: unknown,
  o: { readonly sessionWebhookBase?: string } = {},
): InboundEvent => {
  const parsed = RobotMessageSchema.safeParse(body);
  if (!parsed.success)
    throw malformed('robot message does not match the DingTalk format', 'dingtalk_bad_message');
  const m = parsed.data;
  const userId = m.senderStaffId || m.senderId;
  if (!userId) throw malformed('robot message has no sender', 'dingtalk_no_sender');
  const group = m.conversationType === '2';
  const base = {
    platform: 'dingtalk' as const,
    dedupeKey: `msg:${m.msgId}`,
    kind: 'message' as const,
    userId,
    at: new Date(clampTime(m.createAt)).toISOString(),
    conversation: {
      type: group ? ('group' as const) : ('direct' as const),
      id: m.conversationId,
      ...(m.conversationTitle ? { title: m.conversationTitle } : {}),
    },
    ...(group ? { mentioned: m.isInAtList ?? true } : {}),
    ...(m.sessionWebhook &&
    Number.isFinite(m.sessionWebhookExpiredTime) &&
    sessionWebhookAllowed(m.sessionWebhook, o.sessionWebhookBase ?? DINGTALK_SESSION_WEBHOOK_BASE)
      ? {
          session: {
            webhook: m.sessionWebhook,
            expiresAt: new Date(clampTime(m.sessionWebhookExpiredTime ?? 0)).toISOString(),
          },
        }
      : {}),
  };
  switch (m.msgtype) {
    case 'text':
      return { ...base, message: { type: 'text', text: stripMention(m.text?.content ?? '') } };
    case 'audio':
      // DingTalk already transcribes voice; the recognition is read like typed text.
      return {
        ...base,
        message: {
          type: 'voice',
          text: m.content?.recognition ?? '',
          ...mediaOf(m.content?.downloadCode),
        },
      };
    case 'picture':
      return { ...base, message: { type: 'image', ...mediaOf(m.content?.downloadCode) } };
    case 'video':
      return { ...base, message: { type: 'video', ...mediaOf(m.content?.downloadCode) } };
    case 'file':
      return { ...base, message: { type: 'file', ...mediaOf(m.content?.downloadCode) } };
    case 'richText':
      return {
        ...base,
        message: {
          type: 'rich',
          text: stripMention((m.content?.richText ?? []).map((p) => p.text ?? '').join('')),
        },
      };
    default:
      return { ...base, message: { type: 'unknown' } };
  }
};

/** A platform time in ms, kept inside what a Date can hold (a hostile value would throw). */
const clampTime = (ms: number): number =>
  Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 8_640_000_000_000_000) : 0;

/** Button parameters the card template sends back: short keys and plain values only. */
const PARAM_KEY_RE = /^[A-Za-z0-9_-]{1,64}$/;
const PARAM_VALUE_MAX = 1024;

const cleanParams = (params: Record<string, unknown>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params).slice(0, 32)) {
    // Keys with '.' or '$' are refused by the store, and nested values are never ours.
    if (!PARAM_KEY_RE.test(k)) continue;
    if (typeof v === 'string') out[k] = v.slice(0, PARAM_VALUE_MAX);
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
};

const mediaOf = (code: string | undefined) => (code ? { mediaId: code } : {});

/** A card button press as an `action` event, exactly like a WeCom template_card_event. */
export const normalizeCardCallback = (body: unknown, at: Date): InboundEvent => {
  const parsed = CardCallbackSchema.safeParse(body);
  if (!parsed.success)
    throw malformed('card callback does not match the DingTalk format', 'dingtalk_bad_card');
  const c = parsed.data;
  let content: unknown;
  try {
    content = JSON.parse(c.content);
  } catch {
    throw malformed('card callback content is not JSON', 'dingtalk_bad_card_content');
  }
  const inner = CardCallbackContentSchema.safeParse(content);
  if (!inner.success)
    throw malformed('card callback content has no cardPrivateData', 'dingtalk_bad_card_content');
  const params = cleanParams(inner.data.cardPrivateData.params ?? {});
  const key = params.action_key ?? inner.data.cardPrivateData.actionIds?.[0] ?? '';
  if (!key) throw malformed('card callback names no action', 'dingtalk_no_action');
  return {
    platform: 'dingtalk',
    dedupeKey: `card:${c.outTrackId}|${c.userId}|${key}`,
    kind: 'action',
    userId: c.userId,
    at: at.toISOString(),
    conversation: { type: 'direct', id: c.userId },
    action: { cardId: c.outTrackId, key, params },
  };
};
