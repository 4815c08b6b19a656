import { cardInstanceId } from '../../cards/action-key.js';
import { presentRepairCard } from '../../cards/repair.card.js';
import type { PersonView } from '../domain/people/people.types.js';
import { REPAIR_ACTION_SPECS } from '../domain/repair/repair.actions.js';
import { REPAIR_CATEGORY_LABELS } from '../domain/repair/repair.rules.js';
import type { RepairOutcome } from '../domain/repair/repair.service.js';
import type { RepairView } from '../domain/repair/repair.types.js';
import { repairButtons } from './buttons.js';
import type { NoticeKit } from './kit.js';
import { waitingNote, waitingText } from './wait.notices.js';

type Done = Extract<RepairOutcome, { kind: 'done' }>;

const staffCard =
  (k: NoticeKit, note: string | undefined, reporter: string, owner: string | undefined, withButtons = true) =>
  (r: RepairView, cardId: string, person: PersonView) =>
    presentRepairCard(r, {
      cardId,
      buttons: withButtons ? repairButtons(r, person) : [],
      names: { reporter, ...(owner ? { owner } : {}) },
      when: (d) => k.when(d),
      ...(note ? { note } : {}),
    });

const names = async (k: NoticeKit, r: RepairView) => ({
  reporter: await k.name(r.reporterId, '报修人'),
  owner: r.assigneeId ? await k.name(r.assigneeId) : undefined,
});

/** The engineer it is assigned to gets the card with what they can do now. */
const toOwner = async (k: NoticeKit, r: RepairView, note?: string): Promise<void> => {
  const owner = await k.person(r.assigneeId);
  if (!owner) return;
  const n = await names(k, r);
  await k.card('repair', r, owner, staffCard(k, note, n.reporter, n.owner));
};

/** The reporter's card (accept a quote, confirm the repair), on the channel they reported from. */
const toReporter = async (k: NoticeKit, r: RepairView, note: string): Promise<void> => {
  const reporter = await k.person(r.reporterId);
  if (!reporter) return;
  const n = await names(k, r);
  const card = presentRepairCard(r, {
    cardId: cardInstanceId('repair', r.id, r.stage, r.channel.platform, reporter.id, 'r'),
    buttons: repairButtons(r, reporter),
    names: { reporter: n.reporter, ...(n.owner ? { owner: n.owner } : {}) },
    when: (d) => k.when(d),
    note,
  });
  k.cardToChannel(r.channel, 'repair', r.id, r.stage, card);
};

const lines = (k: NoticeKit, r: RepairView): string =>
  [
    `工单 ${r.number}（${REPAIR_CATEGORY_LABELS[r.category]}）`,
    `位置：${[r.unit, r.place].filter(Boolean).join(' ') || '未说明'}`,
    `情况：${r.text}`,
    `发现时间：${k.when(r.faultFoundAt)}`,
  ].join('\n');

/**
 * A new work order: engineering on duty may take it; urgent and emergency ones page the senior
 * assistant (who can dispatch) and, for emergencies, security; a lift fault calls the lift company.
 */
export const repairFiled = async (k: NoticeKit, r: RepairView): Promise<void> => {
  const n = await names(k, r);
  const note =
    r.urgency === 'emergency'
      ? '【紧急】请立即处理'
      : r.urgency === 'urgent'
        ? '【加急】'
        : r.category === 'lift'
          ? '电梯故障：请立即停梯、设置围挡、通知电梯维保公司，并记录发现、开始维修和恢复运行的时间。'
          : undefined;
  const roles = ['engineering', ...(r.urgency !== 'normal' ? (['senior_assistant'] as const) : [])] as const;
  for (const p of await k.onDuty(roles))
    await k.card('repair', r, p, staffCard(k, note, n.reporter, undefined));
  if (r.urgency === 'emergency') {
    for (const p of await k.onDuty(['security'])) {
      await k.card(
        'repair',
        r,
        p,
        staffCard(k, '【紧急】请立即到场协助、保护现场', n.reporter, undefined, false),
      );
    }
  }
  if (r.category === 'lift') {
    for (const c of k.d.liftContacts) {
      k.batch.to(
        { platform: c.platform, userId: c.userId },
        { type: 'text', text: `【电梯故障报修】\n${lines(k, r)}\n请尽快到场维修。` },
      );
    }
  }
};

