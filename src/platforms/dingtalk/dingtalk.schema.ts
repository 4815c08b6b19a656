import { z } from 'zod';

/** A robot message as DingTalk posts it (HTTP callback body, or Stream `data`). */
export const RobotMessageSchema = z.object({
  msgtype: z.string(),
  msgId: z.string().min(1),
  createAt: z.union([z.number(), z.string()]).transform(Number),
  conversationType: z.union([z.literal('1'), z.literal('2'), z.literal(1), z.literal(2)]).transform(String),
  conversationId: z.string(),
  conversationTitle: z.string().optional(),
  senderId: z.string().optional(),
  senderNick: z.string().optional(),
  senderStaffId: z.string().optional(),
  senderCorpId: z.string().optional(),
  chatbotUserId: z.string().optional(),
  robotCode: z.string().optional(),
  isInAtList: z.boolean().optional(),
  sessionWebhook: z.string().optional(),
  sessionWebhookExpiredTime: z.union([z.number(), z.string()]).transform(Number).optional(),
  text: z.object({ content: z.string() }).optional(),
  content: z
    .object({
      downloadCode: z.string().optional(),
      recognition: z.string().optional(),
      fileName: z.string().optional(),
      richText: z
        .array(
          z.object({
            text: z.string().optional(),
            type: z.string().optional(),
            downloadCode: z.string().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});
export type RobotMessage = z.infer<typeof RobotMessageSchema>;

/** A card button press (Stream topic /v1.0/card/instances/callback, or the HTTP card route). */
export const CardCallbackSchema = z.object({
  type: z.string().optional(),
  outTrackId: z.string().min(1),
  userId: z.string().min(1),
  corpId: z.string().optional(),
  spaceType: z.string().optional(),
  spaceId: z.string().optional(),
  /** JSON string: {"cardPrivateData":{"actionIds":[...],"params":{...}}} */
  content: z.string(),
});
export type CardCallback = z.infer<typeof CardCallbackSchema>;

export const CardCallbackContentSchema = z.object({
  cardPrivateData: z.object({
    actionIds: z.array(z.string()).optional(),
    params: z.record(z.string(), z.unknown()).optional(),
  }),
});
