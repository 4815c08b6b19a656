import { presentApprovalCard } from '../../cards/approval.card.js';
import { APPROVAL_ACTION_SPECS } from '../domain/approval/approval.actions.js';
import { APPROVAL_LABELS } from '../domain/approval/approval.rules.js';
import type { ApprovalOutcome } from '../domain/approval/approval.service.js';
import type { ApprovalView } from '../domain/approval/approval.types.js';
import {
  FOLLOW_UP_TASK_DEFS,
  PARTY_ROLE,
  progressLine,
  readyTasks,
} from '../domain/approval/follow-up.rules.js';
import { type FollowUpAction, isFollowUpAction } from '../domain/approval/follow-up.types.js';
import type { PersonView } from '../domain/people/people.types.js';
import { approvalButtons } from './buttons.js';
import type { NoticeKit } from './kit.js';

type Done = Extract<ApprovalOutcome, { kind: 'done' }>;

/** Who may do each task that is ready now: the requester, or the holders of the party's role on duty. */
const doers = async (
  k: NoticeKit,
  a: ApprovalView,
): Promise<Map<string, { person: PersonView; hints: string[] }>> => {
  const out = new Map<string, { person: PersonView; hints: string[] }>();
  for (const task of readyTasks(a)) {
    const def = FOLLOW_UP_TASK_DEFS[task];
    const people =
      def.party === 'requester'
        ? [await k.person(a.requesterId)].filter((p): p is PersonView => p !== null)
        : await k.onDuty([PARTY_ROLE[def.party]]);
    for (const p of people) {
      const seen = out.get(p.id) ?? { person: p, hints: [] };
      seen.hints.push(def.hint);
      out.set(p.id, seen);
    }
  }
  return out;
};

/**
 * A card for each task that can be done now, to whoever does it (finance, the keeper on duty,
 * engineering, security, or the requester), with only the buttons of their tasks.
 */
export const followUpCards = async (k: NoticeKit, a: ApprovalView): Promise<void> => {
  if (a.status !== 'approved') return;
  const requester = await k.name(a.requesterId, '申请人');
  for (const { person, hints } of (await doers(k, a)).values()) {
    await k.card('approval', a, person, (v: ApprovalView, cardId: string, p: PersonView) => {
      const buttons = approvalButtons(v, p).filter((b) => isFollowUpAction(b.action));
      if (buttons.length === 0) return undefined;
      return presentApprovalCard(v, {
        cardId,
        buttons,
        names: { reporter: requester },
        when: (d) => k.when(d),
        note: hints.join('\n'),
      });
    });
  }
};

/** The requester's words once the request is approved, when the approval starts tasks. */
export const followUpIntro = (a: ApprovalView): string =>
  a.tasks.length === 0
    ? ''
    : a.tasks.some((t) => t.task === 'report_done')
      ? '完工后请在卡片上点击“已完工，申请验收”，工程部将到场验收。'
      : `后续办理：${progressLine(a)}，每完成一项都会通知您。`;

const doneWords = async (k: NoticeKit, o: Done & { action: FollowUpAction }): Promise<string> => {
  const a = o.after;
  const label = APPROVAL_LABELS[a.type];
  const who = await k.name(o.actor?.id, '工作人员');
  const reason = (o.input.text ?? '').trim();
  if (o.action === 'inspect_fail')
    return `您的${label} ${a.number} 验收不通过（${who}）：${reason || '未说明'}。请整改后在卡片上点击“已完工，申请验收”。`;
  if (o.action === 'report_done') return `已申报完工（${a.number}），工程部将到场验收，结果会通知您。`;
  const done = `${APPROVAL_ACTION_SPECS[o.action].done}（${who}）`;
  return a.status === 'completed'
    ? `您的${label} ${a.number}：${done}。全部手续已办结：${progressLine(a)}。`
    : `您的${label} ${a.number}：${done}。进度：${progressLine(a)}。`;
};

/**
 * A task done: the requester reads the progress (or the inspection's defects), and the tasks that
 * became ready go out as cards. The old copies were closed by the caller.
 */
export const followUpChanged = async (k: NoticeKit, o: Done): Promise<void> => {
  if (!isFollowUpAction(o.action)) return;
  k.toChannel(o.after.channel, await doneWords(k, { ...o, action: o.action }));
  await followUpCards(k, o.after);
};

/** An approved posting's end date came: the requester and the assistants on duty are told to take it down. */
export const removalReminder = async (k: NoticeKit, a: ApprovalView): Promise<void> => {
  const where = a.details.find((d) => d.key === 'place')?.value ?? '';
  const until = a.details.find((d) => d.key === 'until')?.value ?? '';
  const who = await k.name(a.requesterId, '申请人');
  k.toChannel(
    a.channel,
    `您张贴的告示（${a.number}${where ? `，位置：${where}` : ''}）张贴期限${until ? `至 ${until}` : ''}已到，请及时撤除。`,
  );
  for (const p of await k.onDuty(['assistant'])) {
    await k.text(
      p.id,
      `【张贴到期】${a.number}（${who}${where ? ` · ${where}` : ''}）张贴期限${until ? `至 ${until}` : ''}已到，请督促撤除并巡查确认。`,
    );
  }
};
