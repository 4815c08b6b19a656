import { z } from 'zod';
import { CardSchema } from '../../cards/card.types.js';

/** What the bot says, before any platform rendering. Stored as is in the outbox. */
export const OutboundMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string().min(1) }),
  /**
   * A text carrying one resident ID number, stored and queued encrypted: the sender opens
   * `sealed` and puts the number where `{ID}` stands, at send time only (an audited reveal).
   */
  z.object({ type: z.literal('sealed_text'), text: z.string().min(1), sealed: z.string().min(1) }),
  z.object({ type: z.literal('markdown'), title: z.string().min(1), text: z.string().min(1) }),
  z.object({
    type: z.literal('card'),
    card: CardSchema,
    /** What the card is about, so a decision can find and update every copy of it. */
    subject: z.object({ kind: z.string(), id: z.string(), stage: z.number().int().min(0).optional() }),
  }),
  z.object({
    type: z.literal('card_update'),
    /** The card instance to update (one per recipient). */
    cardId: z.string(),
    /** Button text replacement (buttons become a disabled label), or a whole new card. */
    replaceName: z.string().optional(),
    card: CardSchema.optional(),
    /** A response code from the click that caused the update, if it came with one. */
    responseCode: z.string().optional(),
    /** Sent as a new message when the card can no longer be updated (expired response code). */
    fallbackText: z.string().optional(),
  }),
  z.object({
    type: z.literal('attachment'),
    /** A stored photo or file (attachments collection): loaded and uploaded at send time. */
    attachmentId: z.string().regex(/^[0-9a-f]{24}$/),
  }),
  z.object({
    type: z.literal('image'),
    /** PNG bytes, Base64 (digest charts); uploaded as media at send time. */
    pngBase64: z.string().min(1),
    filename: z.string().default('image.png'),
  }),
]);

export type OutboundMessage = z.infer<typeof OutboundMessageSchema>;
export type OutboundMessageInput = z.input<typeof OutboundMessageSchema>;

/** Who receives it: a platform user, or a group conversation. */
export interface Recipient {
  readonly platform: 'wecom' | 'dingtalk';
  readonly userId?: string;
  readonly conversationId?: string;
  /** DingTalk session webhook of the message being answered, usable until it expires. */
  readonly session?: { readonly webhook: string; readonly expiresAt: string };
}
