import { APPROVAL_LABELS } from '../../src/domain/approval/approval.rules.js';
import type { Slot } from '../../src/domain/approval/space.rules.js';
import { COMPLAINT_KIND_LABELS } from '../../src/domain/complaint/complaint.rules.js';
import type { PersonView } from '../../src/domain/people/people.types.js';
import { REPAIR_CATEGORY_LABELS } from '../../src/domain/repair/repair.rules.js';
import type { DialogState } from '../../src/state/dialog.store.js';
import type { HandlerContext } from '../context.js';
import type { ConversationDeps } from './deps.js';
import { type FilingIntent, FORMS } from './forms.js';

/** What {@link fileDialog} returns when the request was refused (the reason was told). */
export const NOT_FILED = '未受理';

const SAFETY_ADVICE = '请立即远离危险区域，注意人身安全；如有人员受伤请拨打120，起火请拨打119。';

/** Photos sent while the dialog was open, kept as a comma list in the dialog. */
export const dialogAttachments = (d: DialogState): string[] =>
  (d.fields._attachments ?? '').split(',').filter(Boolean);

/** The floor of a unit (from the registry) or of a place ("3楼东侧"), '' when unknown. */
const floorOf = async (deps: ConversationDeps, unit: string, place: string): Promise<string> => {
  if (unit) return (await deps.shops.get(unit))?.floor ?? '';
  const m = /(负|地下|B)\s*([1-3一二三])\s*(楼|层)?|([1-9一二三四五六七八九])\s*(楼|层|F)/i.exec(place);
  if (!m) return '';
  const cn = '一二三四五六七八九';
  const digit = (s: string) => (cn.includes(s) ? String(cn.indexOf(s) + 1) : s);
  return m[2] ? `B${digit(m[2])}` : `${digit(m[4] ?? '')}F`;
};

/** A posting comes down at the time said, or at 18:00 of the day said (staff on duty to check). */
const postingEnd = (ctx: HandlerContext, d: DialogState): Date | undefined => {
  const iso = d.fields.until_whenIso;
  if (!iso) return undefined;
  const at = ctx.time.at(new Date(iso));
  return (d.fields.until ?? '').includes(':') ? at.toDate() : at.hour(18).minute(0).second(0).toDate();
};

/**
 * The files sent for the form's attachment fields (labelled as the field) and any others sent
 * while the dialog was open, and the public space and slot a booking asks for.
 */
const requestExtras = (
  d: DialogState,
  intent: FilingIntent,
): { attachments: { id: string; label: string }[]; slot?: Slot } => {
  const attachments = [
    ...FORMS[intent]
      .filter((f) => f.kind === 'attachments')
      .flatMap((f) =>
        (d.fields[`${f.key}_ids`] ?? '')
          .split(',')
          .filter(Boolean)
          .map((id) => ({ id, label: f.label })),
      ),
    ...dialogAttachments(d).map((id) => ({ id, label: '附件' })),
  ];
  const space = d.fields.place_code;
  const start = d.fields.slot_startIso;
  const end = d.fields.slot_endIso;
  return {
    attachments,
    ...(intent === 'space_use' && space && start && end
      ? { slot: { space, start: new Date(start), end: new Date(end) } }
      : {}),
  };
};

/**
 * Files what the dialog collected (idempotent: the source key is the dialog id), tells whoever
 * must act, and answers the person with the ticket number (safe to say in a group). Returns it.
 */
