import { cardInstanceId } from '../../cards/action-key.js';
import { presentComplaintCard, presentSatisfactionCard } from '../../cards/complaint.card.js';
import { COMPLAINT_ACTION_SPECS } from '../domain/complaint/complaint.actions.js';
import { COMPLAINT_KIND_LABELS } from '../domain/complaint/complaint.rules.js';
import type { ComplaintOutcome } from '../domain/complaint/complaint.service.js';
import type { ComplaintView } from '../domain/complaint/complaint.types.js';
import { type PersonView, ROLE_LABELS } from '../domain/people/people.types.js';
import { complaintButtons } from './buttons.js';
import type { NoticeKit } from './kit.js';
import { waitingNote, waitingText } from './wait.notices.js';

type Done = Extract<ComplaintOutcome, { kind: 'done' }>;

/** A complaint card for one staff member, with the buttons they may press; none when they may not act. */
const staffCard =
  (k: NoticeKit, note: string | undefined, reporter: string, owner: string | undefined) =>
  (c: ComplaintView, cardId: string, person: PersonView) => {
    const buttons = complaintButtons(c, person);
    return presentComplaintCard(c, {
      cardId,
      buttons,
      names: { reporter, ...(owner ? { owner } : {}) },
      when: (d) => k.when(d),
      ...(note ? { note } : {}),
    });
  };

/** Cards to everyone on duty who may take the complaint at its rung (and the roles routed to it). */
const toRung = async (
  k: NoticeKit,
  c: ComplaintView,
  note: string | undefined,
  withPhotos = false,
): Promise<void> => {
  const reporter = await k.name(c.reporterId, '商户');
  for (const p of await k.onDuty([c.ownerRole, ...c.routedRoles])) {
    await k.card('complaint', c, p, staffCard(k, note, reporter, undefined));
    if (withPhotos) await k.photos(p.id, c.attachmentIds);
  }
};

/** A photo added later goes to whoever handles the complaint now (its owner, else its rung). */
export const complaintPhotoAdded = async (
  k: NoticeKit,
  c: ComplaintView,
  attachmentId: string,
): Promise<void> => {
  const text = `${c.number} 补充了照片（${await k.name(c.reporterId, '商户')}）：`;
  const people = c.ownerId ? [c.ownerId] : (await k.onDuty([c.ownerRole])).map((p) => p.id);
  for (const id of people) {
    await k.text(id, text);
    await k.photos(id, [attachmentId]);
  }
};

const toOwner = async (k: NoticeKit, c: ComplaintView, note: string | undefined): Promise<void> => {
  const owner = await k.person(c.ownerId);
  if (!owner) return;
  await k.card('complaint', c, owner, staffCard(k, note, await k.name(c.reporterId, '商户'), owner.name));
};

/** A new complaint: the function responsible and the on-duty assistant; a major one the senior assistant at once. */
export const complaintFiled = async (k: NoticeKit, c: ComplaintView): Promise<void> => {
  const note =
    c.category === 'safety' && c.kind === 'major'
      ? '【紧急】涉及人身安全，请立即到场处理'
      : c.kind === 'major'
        ? '【重大投诉】请立即处理，结果报告营运部经理'
        : undefined;
  await toRung(k, c, note, true);
};

/** Tells the tenant what they need to hear about one step, on the channel they wrote from. */
const tellReporter = async (k: NoticeKit, o: Done): Promise<void> => {
  const c = o.after;
  if (o.actor?.id === c.reporterId) return;
  if (c.kind === 'written') {
    // A written complaint is answered in writing: the front desk who registered it issues the reply.
    if (o.action === 'reply')
      k.toChannel(
        c.channel,
        `书面投诉 ${c.number}（来文编号 ${c.docNo}）的答复已记录，请据此出具书面答复：\n${c.lastReply}`,
      );
    return;
  }
  const who = o.actor ? `${o.actor.name}` : '工作人员';
  const promise = c.replyDueAt ? k.when(c.replyDueAt) : '';
  switch (o.action) {
    case 'take':
      k.toChannel(c.channel, `您的投诉 ${c.number} 已由${who}受理，正在处理。`);
      return;
    case 'wait':
      if (c.wait)
        k.toChannel(
          c.channel,
          waitingText(`您的投诉 ${c.number} `, c.wait, (d) => k.when(d)),
        );
      return;
    case 'resume':
      k.toChannel(c.channel, `您的投诉 ${c.number} 已恢复处理。`);
      return;
    case 'reply':
      k.toChannel(c.channel, `关于您的投诉 ${c.number}，${who}答复如下：\n${c.lastReply}`);
      return;
    case 'escalate':
      k.toChannel(
        c.channel,
        `您的投诉 ${c.number} 已上报${ROLE_LABELS[c.ownerRole]}处理${c.ownerRole === 'leader' ? '（已超出部门处理权限）' : ''}。原因：${(o.input.text ?? '').trim()}。${promise ? `我们将于 ${promise} 前答复您。` : ''}`,
      );
      return;
    case 'close':
      k.toChannel(c.channel, `您的投诉 ${c.number} 已办结，感谢您的反馈。请为本次处理评分：`);
      k.cardToChannel(
        c.channel,
        'complaint',
        c.id,
        c.stage,
        presentSatisfactionCard(c, {
          cardId: cardInstanceId('complaint', c.id, c.stage, c.channel.platform, c.reporterId, 'rate'),
        }),
      );
      return;
    default:
      return;
  }
};

