import { presentApprovalCard } from '../../cards/approval.card.js';
import { humanDuration } from '../deadlines/kinds/human-duration.js';
import { APPROVAL_ACTION_SPECS } from '../domain/approval/approval.actions.js';
import { APPROVAL_LABELS, APPROVAL_TYPE_DEFS } from '../domain/approval/approval.rules.js';
import type { ApprovalOutcome } from '../domain/approval/approval.service.js';
import type { ApprovalView, StandIn } from '../domain/approval/approval.types.js';
import { isFollowUpAction } from '../domain/approval/follow-up.types.js';
import { type PersonView, ROLE_LABELS, type Role } from '../domain/people/people.types.js';
import {
  followUpCards,
  followUpChanged,
  followUpIntro,
  removalReminder,
} from './approval-follow-up.notices.js';
import { ARCHIVE_ACTIONS, archiveChanged, archiveLedgerCards } from './archive.notices.js';
import { approvalButtons } from './buttons.js';
import type { NoticeKit } from './kit.js';

type Done = Extract<ApprovalOutcome, { kind: 'done' }>;

/** "陈主管" or "林主管（代郑经理审批）" for each decided step, joined. */
const deciders = async (k: NoticeKit, a: ApprovalView): Promise<string> => {
  const out: string[] = [];
  for (const s of a.steps) {
    if (s.status !== 'approved' || !s.deciderId) continue;
    const who = await k.name(s.deciderId, '审批人');
    out.push(s.onBehalfOfId ? `${who}（代${await k.name(s.onBehalfOfId)}审批）` : who);
  }
  return out.join('、');
};

/** The stand-ins a person holds now (what lets them sign for someone else). */
const standInsOf = async (k: NoticeKit, person: PersonView): Promise<StandIn[]> =>
  k.d.standIns ? k.d.standIns.activeFor(person.id, k.d.time.clock.now()) : [];

/**
 * Everyone who may decide a step of `role` now: those on duty holding it, and the deputies named
 * by any holder of the role for today (a stand-in is sent the card whether the holder is on duty).
 */
const decidersFor = async (k: NoticeKit, role: Role, named?: readonly string[]): Promise<PersonView[]> => {
  if (named?.length) {
    const out: PersonView[] = [];
    for (const id of named) {
      const p = await k.person(id);
      if (p?.active) out.push(p);
    }
    return out;
  }
  const people = new Map((await k.onDuty([role])).map((p) => [p.id, p]));
  if (k.d.standIns && role !== 'tenant') {
    const now = k.d.time.clock.now();
    for (const holder of await k.d.people.staffWithRole(role)) {
      for (const id of await k.d.standIns.deputiesOf(holder.id, now)) {
        const p = await k.person(id);
        if (p?.active) people.set(p.id, p);
      }
    }
  }
  return [...people.values()];
};

/**
 * Cards for the current step to everyone on duty who may decide it (and their stand-ins). Nobody
 * gets a card for a request they may not decide (their own, or a second step of a chain they
 * already signed).
 */
export const approvalStep = async (k: NoticeKit, a: ApprovalView, note?: string): Promise<number> => {
  const step = a.steps[a.currentStep];
  if (!step || a.status !== 'pending') return 0;
  const requester = await k.name(a.requesterId, '申请人');
  const signed = await deciders(k, a);
  let sent = 0;
  const named = Boolean(step.personIds?.length);
  const why = named
    ? `${requester}不是本铺登记的放行签字人，本铺登记为须由签字人确认：请确认是否同意放行（同意后转高级物业助理审批）。`
    : undefined;
  const text = [why, note].filter(Boolean).join('\n');
  for (const p of await decidersFor(k, step.role, step.personIds)) {
    const standIns = await standInsOf(k, p);
    const at = k.d.time.clock.now();
    const cards = await k.card('approval', a, p, (v: ApprovalView, cardId: string, person: PersonView) => {
      // A step's card carries decisions only: the requester withdraws by saying 撤回.
      const buttons = approvalButtons(v, person, standIns, at).filter((b) => b.action !== 'cancel');
      if (buttons.length === 0) return undefined;
      return presentApprovalCard(v, {
        cardId,
        buttons,
        names: { reporter: requester, ...(signed ? { owner: signed } : {}) },
        when: (d) => k.when(d),
        ...(text ? { note: text } : {}),
      });
    });
    // The files sent with the request (drawings, declarations) follow the card that names them.
    if (cards > 0)
      await k.photos(
        p.id,
        a.attachments.map((f) => f.id),
      );
    sent += cards;
  }
  return sent;
};

