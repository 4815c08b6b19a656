import { presentViolationCard } from '../../cards/violation.card.js';
import { FINDING_LABELS } from '../domain/patrol/patrol.rules.js';
import type { PersonView } from '../domain/people/people.types.js';
import { availableActions } from '../domain/shared/machine.js';
import { VIOLATION_ACTION_SPECS } from '../domain/violation/violation.actions.js';
import { violationMachine, violationParties } from '../domain/violation/violation.machine.js';
import { NOTICE_LABELS } from '../domain/violation/violation.rules.js';
import type { ViolationOutcome } from '../domain/violation/violation.service.js';
import type { ViolationView } from '../domain/violation/violation.types.js';
import { closeInspectionCards, inspectionCard } from './inspection-kit.js';
import type { NoticeKit } from './kit.js';

type Done = Extract<ViolationOutcome, { kind: 'done' }>;

/** What a violation notice needs besides the kit: the shop's name and its tenant. */
export interface ViolationLookups {
  shopName(code: string): Promise<string>;
  tenantOf(code: string): Promise<PersonView | null>;
}

const card = async (
  k: NoticeKit,
  l: ViolationLookups,
  v: ViolationView,
  person: PersonView,
  note?: string,
  suffix = '',
): Promise<number> => {
  const shopName = await l.shopName(v.shopCode);
  return inspectionCard(
    k,
    'violation',
    v,
    person,
    (x, cardId, who) =>
      presentViolationCard(x, {
        cardId,
        actions: availableActions(violationMachine, x.status, violationParties(x, who), x).filter(
          (a) => a !== 'remind',
        ),
        shopName,
        when: (d) => k.when(d),
        ...(note ? { note } : {}),
      }),
    suffix,
  );
};

/** Who is called in for a repeat offender (9.3.1.4): the senior assistant and the manager. */
const CALLED_IN = ['senior_assistant', 'manager'] as const;

/**
 * A new violation: the shop's tenant is told what to fix and by when (9.3.1.1); a repeat offender
 * calls in the senior assistant and the manager, who may record the meeting with the owner.
 */
export const violationOpened = async (k: NoticeKit, l: ViolationLookups, v: ViolationView): Promise<void> => {
  const tenant = await l.tenantOf(v.shopCode);
  if (tenant) {
    await k.text(
      tenant.id,
      [
        `【限期整改通知】${v.number}`,
        `商铺：${v.shopCode}`,
        `问题：${v.text}（${FINDING_LABELS[v.category]}）`,
        `请于 ${k.when(v.fixBy)} 前整改完毕，届时物业助理将到场复查；逾期未整改将发出违章警告书或违约处理单。`,
        ...(v.offenceNo > 1 ? [`这是贵铺第 ${v.offenceNo} 次违章。`] : []),
      ].join('\n'),
    );
  }
  if (v.escalated) {
    const note = `【屡次违章】${v.shopCode} 第 ${v.offenceNo} 次违章，请到场协助处理并约见业户。`;
    for (const p of await k.onDuty(CALLED_IN)) {
      await k.text(p.id, note);
      await card(k, l, v, p, note);
    }
  }
};

/** The re-inspection reminder at the fix-by time: the assistant's card with what they can do. */
export const violationDue = async (k: NoticeKit, l: ViolationLookups, v: ViolationView): Promise<void> => {
  const inspector = await k.person(v.inspectorId);
  if (!inspector) return;
  await card(k, l, v, inspector, `【复查提醒】${v.shopCode} 整改期限已到，请到现场复查。`, 'due');
};

/** One step of a violation: close the passed stage's cards, then tell whoever it concerns. */
export const violationChanged = async (k: NoticeKit, l: ViolationLookups, o: Done): Promise<void> => {
  const v = o.after;
  const entry = v.history.at(-1);
  if (entry && v.stage > o.before.stage) {
    const label = await k.doneLabel(VIOLATION_ACTION_SPECS[o.action].done, entry);
    await closeInspectionCards(k, 'violation', v.id, v.stage, label, `违章 ${v.number}：${label}`);
  }
  const tenant = await l.tenantOf(v.shopCode);
  switch (o.action) {
    case 'rectified':
      if (tenant) await k.text(tenant.id, `${v.shopCode} 的违章 ${v.number} 经复查已整改，感谢配合。`);
      if (o.actor) await k.text(o.actor.id, `已记录：${v.number} 复查已整改。`);
      break;
    case 'warn':
    case 'breach_notice': {
      const notice = `${NOTICE_LABELS[v.noticeKind ?? 'warning']} ${v.noticeNumber ?? ''}`;
      if (tenant) {
        await card(k, l, v, tenant, `贵铺 ${v.shopCode} 逾期未整改，现发出${notice}，请签收并立即整改。`);
      }
      if (o.actor) {
        await k.text(
          o.actor.id,
          `已向 ${v.shopCode} 发出${notice}${tenant ? '，等待商户签收' : '（该铺没有绑定的商户账号，请现场送达签收）'}。`,
        );
      }
      break;
    }
    case 'sign': {
      const notice = `${NOTICE_LABELS[v.noticeKind ?? 'warning']} ${v.noticeNumber ?? ''}`;
      await k.text(v.inspectorId, `${v.shopCode} 已签收${notice}（${k.when(o.at)}）。`);
      if (tenant) await k.text(tenant.id, `已签收${notice}，请尽快整改。`);
      break;
    }
    case 'meet':
      for (const id of new Set([v.inspectorId, ...(o.actor ? [o.actor.id] : [])])) {
        await k.text(id, `${v.number} 已记录约见业户：${v.meetingNote ?? ''}`);
      }
      break;
    default:
      break;
  }
};

/** One person's copy of a violation card (a to-do list). */
export const violationCardFor = (
  k: NoticeKit,
  l: ViolationLookups,
  v: ViolationView,
  person: PersonView,
  suffix: string,
): Promise<number> => card(k, l, v, person, undefined, suffix);
