import type { PersonDepartureService } from '../src/people/person-departure.service.js';
import { LEFT_CHANGE_TYPES } from '../src/people/person-departure.service.js';
import type { Handler } from './context.js';

export interface ContactDeps {
  readonly departures: Pick<PersonDepartureService, 'accountLeft'>;
}

/**
 * Someone left the organisation (WeCom `change_contact`/`delete_user`, DingTalk
 * `user_leave_org`): their accounts and roles go (PersonDepartureService). Nothing is said back.
 */
export const contactHandler = (d: ContactDeps): Handler => ({
  name: 'contact',
  match: (ctx) =>
    ctx.event.kind === 'contact' &&
    (LEFT_CHANGE_TYPES as readonly string[]).includes(ctx.event.contact?.changeType ?? ''),
  async handle(ctx) {
    const c = ctx.event.contact;
    if (!c?.userId) return;
    await d.departures.accountLeft(ctx.event.platform, c.userId, c.changeType, ctx.batch);
  },
});
