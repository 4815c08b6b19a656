import type { Handler } from './context.js';

/** Until a message is understood, the bot says what it can do (replaced by the conversation). */
export const textHandler: Handler = {
  name: 'text',
  match: (ctx) => ctx.event.kind === 'message' && ctx.event.message?.type === 'text',
  async handle(ctx) {
    ctx.replyText('您好，我是商场前台助手。可以投诉、报修、申请物品放行等。');
  },
};
