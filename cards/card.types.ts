import { z } from 'zod';

/**
 * The platform-neutral interactive card. Presenters in cards/ build it from domain objects (pure,
 * no I/O); cards/render/ turns it into a WeCom template_card or DingTalk card payload.
 */
export const CardActionSchema = z.object({
  /** `<aggregate>:<verb>:<id>`, e.g. `approval:approve:665f...`: the only contract with handlers/. */
  key: z.string().min(1).max(256),
  label: z.string().min(1).max(20),
  style: z.enum(['primary', 'danger', 'default']).default('default'),
});

export const CardSchema = z.object({
  /** WeCom task_id / DingTalk outTrackId: unique forever, `[0-9A-Za-z_-]` only. */
  cardId: z.string().regex(/^[0-9A-Za-z_-]{1,128}$/),
  title: z.string().min(1),
  description: z.string().default(''),
  /** Source line shown on top of the card. */
  source: z.string().default('商场运营部'),
  emphasis: z.object({ title: z.string(), desc: z.string() }).optional(),
  fields: z.array(z.object({ label: z.string(), value: z.string() })).default([]),
  actions: z.array(CardActionSchema).default([]),
  /** A quoted block (the tenant's own words). */
  quote: z.string().optional(),
  /** Set once decided: buttons give way to this label for every recipient. */
  closedLabel: z.string().optional(),
});

export type Card = z.infer<typeof CardSchema>;
export type CardInput = z.input<typeof CardSchema>;
export type CardAction = z.infer<typeof CardActionSchema>;