/** A major complaint's result goes to the manager when it closes ("一报告"). */
const reportToManager = async (k: NoticeKit, c: ComplaintView): Promise<void> => {
  const text = [
    `【重大投诉结果报告】${c.number}`,
    `内容：${c.text}`,
    `处理结果：${c.record || '（未记录）'}`,
    `答复商户：${c.lastReply || '（未答复）'}`,
    `办结：${c.closedAt ? k.when(c.closedAt) : ''}`,
  ].join('\n');
  for (const p of await k.onDuty(['manager'])) await k.text(p.id, text);
};

/** Card ids of callback cards end with this (one copy per person and platform). */
const CALLBACK_SUFFIX = 'cb';

/**
 * The callback-visit cards (回访) of closed complaints to one person, each with the 已回访 button
 * when they may make the visit. Registered under their own subject, so the visit closes every
 * copy and nothing else (the tenant's rating card stays open). Returns how many were queued.
 */
export const callbackCards = async (
  k: NoticeKit,
  list: readonly ComplaintView[],
  person: PersonView,
): Promise<number> => {
  let n = 0;
  for (const c of list) {
    if (c.status !== 'closed' || c.callbackDoneAt) continue;
    const reporter = await k.name(c.reporterId, '商户');
    const owner = c.ownerId ? await k.name(c.ownerId) : undefined;
    n += await k.batch.toPerson(person.id, ({ platform }) => {
      const cardId = cardInstanceId('complaint', c.id, c.stage, platform, person.id, CALLBACK_SUFFIX);
      const card = presentComplaintCard(c, {
        cardId,
        buttons: complaintButtons(c, person).filter((b) => b.action === 'callback'),
        names: { reporter, ...(owner ? { owner } : {}) },
        when: (d) => k.when(d),
        note: `【待回访】已于 ${c.closedAt ? k.when(c.closedAt) : ''} 办结，请回访商户并记录意见`,
      });
      return { type: 'card', subject: { kind: 'complaint-callback', id: c.id, stage: 0 }, card };
    });
  }
  return n;
};

/** The visit is recorded: every copy of the complaint's callback card shows who and when. */
const callbackDone = async (k: NoticeKit, c: ComplaintView): Promise<void> => {
  const entry = c.history.at(-1);
  if (!entry) return;
  const label = await k.doneLabel(COMPLAINT_ACTION_SPECS.callback.done, entry);
  await k.closeBefore('complaint-callback', c.id, 1, label, `回访 ${c.number}：${label}`);
};

/** One step of a complaint: close the passed stage's cards, tell the tenant, send the next cards. */
export const complaintChanged = async (k: NoticeKit, o: Done): Promise<void> => {
  const { before, after: c } = o;
  const entry = c.history.at(-1);
  if (c.stage > before.stage && entry) {
    const label = await k.doneLabel(COMPLAINT_ACTION_SPECS[o.action].done, entry);
    await k.closeBefore(
      'complaint',
      c.id,
      c.stage,
      label,
      `${COMPLAINT_KIND_LABELS[c.kind]} ${c.number}：${label}`,
    );
  }
  if (o.action === 'callback') await callbackDone(k, c);
  await tellReporter(k, o);
  if (c.stage === before.stage) return;
  if (c.status === 'open') {
    const note =
      o.action === 'release'
        ? '原处理人已离职，请重新受理'
        : `${o.actor?.name ?? ''}上报：${(o.input.text ?? '').trim()}${c.replyDueAt ? `；已承诺 ${k.when(c.replyDueAt)} 前答复商户` : ''}`;
    await toRung(k, c, note);
  } else if (c.status === 'handling' || c.status === 'replied' || c.status === 'waiting') {
    await toOwner(k, c, c.wait ? waitingNote(c.wait, (d) => k.when(d)) : undefined);
  } else if (c.status === 'closed' && c.kind === 'major' && before.status !== 'closed') {
    await reportToManager(k, c);
  }
};

/** One person's copy of the complaint card (a to-do list), with their buttons; the tenant's rating card once closed. */
export const complaintCardFor = async (
  k: NoticeKit,
  c: ComplaintView,
  person: PersonView,
  suffix: string,
): Promise<number> => {
  if (person.kind !== 'staff') return 0;
  const owner = c.ownerId ? await k.name(c.ownerId) : undefined;
  return k.card(
    'complaint',
    c,
    person,
    staffCard(k, undefined, await k.name(c.reporterId, '商户'), owner),
    suffix,
  );
};
