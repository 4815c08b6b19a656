import { findingLine } from '../../cards/patrol.card.js';
import { isSupervisorOf } from '../../src/domain/duty/ladder.js';
import { FINDING_LABELS, PATROLLED_SHIFTS, SHIFT_LABELS } from '../../src/domain/patrol/patrol.rules.js';
import type { PatrolView } from '../../src/domain/patrol/patrol.types.js';
import type { PersonView } from '../../src/domain/people/people.types.js';
import { NOTICE_LABELS, VIOLATION_STATUS_LABELS } from '../../src/domain/violation/violation.rules.js';
import type { InspectionDesk } from '../../src/inspections/inspection-desk.js';
import { addDays } from '../../src/lib/calendar/day-key.js';
import type { MediaService } from '../../src/media/media.service.js';
import { extractUnit } from '../../src/nlu/slots/unit.js';
import type { AttachmentInbox } from '../../src/state/attachment-inbox.store.js';
import type { HandlerContext } from '../context.js';
import { dayOf } from './inspection-text.js';

/** What patrol chat uses. */
export interface PatrolChatDeps {
  readonly inspections: InspectionDesk;
  readonly media: Pick<MediaService, 'fromChat'>;
  readonly inbox: AttachmentInbox;
  readonly units: { codes(): Promise<ReadonlySet<string>> };
  readonly people: { get(id: string): Promise<PersonView | null> };
}

const PATROL_ROLES = ['assistant', 'senior_assistant'] as const;

/** Who walks patrols: assistants and senior assistants (4.1.1, 9). */
export const mayPatrol = (p: PersonView): boolean =>
  p.kind === 'staff' && p.roles.some((r) => (PATROL_ROLES as readonly string[]).includes(r));

/** "开始巡场": a patrol record opens; everything said until "结束巡场" is a finding. */
export const startPatrol = async (
  d: PatrolChatDeps,
  ctx: HandlerContext,
  actor: PersonView,
): Promise<void> => {
  if (!mayPatrol(actor)) {
    ctx.replyText('巡场由物业助理进行。');
    return;
  }
  const { patrol, created } = await d.inspections.start(
    actor,
    {
      platform: ctx.event.platform,
      userId: ctx.event.userId,
      conversationId: ctx.event.conversation.id,
    },
    `in-${ctx.inboundId}`,
  );
  if (!created) {
    ctx.replyText(`您正在巡场（${patrol.number}），请继续记录发现的问题，结束时发送“结束巡场”。`);
    return;
  }
  ctx.replyText(
    [
      `已开始巡场 ${patrol.number}（${SHIFT_LABELS[patrol.shift]}，${ctx.time.human(patrol.startedAt)}）。`,
      '发现问题请直接发文字和照片，例如“B1-05 门口堆放杂物”“2楼东侧洗手间灯不亮”“消防：3F-12 堵塞安全出口”。',
      '设施故障会立即生成工程单，商铺违章会通知商户限期整改。结束时发送“结束巡场”。',
    ].join('\n'),
  );
};

/** One finding, in the assistant's words, with the photos sent just before it. */
export const recordFinding = async (
  d: PatrolChatDeps,
  ctx: HandlerContext,
  actor: PersonView,
  patrol: PatrolView,
  text: string,
): Promise<void> => {
  const unit = extractUnit(text, await d.units.codes());
  const photos = await d.inbox.takeOrphans(ctx.event.platform, ctx.event.userId);
  const r = await d.inspections.record(
    actor,
    patrol,
    { text, unit: unit?.verified ? unit.code : '', attachmentIds: photos, sourceKey: `in-${ctx.inboundId}` },
    ctx.batch,
  );
  const head = `已记录第 ${r.finding.seq} 项：【${FINDING_LABELS[r.finding.category]}】${r.finding.unit ? `${r.finding.unit} ` : ''}${r.finding.text}`;
  const tail = r.repair
    ? `已生成工程单 ${r.repair.number}，已通知工程部。`
    : r.violation
      ? `已开违章整改单 ${r.violation.number}（该铺第 ${r.violation.offenceNo} 次），已通知商户于 ${ctx.time.human(r.violation.fixBy)} 前整改，到时提醒您复查。${r.violation.escalated ? '\n屡次违章，已通知高级物业助理和经理到场协助。' : ''}`
      : r.finding.category === 'emergency'
        ? '已通知当值高级物业助理和保安到场。'
        : '';
  ctx.replyText(
    [head, tail, '如分类不对，可在文字前加类别重新发送，例如“卫生：…”“消防：…”。'].filter(Boolean).join('\n'),
  );
};

