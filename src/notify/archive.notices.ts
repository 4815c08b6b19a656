import { presentApprovalCard } from '../../cards/approval.card.js';
import { humanDuration } from '../deadlines/kinds/human-duration.js';
import { APPROVAL_LABELS } from '../domain/approval/approval.rules.js';
import type { ApprovalOutcome } from '../domain/approval/approval.service.js';
import type { ApprovalAction, ApprovalView } from '../domain/approval/approval.types.js';
import type { PersonView } from '../domain/people/people.types.js';
import { approvalButtons } from './buttons.js';
import type { NoticeKit } from './kit.js';

type Done = Extract<ApprovalOutcome, { kind: 'done' }>;

/** The archive actions: the clerk's mark and the ledger (both sides' confirmations, a next-day return). */
export const ARCHIVE_ACTIONS: ReadonlySet<ApprovalAction> = new Set<ApprovalAction>([
  'mark_important',
  'file_out',
  'confirm_out',
  'ask_extension',
  'grant_extension',
  'refuse_extension',
  'file_back',
  'confirm_back',
]);

/** What each side is asked to do now, on their card. */
const NOTES: Partial<Record<ApprovalView['status'], string>> = {
  pending: '档案查阅申请（复印）：如所查档案为重要文件，请点击“标记重要文件”（复印须公司领导审批）。',
  approved: '档案查阅已批准：提档交给借阅人时点击“出档”，借阅人确认后即登记借出。',
  handing_out:
    '档案已出档：借阅人请点击“确认已取档”。须当天归还；确需次日归还请点击“申请次日归还”并说明理由。',
  checked_out: '档案借阅中：归还时由档案管理员点击“归档”，借阅人再确认。',
  returning: '档案已归档：借阅人请点击“确认已归还”。',
};

/**
 * The archive-loan cards of everyone who has a ledger button now: the archive clerks on duty, the
 * borrower, and (a next-day return asked) the deputy managers on duty. Nobody gets a card without
 * a button; approvers' step cards are sent by the approval step notice.
 */
export const archiveLedgerCards = async (
  k: NoticeKit,
  a: ApprovalView,
  signed: string,
  extra?: string,
): Promise<void> => {
  const requester = await k.name(a.requesterId, '借阅人');
  const people = new Map<string, PersonView>();
  for (const p of await k.onDuty(['archive_clerk'])) people.set(p.id, p);
  const borrower = a.status !== 'pending' ? await k.person(a.requesterId) : null;
  if (borrower?.active) people.set(borrower.id, borrower);
  if (a.extension?.status === 'pending')
    for (const p of await k.onDuty(['deputy_manager'])) people.set(p.id, p);
  const note = [
    extra,
    a.extension?.status === 'pending' ? '借阅人申请次日归还，请客服副经理审批。' : NOTES[a.status],
  ]
    .filter(Boolean)
    .join('\n');
  for (const p of people.values()) {
    await k.card('approval', a, p, (v: ApprovalView, cardId: string, person: PersonView) => {
      const buttons = approvalButtons(v, person).filter((b) =>
        ARCHIVE_ACTIONS.has(b.action as ApprovalAction),
      );
      if (buttons.length === 0) return undefined;
      return presentApprovalCard(v, {
        cardId,
        buttons,
        names: { reporter: requester, ...(signed ? { owner: signed } : {}) },
        when: (d) => k.when(d),
        ...(note ? { note } : {}),
      });
    });
  }
};

/** What the borrower hears about one archive action (undefined: nothing to say). */
const toBorrower = (k: NoticeKit, o: Done, who: string): string | undefined => {
  const a = o.after;
  const file = `档案（${a.number}）`;
  const due = a.dueAt ? k.when(a.dueAt) : '今天下班';
  const reason = (o.input.text ?? '').trim();
  switch (o.action) {
    case 'mark_important':
      return `您的${APPROVAL_LABELS[a.type]}申请 ${a.number} 经档案管理员（${who}）标记为重要文件，复印须经公司领导审批。`;
    case 'file_out':
      return `${file}已出档（${who}）。请在卡片上点击“确认已取档”，并于 ${due} 前归还档案管理员。`;
    case 'ask_extension':
      return `您的次日归还申请（${a.number}）已提交，等待客服副经理审批。`;
    case 'grant_extension':
      return `您的次日归还申请（${a.number}）已获同意（${who}），请于 ${due} 前归还档案管理员。`;
    case 'refuse_extension':
      return `您的次日归还申请（${a.number}）未获同意（${who}）。原因：${reason || '未说明'}。请于 ${due} 前归还。`;
    case 'file_back': {
      const late =
        a.dueAt && o.at > a.dueAt ? `（逾期 ${humanDuration(o.at.getTime() - a.dueAt.getTime())}）` : '';
      return `${file}已归档${late}（${who}）。请在卡片上点击“确认已归还”。`;
    }
    case 'confirm_back':
      return `${file}的借阅已结清（双方已确认归还），谢谢。`;
    default:
      return undefined;
  }
};

/** One archive action: the borrower hears of it, and everyone with a button next gets a fresh card. */
export const archiveChanged = async (
  k: NoticeKit,
  o: Done,
  who: string,
  signed: string,
  nextStep: (a: ApprovalView, note: string) => Promise<number>,
): Promise<void> => {
  const a = o.after;
  const told = toBorrower(k, o, who);
  if (told) k.toChannel(a.channel, told);
  if (o.action === 'mark_important') {
    // The step cards closed with the mark: the current approver gets a fresh one saying why.
    if (a.status === 'pending')
      await nextStep(a, `档案管理员（${who}）已标记为重要文件：复印须公司领导审批。`);
    return;
  }
  if (o.action === 'confirm_back') {
    for (const p of await k.onDuty(['archive_clerk']))
      await k.text(p.id, `【档案归档】${a.number} 借阅人已确认归还，借阅登记已结清。`);
    return;
  }
  await archiveLedgerCards(k, a, signed);
};
