import { z } from 'zod';
import { PLATFORMS } from '../persistence/models/identity.model.js';

/**
 * The platform-neutral inbound event. WeCom XML and DingTalk JSON (HTTP or Stream) are all turned
 * into this one shape by their receivers; everything after the receiver only sees this.
 */
export const InboundEventSchema = z.object({
  platform: z.enum(PLATFORMS),
  /** Platform identity of the delivery, unique per platform (the de-duplication key). */
  dedupeKey: z.string().min(1).max(512),
  kind: z.enum(['message', 'action', 'menu', 'enter', 'contact', 'other']),
  /** Sender's platform user id (WeCom UserID, DingTalk staffId). */
  userId: z.string(),
  /** ISO time the platform says the event happened. */
  at: z.string(),
  conversation: z.object({
    type: z.enum(['direct', 'group']),
    id: z.string(),
    title: z.string().optional(),
  }),
  message: z
    .object({
      type: z.enum(['text', 'image', 'voice', 'video', 'location', 'link', 'file', 'rich', 'unknown']),
      /** Text as the person wrote it (mentions stripped); voice recognition where the platform gives it. */
      text: z.string().optional(),
      mediaId: z.string().optional(),
      location: z.object({ lat: z.number(), lng: z.number(), label: z.string() }).optional(),
      link: z.object({ title: z.string(), url: z.string() }).optional(),
    })
    .optional(),
  action: z
    .object({
      /** WeCom task_id / DingTalk outTrackId of the card. */
      cardId: z.string(),
      /** The button (or submit) key pressed. */
      key: z.string(),
      selected: z.array(z.object({ questionKey: z.string(), optionIds: z.array(z.string()) })).optional(),
      /** WeCom one-use code to update the card after this click. */
      responseCode: z.string().optional(),
      cardType: z.string().optional(),
      params: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  menu: z
    .object({ key: z.string(), cardId: z.string().optional(), responseCode: z.string().optional() })
    .optional(),
  contact: z
    .object({
      changeType: z.string(),
      userId: z.string(),
      newUserId: z.string().optional(),
      name: z.string().optional(),
    })
    .optional(),
  /** DingTalk reply channel for this message, valid until `expiresAt`. */
  session: z.object({ webhook: z.string(), expiresAt: z.string() }).optional(),
  /** Group messages: whether the bot was @-mentioned. */
  mentioned: z.boolean().optional(),
  /** The platform event name, for events that are passed through (`subscribe`, `LOCATION`...). */
  eventName: z.string().optional(),
  /**
   * Set at intake, never by a receiver: each valid resident ID number the text carried, as its
   * masked form (what the text now says) and encrypted (AES-256-GCM), when a key is configured.
   */
  sealedIds: z
    .array(z.object({ masked: z.string().max(32), sealed: z.string().max(200) }))
    .max(5)
    .optional(),
});

export type InboundEvent = z.infer<typeof InboundEventSchema>;
export type Platform = InboundEvent['platform'];