/** A new request: the current step's cards, and the archive clerk's card where a mark is open. */
export const approvalFiled = async (k: NoticeKit, a: ApprovalView): Promise<number> => {
  const sent = await approvalStep(k, a);
  if (APPROVAL_TYPE_DEFS[a.type].ledger === 'archive') await archiveLedgerCards(k, a, '');
  return sent;
};

/** The gate pass: security on duty gets the approved goods release with its "已放行" button. */
const gatePass = async (k: NoticeKit, a: ApprovalView): Promise<void> => {
  const requester = await k.name(a.requesterId, '申请人');
  const signed = await deciders(k, a);
  for (const p of await k.onDuty(['security'])) {
    await k.card('approval', a, p, (v: ApprovalView, cardId: string, person: PersonView) => {
      const buttons = approvalButtons(v, person);
      if (buttons.length === 0) return undefined;
      return presentApprovalCard(v, {
        cardId,
        buttons,
        names: { reporter: requester, ...(signed ? { owner: signed } : {}) },
        when: (d) => k.when(d),
        note: '物品放行已批准：请核对物品、数量和时间后放行，放行后点击“已放行”。',
      });
    });
  }
};

/** The keeper's card for a key loan: senior assistants on duty hand the key over and take it back. */
const keyLedger = async (k: NoticeKit, a: ApprovalView, note: string): Promise<void> => {
  const requester = await k.name(a.requesterId, '申请人');
  const signed = await deciders(k, a);
  for (const p of await k.onDuty(['senior_assistant'])) {
    await k.card('approval', a, p, (v: ApprovalView, cardId: string, person: PersonView) => {
      const buttons = approvalButtons(v, person);
      if (buttons.length === 0) return undefined;
      return presentApprovalCard(v, {
        cardId,
        buttons,
        names: { reporter: requester, ...(signed ? { owner: signed } : {}) },
        when: (d) => k.when(d),
        note,
      });
    });
  }
};

/** "已同意 · 林主管（代郑经理审批） · 11月29日 14:05". */
const decisionLabel = async (k: NoticeKit, o: Done): Promise<string> => {
  const a = o.after;
  const entry = a.history.at(-1);
  const done = APPROVAL_ACTION_SPECS[o.action].done;
  if (!entry) return done;
  const decided = o.before.steps[o.before.currentStep];
  const step = a.steps[o.before.currentStep];
  const onBehalf =
    step?.onBehalfOfId && step.onBehalfOfId !== decided?.onBehalfOfId
      ? `（代${await k.name(step.onBehalfOfId)}审批）`
      : '';
  return `${done} · ${await k.name(entry.actorId, '系统')}${onBehalf} · ${k.when(entry.at)}`;
};