export const fileDialog = async (
  deps: ConversationDeps,
  ctx: HandlerContext,
  actor: PersonView,
  d: DialogState,
): Promise<string> => {
  const intent = d.intent as FilingIntent;
  const channel = {
    platform: ctx.event.platform,
    userId: ctx.event.userId,
    conversationId: ctx.event.conversation.id,
  };
  const own = actor.kind === 'tenant' ? (actor.shopCodes[0] ?? '') : '';
  const sourceKey = `dialog:${d.id}`;
  const attachmentIds = dialogAttachments(d);
  if (intent === 'complaint' || intent === 'repair' || intent === 'written_complaint') {
    const unit = d.fields.where_unit ?? '';
    const place = d.fields.where_place ?? '';
    const floor = await floorOf(deps, unit, place);
    if (intent !== 'repair') {
      const written = intent === 'written_complaint';
      const { complaint: c, created } = await deps.complaints.file({
        reporter: actor,
        channel,
        text: written ? (d.fields.content ?? d.originalText) : d.originalText,
        shopCode: written ? unit : own,
        unit,
        place,
        floor,
        urgency: d.urgency,
        sourceKey,
        attachmentIds,
        ...(written
          ? { written: { docNo: d.fields.docNo ?? '', complainant: d.fields.complainant ?? '' } }
          : {}),
      });
      if (created) await deps.notifier.complaintFiled(c, ctx.batch);
      ctx.announce(
        written
          ? `已登记书面投诉，单号 ${c.number}（来文编号 ${c.docNo}），已转责任部门处理，答复请以书面形式出具。`
          : c.category === 'safety' && c.kind === 'major'
            ? `已紧急通知值班主管和保安，单号 ${c.number}，人员正在赶来。${SAFETY_ADVICE}`
            : `已为您登记${COMPLAINT_KIND_LABELS[c.kind]}，单号 ${c.number}。我们会在 ${ctx.time.human(c.replyDueAt ?? ctx.now)} 前给您回复处理结果。`,
      );
      return c.number;
    }
    // A tenant's report about another unit stays theirs: that unit's tenant does not see it.
    const shopCode = actor.kind === 'staff' ? unit : !unit || unit === own ? own : '';
    const { repair: r, created } = await deps.repairs.file({
      reporter: actor,
      channel,
      text: d.originalText,
      shopCode,
      unit,
      place,
      floor,
      urgency: d.urgency,
      sourceKey,
      attachmentIds,
    });
    if (created) await deps.notifier.repairFiled(r, ctx.batch);
    ctx.announce(
      d.urgency === 'emergency'
        ? `已紧急通知值班工程、主管和保安，单号 ${r.number}，人员正在赶来。${SAFETY_ADVICE}`
        : `已为您报修（${REPAIR_CATEGORY_LABELS[r.category]}），工单号 ${r.number}，工程部会尽快联系您。`,
    );
    return r.number;
  }
  const details = FORMS[intent]
    .filter((f) => d.fields[f.key] && f.key !== 'unit')
    .map((f) => ({ key: f.key, label: f.label, value: d.fields[f.key] ?? '' }));
  const copy = d.fields.copy ?? '';
  // A key is due back the same day; a gate pass holds until the end of the day asked for; an
  // archive file's due time is set when it leaves the archive room (出档).
  const whenIso = d.fields.when_whenIso;
  const overnight = intent === 'key_loan' && (d.fields.overnight ?? '').startsWith('次日');
  const dueAt =
    intent === 'key_loan'
      ? ctx.time
          .now()
          .add(overnight ? 1 : 0, 'day')
          .endOf('day')
          .toDate()
      : intent === 'goods_release'
        ? (whenIso ? ctx.time.at(new Date(whenIso)) : ctx.time.now()).endOf('day').toDate()
        : intent === 'posting'
          ? postingEnd(ctx, d)
          : undefined;
  const r = await deps.approvals.request({
    ...requestExtras(d, intent),
    type: intent,
    requester: actor,
    channel,
    shopCode: d.fields.unit ?? own,
    text: d.originalText,
    details,
    sourceKey,
    ...(dueAt ? { dueAt } : {}),
    ...(intent === 'key_loan' && d.fields.id_sealed && d.fields.id_sealedFor === d.fields.id
      ? { borrowerIdSealed: d.fields.id_sealed }
      : {}),
    chain: {
      copying: copy.startsWith('需要') ? 'copy' : 'none',
      keptOvernight: overnight,
    },
  });
  if (r.kind === 'refused') {
    ctx.replyText(r.reason);
    return NOT_FILED;
  }
  const { approval: a, created } = r;
  if (created) await deps.notifier.approvalSubmitted(a, ctx.batch);
  ctx.announce(
    `已提交${APPROVAL_LABELS[intent]}申请，单号 ${a.number}，审批结果会通知您。${intent === 'key_loan' ? (overnight ? '次日归还须经理批准。' : '钥匙请当天归还。') : ''}如需撤回，请回复“撤回 ${a.number}”。`,
  );
  return a.number;
};
