import type { BindingService } from '../src/conversation/binding.service.js';
import { normalizeText } from '../src/nlu/normalize.js';
import { extractUnit } from '../src/nlu/slots/unit.js';
import type { Handler } from './context.js';
import { UNBOUND_PROMPT } from './conversation/help.js';
import { BIND } from './conversation/text-rules.js';

export interface BindingDeps {
  readonly binding: Pick<BindingService, 'attempt'>;
  readonly units: { codes(): Promise<ReadonlySet<string>> };
}

/**
 * A platform account nobody is bound to: it can bind with a front-desk code ("绑定 B1-23 123456")
 * and is told how; it can do nothing else, and sees nobody's data. Replies are private.
 */
export const bindingHandler = (d: BindingDeps): Handler => ({
  name: 'binding',
  match: (ctx) => ctx.actor === null && ctx.event.kind === 'message',
  async handle(ctx) {
    const text = normalizeText(ctx.event.message?.text ?? '');
    const m = BIND.exec(text);
    if (!m?.[1] || !m[2]) {
      ctx.replyText(UNBOUND_PROMPT);
      return;
    }
    const unit = extractUnit(m[1], await d.units.codes());
    if (!unit?.verified) {
      ctx.replyText(`没有找到铺位 ${unit?.code ?? m[1]}，请确认铺位号后重新发送“绑定 铺位号 绑定码”。`);
      return;
    }
    const r = await d.binding.attempt(ctx.event.platform, ctx.event.userId, unit.code, m[2]);
    switch (r.kind) {
      case 'bound':
        ctx.replyText(`绑定成功！您好，${r.personName}（${r.shopCode}）。发送“帮助”查看我能为您做什么。`);
        return;
      case 'wrong':
        ctx.replyText(`绑定码不正确或已失效，还可以再试 ${r.remaining} 次。请核对铺位号和绑定码。`);
        return;
      case 'locked':
        ctx.replyText(`绑定码错误次数过多，请 ${Math.ceil(r.retryInS / 60)} 分钟后再试，或联系商场前台。`);
        return;
      case 'taken':
        ctx.replyText('该账号已绑定其他身份，如有疑问请联系商场前台。');
        return;
    }
  },
});