/** A photo while walking: it belongs to the last finding, or waits for the next one. */
export const patrolPhoto = async (
  d: PatrolChatDeps,
  ctx: HandlerContext,
  actor: PersonView,
  patrol: PatrolView,
): Promise<void> => {
  const m = ctx.event.message;
  if (!m) return;
  const stored = await d.media.fromChat({
    platform: ctx.event.platform,
    mediaId: m.mediaId ?? '',
    sourceKey: `in-${ctx.inboundId}`,
    uploaderId: actor.id,
  });
  if (!stored.ok) {
    ctx.replyText('没能保存这张照片，请重新发送。');
    return;
  }
  const last = (await d.inspections.patrols.findings(patrol.id)).at(-1);
  const recent = last && ctx.now.getTime() - last.at.getTime() <= 10 * 60_000;
  if (last && recent) {
    await d.inspections.addPhoto(last, stored.attachment.id, ctx.batch);
    ctx.replyText(
      `照片已附到第 ${last.seq} 项${last.repairNumber ? `（工程单 ${last.repairNumber}）` : ''}。`,
    );
    return;
  }
  const n = await d.inbox.addOrphan(ctx.event.platform, ctx.event.userId, stored.attachment.id);
  ctx.replyText(`收到照片（${n} 张），请用文字描述这个问题，照片会一起记录。`);
};

/** "结束巡场": the record is handed in; the on-duty senior assistant gets it to review. */
export const endPatrol = async (
  d: PatrolChatDeps,
  ctx: HandlerContext,
  patrol: PatrolView | null,
): Promise<void> => {
  if (!patrol) {
    ctx.replyText('您当前没有进行中的巡场。开始时请发送“开始巡场”。');
    return;
  }
  const o = await d.inspections.act(
    'patrol',
    { id: patrol.id, action: 'end', actor: { person: ctx.actor, account: ctx.sender }, input: {} },
    ctx.batch,
  );
  if (o.kind !== 'done') {
    ctx.replyText(`巡场 ${patrol.number} 已结束。`);
    return;
  }
  const findings = await d.inspections.patrols.findings(patrol.id);
  ctx.replyText(
    [
      `巡场 ${patrol.number} 已结束，共记录 ${findings.length} 项，巡场情况记录表已提交当值高级物业助理审阅。`,
      ...findings.map(findingLine),
    ].join('\n'),
  );
};

/** "巡场情况 [日期]" (senior assistant and above): each shift's patrols of a day, and the gaps. */
export const replyCoverage = async (
  d: PatrolChatDeps,
  ctx: HandlerContext,
  actor: PersonView,
  word: string | undefined,
): Promise<void> => {
  if (!isSupervisorOf(actor.roles, 'senior_assistant')) {
    ctx.replyText('巡场情况由高级物业助理及以上查看。');
    return;
  }
  const day = dayOf(word, ctx.time.dayKey(), addDays);
  const patrols = await d.inspections.patrols.onDay(day);
  const line = async (p: PatrolView) => {
    const walker = (await d.people.get(p.walkerId))?.name ?? '物业助理';
    const span = `${ctx.time.at(p.startedAt).format('HH:mm')}-${p.endedAt ? ctx.time.at(p.endedAt).format('HH:mm') : '进行中'}`;
    const review =
      p.status === 'reviewed'
        ? `已审阅（${(await d.people.get(p.reviewerId ?? ''))?.name ?? '主管'}）`
        : p.status === 'submitted'
          ? '待审阅'
          : '巡场中';
    const n = p.status === 'walking' ? (await d.inspections.patrols.findings(p.id)).length : p.findingCount;
    return `  ${p.number} ${walker} ${span}，发现 ${n} 项，${review}`;
  };
  const lines: string[] = [`${day} 巡场情况：`];
  for (const shift of [...PATROLLED_SHIFTS, 'night' as const]) {
    const of = patrols.filter((p) => p.shift === shift);
    if (of.length === 0) {
      if (shift !== 'night') lines.push(`${SHIFT_LABELS[shift]}：未巡场`);
      continue;
    }
    lines.push(`${SHIFT_LABELS[shift]}：${of.length} 次`);
    for (const p of of) lines.push(await line(p));
  }
  const covered = PATROLLED_SHIFTS.filter((s) => patrols.some((p) => p.shift === s)).length;
  lines.push(`覆盖 ${covered}/${PATROLLED_SHIFTS.length} 个班次。`);
  ctx.replyText(lines.join('\n'));
};

/** "B1-05 违章" (staff): the shop's violations, counted, newest last. */
export const replyShopViolations = async (
  d: PatrolChatDeps,
  ctx: HandlerContext,
  unitText: string,
): Promise<boolean> => {
  const unit = extractUnit(unitText, await d.units.codes());
  if (!unit?.verified) return false;
  const all = await d.inspections.violations.ofShop(unit.code);
  ctx.replyText(
    all.length === 0
      ? `${unit.code} 没有违章记录。`
      : [
          `${unit.code} 共 ${all.length} 次违章：`,
          ...all.map(
            (v) =>
              `${v.number} ${ctx.time.human(v.createdAt)} ${v.text}（${VIOLATION_STATUS_LABELS[v.status]}${v.noticeKind ? `，${NOTICE_LABELS[v.noticeKind]} ${v.noticeNumber ?? ''}` : ''}）`,
          ),
        ].join('\n'),
  );
  return true;
};