/** A photo added later goes to the engineer on it, or to engineering on duty while nobody is. */
export const repairPhotoAdded = async (k: NoticeKit, r: RepairView, attachmentId: string): Promise<void> => {
  const text = `${r.number} 补充了照片（${await k.name(r.reporterId, '报修人')}）：`;
  const people = r.assigneeId ? [r.assigneeId] : (await k.onDuty(['engineering'])).map((p) => p.id);
  for (const id of people) {
    await k.text(id, text);
    await k.photos(id, [attachmentId]);
  }
};

/** 停运时长 of a lift from found to restored. */
export const downtime = (r: RepairView): string => {
  const ms = (r.restoredAt?.getTime() ?? r.faultFoundAt.getTime()) - r.faultFoundAt.getTime();
  const min = Math.max(0, Math.round(ms / 60_000));
  return `${Math.floor(min / 60)}小时${min % 60}分钟`;
};

const tellReporter = (k: NoticeKit, o: Done, who: string): void => {
  const r = o.after;
  if (o.actor?.id === r.reporterId) {
    if (o.action === 'verify') k.toChannel(r.channel, `工单 ${r.number} 已完成，感谢您的确认。`);
    if (o.action === 'reopen') k.toChannel(r.channel, `已通知维修人员重新处理工单 ${r.number}。`);
    return;
  }
  if (o.action === 'wait' && r.wait) {
    k.toChannel(
      r.channel,
      waitingText(`您的报修 ${r.number} `, r.wait, (d) => k.when(d)),
    );
    return;
  }
  const say: Partial<Record<Done['action'], string>> = {
    resume: `您的报修 ${r.number} 已恢复处理。`,
    accept: `您的报修 ${r.number} 已由${who}接单，将尽快处理。`,
    start: `维修人员${who}已开始处理您的报修 ${r.number}。`,
    verify: `您的报修 ${r.number} 已确认完成。`,
    cancel: `您的报修 ${r.number} 已撤销。`,
  };
  const text = say[o.action];
  if (text) k.toChannel(r.channel, text);
};

/** Statuses in which the assigned engineer has buttons to press. */
const OWNER_WORKS = ['dispatched', 'accepted', 'in_progress', 'waiting', 'fixed'] as const;

/** Why the engineer gets a fresh card after an action, when it is worth saying. */
const ownerNote = (k: NoticeKit, o: Done): string | undefined => {
  const r = o.after;
  const who = o.actor?.name ?? '工作人员';
  switch (o.action) {
    case 'dispatch':
      return `${who}派单给您`;
    case 'wait':
      return r.wait ? waitingNote(r.wait, (d) => k.when(d)) : undefined;
    case 'accept_quote':
      return `商户已接受报价 ${r.quoteAmount} 元，可以开始维修`;
    case 'reopen': {
      const why = (o.input.text ?? '').trim();
      return `反馈没修好${why ? `：${why}` : ''}，请重新处理`;
    }
    case 'fix':
    case 'verify':
      return r.depositStatus === 'held' ? '维修已完成：验收后请退还维修押金' : undefined;
    default:
      return undefined;
  }
};

/**
 * One step of a work order: close the passed stage's cards, tell the reporter, send the reporter a
 * card when it is their turn (a quote, a repair to confirm), tell the front desk about deposits,
 * and give the engineer a fresh card whenever what they can do has changed.
 */
