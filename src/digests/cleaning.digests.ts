import type { CleaningService } from '../domain/cleaning/cleaning.service.js';
import { type CleaningContract, settle } from '../domain/cleaning/cleaning.standard.js';
import { type CleaningView, COUNTED_STATUSES } from '../domain/cleaning/cleaning.types.js';
import { SHIFT_LABELS } from '../domain/patrol/patrol.rules.js';
import type { BusinessTime } from '../lib/business-time.js';
import { addDays, instantAt } from '../lib/calendar/day-key.js';
import type { MessageBatch } from '../outbound/message-batch.js';
import type { PeopleRepository } from '../persistence/repositories/people.repository.js';
import type { DigestDefinition, DigestOutput, DigestPeriod } from './digest-definition.js';
import { monthEndPeriodAt } from './month-end.digest.js';

const CATCH_UP_MS = 24 * 3600_000;
/** The daily handover book closes with the middle shift, at 22:00. */
const HANDOVER_MINUTE = 22 * 60;

const counted = (c: CleaningView) => COUNTED_STATUSES.includes(c.status);
const sum = (xs: readonly CleaningView[]) => xs.reduce((a, c) => a + c.points, 0);

/** The manager and leadership: who get the cleaning handover book and the settlement sheet (6). */
const sendToHeads = async (
  people: Pick<PeopleRepository, 'staffWithRole'>,
  batch: MessageBatch,
  title: string,
  text: string,
): Promise<number> => {
  const heads = new Map<string, true>();
  for (const role of ['manager', 'leader'] as const)
    for (const p of await people.staffWithRole(role)) heads.set(p.id, true);
  for (const id of heads.keys()) await batch.toPerson(id, () => ({ type: 'markdown', title, text }));
  return heads.size;
};

const statusWord = (c: CleaningView): string =>
  ({
    minor: '轻微，已现场整改',
    pending: '待清洁公司确认',
    confirmed: '已确认',
    disputed: '有异议待处理',
    upheld: '异议后维持',
    waived: '异议后撤销',
  })[c.status];

/**
 * The daily cleaning handover book (清洁工作交班簿, 6): each shift's inspections, deductions and
 * minor findings, to the manager and leadership at 22:00.
 */
export class CleaningHandover implements DigestDefinition {
  readonly name = 'cleaning-handover';

  constructor(
    private readonly cleaning: Pick<CleaningService, 'ofDay'>,
    private readonly people: Pick<PeopleRepository, 'staffWithRole'>,
  ) {}

  duePeriod(now: Date, time: BusinessTime): DigestPeriod | undefined {
    const today = time.dayKey(now);
    const at = (d: string) => instantAt(d, HANDOVER_MINUTE, time.tz);
    const day = at(today) <= now ? today : addDays(today, -1);
    const sendAt = at(day);
    return now.getTime() - sendAt.getTime() <= CATCH_UP_MS ? { period: day, sendAt } : undefined;
  }

  async build(period: string, batch: MessageBatch): Promise<DigestOutput> {
    const all = await this.cleaning.ofDay(period);
    // A day without inspections sends nothing: an empty book every night is noise (the missing
    // patrol check already flags shifts nobody walked).
    if (all.length === 0) return { summary: { records: 0, recipients: 0 } };
    const title = `${Number(period.slice(5, 7))}月${Number(period.slice(8))}日清洁工作交班簿`;
    const lines = [
      `**${title}**`,
      `检查记录 ${all.length} 条，确认扣分 ${sum(all.filter(counted))} 分。`,
      ...all.map(
        (c) =>
          `- ${SHIFT_LABELS[c.shift]} ${c.number} ${c.itemCode ? `${c.itemCode} ${c.item} ${c.points}分` : '轻微'}：${c.text}（${statusWord(c)}）`,
      ),
    ];
    const text = lines.join('\n');
    const recipients = await sendToHeads(this.people, batch, title, text);
    return { summary: { records: all.length, recipients }, group: { title, markdown: text } };
  }
}

/**
 * Month-end cleaning settlement (6: "每月统计扣分总值，根据扣分情况合同规定进行费用结算"): the
 * month's confirmed and upheld deductions totalled by item, and the settlement sheet of the
 * contract, to the manager and leadership at 18:00 on the month's last day.
 */
export class CleaningSettlement implements DigestDefinition {
  readonly name = 'cleaning-settlement';

  constructor(
    private readonly cleaning: Pick<CleaningService, 'ofMonth'>,
    private readonly people: Pick<PeopleRepository, 'staffWithRole'>,
    private readonly contract: CleaningContract,
  ) {}

  duePeriod(now: Date, time: BusinessTime): DigestPeriod | undefined {
    const p = monthEndPeriodAt(now, time.tz);
    return now.getTime() - p.sendAt.getTime() <= CATCH_UP_MS ? p : undefined;
  }

  async build(period: string, batch: MessageBatch): Promise<DigestOutput> {
    const all = await this.cleaning.ofMonth(period);
    const deductions = all.filter(counted);
    const byItem = new Map<string, { item: string; n: number; points: number }>();
    for (const c of deductions) {
      const row = byItem.get(c.itemCode) ?? { item: c.item, n: 0, points: 0 };
      byItem.set(c.itemCode, { item: row.item, n: row.n + 1, points: row.points + c.points });
    }
    const s = settle(sum(deductions), this.contract);
    const open = all.filter((c) => c.status === 'pending' || c.status === 'disputed');
    const title = `${Number(period.slice(5))}月清洁扣分统计及结算单`;
    const lines = [
      `**${title}**`,
      `扣分合计 **${s.points}** 分（${deductions.length} 项）`,
      ...[...byItem.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, r]) => `- ${code} ${r.item}：${r.n} 项，${r.points} 分`),
      `轻微问题（现场整改，不扣分）：${all.filter((c) => c.status === 'minor').length} 项；异议后撤销：${all.filter((c) => c.status === 'waived').length} 项`,
      ...(open.length > 0
        ? [`尚未确认的扣分 ${open.length} 项（未计入）：${open.map((c) => c.number).join('、')}`]
        : []),
      '**结算单**',
      `合同月费：${s.fee} 元`,
      `扣款：${s.points} 分 × ${this.contract.yuanPerPoint} 元 = ${s.deduction} 元`,
      `结算金额：**${s.payable} 元**`,
    ];
    const text = lines.join('\n');
    const recipients = await sendToHeads(this.people, batch, title, text);
    return {
      summary: { points: s.points, deduction: s.deduction, payable: s.payable, recipients },
      group: { title, markdown: text },
    };
  }
}
