import type { BusinessTime } from '../../lib/business-time.js';
import type { MessageBatch } from '../../outbound/message-batch.js';
import type { CounterRepository } from '../../persistence/repositories/counter.repository.js';
import type { PersonView } from '../../persistence/repositories/people.repository.js';
import type { TicketRepository } from '../../persistence/repositories/ticket.repository.js';
import type { Platform } from '../../platforms/inbound-event.js';
import type { DutyService } from '../duty/duty.service.js';
import { REPAIR_CATEGORY_LABELS, repairBilling, repairCategory } from '../repair/repair.rules.js';
import {
  COMPLAINT_KIND_LABELS,
  complaintCategory,
  complaintKind,
  nextReplyDelayMs,
} from './complaint.rules.js';

export interface FileInput {
  readonly reporter: PersonView;
  readonly channel: { platform: Platform; userId: string; conversationId: string };
  readonly text: string;
  /** The reporter's own shop (tenants), '' for staff. */
  readonly shopCode: string;
  /** A unit named in the message (may be another shop: where the problem is). */
  readonly unit: string;
  readonly place: string;
  readonly urgency: 'normal' | 'urgent' | 'emergency';
  readonly sourceKey: string;
}

export interface Filed {
  readonly id: string;
  readonly number: string;
  readonly created: boolean;
}

/** Complaints (rulebook 11) and repair work orders (5.1.5): file once, tell whoever is on duty. */
export class TicketService {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly counters: CounterRepository,
    private readonly duty: DutyService,
    private readonly time: BusinessTime,
  ) {}

  async fileComplaint(
    f: FileInput,
    batch: MessageBatch,
  ): Promise<Filed & { kind: 'general' | 'major' | 'written'; nextReplyAt: Date }> {
    const now = this.time.clock.now();
    const kind = complaintKind(f.text, f.urgency);
    const nextReplyAt = new Date(now.getTime() + nextReplyDelayMs(kind));
    const handlerRole = kind === 'major' ? 'senior_assistant' : 'assistant';
    const r = await this.counters.allocate('TS', this.time.dayKey(now), (number) =>
      this.tickets.createComplaint(number, {
        sourceKey: f.sourceKey,
        kind,
        category: complaintCategory(f.text),
        text: f.text,
        shopCode: f.shopCode,
        aboutUnit: f.unit,
        place: f.place,
        reporterId: f.reporter.id,
        channel: f.channel,
        handlerRole,
        nextReplyAt,
        at: now,
      }),
    );
    if (r.created) {
      const where = [f.unit, f.place].filter(Boolean).join(' ') || f.shopCode || '未说明';
      const text = [
        `【${COMPLAINT_KIND_LABELS[kind]}】${r.number}`,
        `投诉人：${f.reporter.name}${f.shopCode ? `（${f.shopCode}）` : ''}`,
        `位置：${where}`,
        `内容：${f.text}`,
        `请在 ${this.time.human(nextReplyAt)} 前回复客户${kind === 'major' ? '，并将处理结果报告营运部经理' : ''}。`,
      ].join('\n');
      await this.notifyRole(handlerRole, text, batch);
    }
    return { ...r, kind, nextReplyAt };
  }

  async fileRepair(f: FileInput, batch: MessageBatch): Promise<Filed & { category: string }> {
    const now = this.time.clock.now();
    const category = repairCategory(f.text);
    const r = await this.counters.allocate('WX', this.time.dayKey(now), (number) =>
      this.tickets.createRepair(number, {
        sourceKey: f.sourceKey,
        category,
        urgency: f.urgency,
        billing: repairBilling(Boolean(f.unit || f.shopCode) && !f.place),
        text: f.text,
        shopCode: f.unit || f.shopCode,
        place: f.place,
        reporterId: f.reporter.id,
        channel: f.channel,
        at: now,
      }),
    );
    if (r.created) {
      const where = [f.unit || f.shopCode, f.place].filter(Boolean).join(' ') || '未说明';
      const head =
        f.urgency === 'emergency' ? '【紧急报修】' : f.urgency === 'urgent' ? '【加急报修】' : '【报修工单】';
      const lines = [
        `${head}${r.number}（${REPAIR_CATEGORY_LABELS[category]}）`,
        `报修人：${f.reporter.name}${f.shopCode ? `（${f.shopCode}）` : ''}`,
        `位置：${where}`,
        `情况：${f.text}`,
        ...(category === 'lift'
          ? ['电梯故障：请立即停梯、设置围挡、通知电梯维保公司，并记录发现、开始维修和恢复运行的时间。']
          : []),
      ];
      await this.notifyRole('engineering', lines.join('\n'), batch);
      if (f.urgency !== 'normal') await this.notifyRole('senior_assistant', lines.join('\n'), batch);
      if (f.urgency === 'emergency') await this.notifyRole('security', lines.join('\n'), batch);
    }
    return { ...r, category: REPAIR_CATEGORY_LABELS[category] };
  }

  private async notifyRole(
    role: Parameters<DutyService['resolve']>[0],
    text: string,
    batch: MessageBatch,
  ): Promise<void> {
    const onDuty = await this.duty.resolve(role);
    for (const p of onDuty.people) await batch.toPerson(p.id, () => ({ type: 'text', text }));
  }
}
