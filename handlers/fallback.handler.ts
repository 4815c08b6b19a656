import type { Handler } from './context.js';

/**
 * Events with nothing to say back (unsubscribe, location reports, contact changes...) are logged
 * and ignored; a message type the bot cannot read gets a polite answer.
 */
export const fallbackHandler: Handler = {
  name: 'fallback',
  match: () => true,
  async handle(ctx) {
    const e = ctx.event;
    if (e.kind === 'message') {
      ctx.replyText(
        '暂时只能处理文字消息。请用文字描述您的问题，例如："3楼东侧洗手间好臭"。发送"帮助"查看我能做什么。',
      );
      return;
    }
    ctx.deps.logger.info({ kind: e.kind, eventName: e.eventName }, 'event ignored');
  },
};
