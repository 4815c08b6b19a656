import type { DashboardLogin } from '../src/dashboard/dashboard-login.js';
import { isStaff } from '../src/domain/people/people.types.js';
import type { AuditLog } from '../src/domain/shared/audit.js';
import { normalizeText } from '../src/nlu/normalize.js';
import type { Handler } from './context.js';

export interface DashboardLoginDeps {
  readonly dashboardLogin: Pick<DashboardLogin, 'issueLink'>;
  readonly audit: AuditLog;
}

/** "登录后台", "后台登录", "打开后台", "管理后台". */
export const DASHBOARD_LOGIN = /^(登录|登陆|打开|进入)?(管理)?后台(登录|登陆)?[。!！]*$/;

/**
 * "登录后台" from a bound person: staff get a one-time link to the operations dashboard (sent
 * privately, short-lived, single use); a tenant is told the dashboard is for staff. Both audited.
 */
export const dashboardLoginHandler = (d: DashboardLoginDeps): Handler => ({
  name: 'dashboard-login',
  match: (ctx) => {
    const msg = ctx.event.message;
    return (
      ctx.actor !== null &&
      ctx.event.kind === 'message' &&
      msg?.type === 'text' &&
      DASHBOARD_LOGIN.test(normalizeText(msg.text ?? ''))
    );
  },
  async handle(ctx) {
    const actor = ctx.actor;
    if (!actor) return;
    const base = {
      action: 'dashboard.link',
      actorPersonId: actor.id,
      actorPlatform: ctx.event.platform,
      actorPlatformUserId: ctx.event.userId,
    };
    if (!isStaff(actor)) {
      await d.audit.append({ ...base, outcome: 'refused', reason: 'not staff' });
      ctx.replyText('运营后台仅供物业员工使用。如需查询您的报修、投诉或申请，请发送“查询”或单号。');
      return;
    }
    const link = await d.dashboardLogin.issueLink(
      { personId: actor.id, platform: ctx.event.platform, userId: ctx.event.userId },
      ctx.now,
    );
    if (!link) {
      await d.audit.append({ ...base, outcome: 'refused', reason: 'PUBLIC_BASE_URL not set' });
      ctx.replyText('后台地址尚未配置（PUBLIC_BASE_URL），请联系系统管理员。');
      return;
    }
    await d.audit.append({ ...base, outcome: 'allowed', reason: 'one-time link sent' });
    ctx.replyText(`运营后台登录链接（5 分钟内有效，只能使用一次，请勿转发）：\n${link.url}`);
  },
});