export const repairChanged = async (k: NoticeKit, o: Done): Promise<void> => {
  const { before, after: r } = o;
  const entry = r.history.at(-1);
  const who = o.actor?.name ?? '工作人员';
  if (r.stage > before.stage && entry) {
    const label = await k.doneLabel(REPAIR_ACTION_SPECS[o.action].done, entry);
    await k.closeBefore('repair', r.id, r.stage, label, `报修工单 ${r.number}：${label}`);
  }
  tellReporter(k, o, who);
  const clerks = async (text: string) => {
    for (const p of await k.onDuty(['cs_clerk'])) await k.text(p.id, text);
  };
  switch (o.action) {
    case 'quote':
      await toReporter(k, r, `工程部报价 ${r.quoteAmount} 元（有偿维修），确认后开始维修。`);
      break;
    case 'decline_quote':
      if (r.assigneeId) await k.text(r.assigneeId, `商户不接受工单 ${r.number} 的报价，工单已取消。`);
      break;
    case 'fix':
      await toReporter(k, r, '维修人员已处理完毕，请确认是否修好。');
      if (r.category === 'lift') {
        const report = `【电梯停运报告】${r.number}\n位置：${[r.unit, r.place].filter(Boolean).join(' ') || '未说明'}\n发现故障：${k.when(r.faultFoundAt)}\n开始维修：${r.repairStartedAt ? k.when(r.repairStartedAt) : '-'}\n恢复运行：${r.restoredAt ? k.when(r.restoredAt) : '-'}\n停运时长：${downtime(r)}`;
        for (const p of await k.onDuty(['manager', 'senior_assistant'])) await k.text(p.id, report);
      }
      break;
    case 'verify':
      if (r.depositStatus !== 'held' && r.assigneeId && r.assigneeId !== o.actor?.id)
        await k.text(r.assigneeId, `工单 ${r.number} 已确认修好，已完成。`);
      break;
    case 'damage':
      await clerks(
        `工单 ${r.number} 登记为人为损坏：估价 ${r.damageEstimate} 元，请向责任人收取维修押金 ${r.depositAmount} 元（工程部验收后全额退还）。`,
      );
      break;
    case 'refund':
      await clerks(`工单 ${r.number} 维修已验收，请向责任人全额退还维修押金 ${r.depositAmount} 元。`);
      break;
    case 'compensate':
    case 'reassess': {
      // The front desk collects it (已缴赔偿金); a senior assistant settles a disputed amount
      // (重新估价) or, for a shop that will not pay, deducts it from the security deposit.
      const n = await names(k, r);
      const note = `人为损坏${o.action === 'reassess' ? '赔偿金重新估价' : '登记为赔偿'}：赔偿金 ${r.compensationAmount} 元，请陪同责任人到财务部缴纳；对金额有异议时由高级物业助理协商或请专业人员现场估算后重新估价，拒不缴纳的商户从保证金中扣除。`;
      for (const p of await k.onDuty(['cs_clerk', 'senior_assistant']))
        await k.card('repair', r, p, staffCard(k, note, n.reporter, n.owner));
      if (o.action === 'reassess' && r.assigneeId)
        await k.text(r.assigneeId, `工单 ${r.number} 的赔偿金已重新估价为 ${r.compensationAmount} 元。`);
      break;
    }
    case 'compensation_paid':
      if (r.assigneeId)
        await k.text(r.assigneeId, `工单 ${r.number} 的赔偿金 ${r.compensationAmount} 元已缴纳。`);
      break;
    case 'deduct': {
      const tenant = await k.d.people.findTenantOfShop(r.shopCode);
      const words = `${r.shopCode} 造成的损坏（工单 ${r.number}）维修费用 ${r.compensationAmount} 元，按商场规定从贵铺保证金中扣除。`;
      if (tenant && tenant.id !== r.reporterId) await k.text(tenant.id, words);
      await clerks(
        `工单 ${r.number}：${r.shopCode} 未承担维修也未缴纳赔偿金，已从其保证金扣除 ${r.compensationAmount} 元，请通知财务部。`,
      );
      break;
    }
    case 'release':
      for (const p of await k.onDuty(['engineering'])) {
        const n = await names(k, r);
        await k.card('repair', r, p, staffCard(k, '原维修人员已离职，请重新接单', n.reporter, undefined));
      }
      break;
    case 'cancel':
      if (r.assigneeId && r.assigneeId !== o.actor?.id)
        await k.text(r.assigneeId, `工单 ${r.number} 已撤销。`);
      break;
    default:
      break;
  }
  const ownerCanAct =
    (OWNER_WORKS as readonly string[]).includes(r.status) ||
    (r.status === 'closed' && r.depositStatus === 'held');
  if (r.stage > before.stage && ownerCanAct && r.status !== 'fixed') await toOwner(k, r, ownerNote(k, o));
  else if (
    r.stage > before.stage &&
    r.depositStatus === 'held' &&
    (r.status === 'fixed' || r.status === 'closed')
  )
    await toOwner(k, r, ownerNote(k, o));
};

/** One person's copy of the work-order card (a to-do list), with the buttons they may press now. */
export const repairCardFor = async (
  k: NoticeKit,
  r: RepairView,
  person: PersonView,
  suffix: string,
): Promise<number> => {
  const n = await names(k, r);
  return k.card('repair', r, person, staffCard(k, undefined, n.reporter, n.owner), suffix);
};