/** One decision: every copy of the decided step's card shows who decided and when; the next step is sent. */
export const approvalChanged = async (k: NoticeKit, o: Done): Promise<void> => {
  const a = o.after;
  const label = APPROVAL_LABELS[a.type];
  const done = await decisionLabel(k, o);
  await k.closeBefore('approval', a.id, a.stage, done, `${label}申请 ${a.number}：${done}`);
  const who = done.split(' · ')[1] ?? o.actor?.name ?? '审批人';
  const reason = (o.input.text ?? '').trim();
  const next = a.steps[a.currentStep];
  const tell = (text: string) => k.toChannel(a.channel, text);
  const def = APPROVAL_TYPE_DEFS[a.type];
  if (ARCHIVE_ACTIONS.has(o.action)) {
    await archiveChanged(k, o, who, await deciders(k, a), (v, note) => approvalStep(k, v, note));
    return;
  }
  if (isFollowUpAction(o.action)) return followUpChanged(k, o);
  switch (o.action) {
    case 'approve':
      if (a.status === 'approved') {
        tell(
          def.ledger === 'gate_pass'
            ? `您的${label}申请 ${a.number} 已审批通过（${who}），放行条已发送保安，请在${a.dueAt ? ` ${k.when(a.dueAt)} 前` : '批准时间内'}出货。`
            : def.ledger === 'archive'
              ? `您的${label}申请 ${a.number} 已审批通过（${who}），请到档案管理员处办理出档，档案须当天归还。`
              : `您的${label}申请 ${a.number} 已审批通过（${who}）。${followUpIntro(a)}`,
        );
        if (def.ledger === 'gate_pass') await gatePass(k, a);
        if (def.ledger === 'key_loan')
          await keyLedger(k, a, '借用钥匙已批准：交付钥匙时点击“已领取”（借匙登记）。');
        if (def.ledger === 'archive') await archiveLedgerCards(k, a, await deciders(k, a));
        const requester = await k.name(a.requesterId, '申请人');
        for (const t of def.tellOnApproval) {
          for (const p of await k.onDuty([t.role])) {
            await k.text(
              p.id,
              `【${label}】${a.number}（${requester}${a.shopCode ? ` · ${a.shopCode}` : ''}）${t.text}\n${a.details.map((d) => `${d.label}：${d.value}`).join('\n')}`,
            );
            await k.photos(
              p.id,
              a.attachments.map((f) => f.id),
            );
          }
        }
        await followUpCards(k, a);
      } else {
        tell(
          `您的${label}申请 ${a.number} 已通过第${a.currentStep}步（${who}），等待${ROLE_LABELS[next?.role ?? 'manager']}审批。`,
        );
        await approvalStep(k, a);
      }
      return;
    case 'reject':
      tell(
        `您的${label}申请 ${a.number} 已被驳回（${who}）。原因：${reason || '未说明'}。如有疑问请联系前台。`,
      );
      return;
    case 'pass_up':
      tell(`您的${label}申请 ${a.number} 已转交${ROLE_LABELS[next?.role ?? 'manager']}审批。`);
      await approvalStep(k, a, `${who}上报：${reason}`);
      return;
    case 'cancel':
      tell(`您的${label}申请 ${a.number} 已撤回。`);
      return;
    case 'gate_release':
      tell(`您的${label}申请 ${a.number} 的物品已由保安放行（${who}）。`);
      return;
    case 'hand_over':
      tell(
        `您借用的钥匙（${a.number}）已领取，请于 ${a.dueAt ? k.when(a.dueAt) : '今天下班'} 前归还高级物业助理。`,
      );
      await keyLedger(k, a, '钥匙已借出：收回钥匙时点击“已归还”。');
      return;
    case 'take_back': {
      const late =
        a.dueAt && o.at > a.dueAt ? `（逾期 ${humanDuration(o.at.getTime() - a.dueAt.getTime())}）` : '';
      tell(`您借用的钥匙（${a.number}）已归还${late}，谢谢。`);
      return;
    }
    case 'remind_removal':
      await removalReminder(k, a);
      return;
    case 'expire':
      tell(`您的${label}申请 ${a.number} 的放行条未在有效期内使用，已作废；如仍需出货请重新申请。`);
      return;
  }
};

/** One approver's copy of the card (a to-do list). */
export const approvalCardFor = async (
  k: NoticeKit,
  a: ApprovalView,
  person: PersonView,
  suffix: string,
): Promise<number> => {
  const requester = await k.name(a.requesterId, '申请人');
  const standIns = await standInsOf(k, person);
  const at = k.d.time.clock.now();
  return k.card(
    'approval',
    a,
    person,
    (v: ApprovalView, cardId: string, p: PersonView) =>
      presentApprovalCard(v, {
        cardId,
        buttons: approvalButtons(v, p, standIns, at),
        names: { reporter: requester },
        when: (d) => k.when(d),
      }),
    suffix,
  );
};
