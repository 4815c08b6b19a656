import type { PersonView } from '../../src/domain/people/people.types.js';
import { runAction } from '../actions/act-flow.js';
import type { HandlerContext } from '../context.js';
import type { ConversationDeps } from './deps.js';
import { ACCEPT_QUOTE, DECLINE_QUOTE, SAYS_FIXED, SAYS_NOT_FIXED } from './text-rules.js';

/**
 * A tenant may answer a card in words: "修好了" / "没修好，还在漏" for a fixed repair, "接受报价" /
 * "不接受" for a quote. Only what waits on this person is acted on (the newest when several).
 * Returns true when the text was such an answer.
 */
export const answerWaiting = async (
  deps: ConversationDeps,
  ctx: HandlerContext,
  actor: PersonView,
  text: string,
): Promise<boolean> => {
  const verify = SAYS_FIXED.test(text);
  const reopen = !verify && SAYS_NOT_FIXED.test(text);
  const accept = ACCEPT_QUOTE.test(text);
  const decline = DECLINE_QUOTE.test(text);
  if (!verify && !reopen && !accept && !decline) return false;
  const waiting = (await deps.queries.waitingOn(actor)).filter(
    (i) => i.kind === 'repair' && i.view.reporterId === actor.id,
  );
  const wanted = verify || reopen ? 'fixed' : 'quoted';
  const target = [...waiting].reverse().find((i) => i.kind === 'repair' && i.view.status === wanted);
  if (!target) return false;
  const action = verify ? 'verify' : reopen ? 'reopen' : accept ? 'accept_quote' : 'decline_quote';
  await runAction(deps.flow, ctx, {
    kind: 'repair',
    id: target.view.id,
    action,
    input: reopen ? { text } : {},
  });
  return true;
};
