import { whereOf } from '../../cards/complaint.card.js';
import { COMPLAINT_CATEGORY_LABELS } from '../domain/complaint/complaint.rules.js';
import type { ComplaintView } from '../domain/complaint/complaint.types.js';
import type { Role } from '../domain/people/people.types.js';
import type { BusinessTime } from '../lib/business-time.js';
import { addDays, instantAt, weekKeyOf } from '../lib/calendar/day-key.js';
import type { Logger } from '../lib/logger.js';
import { callbackCards } from '../notify/complaint.notices.js';
import type { Notifier } from '../notify/notifier.js';
import type { MessageBatch } from '../outbound/message-batch.js';
import type { ComplaintRepository } from '../persistence/repositories/complaint.repository.js';
import type { PeopleRepository } from '../persistence/repositories/people.repository.js';
import { findChartFont, renderBarChartSvg, svgToPng } from './chart.js';
import { ComplaintStats } from './complaint-stats.js';
import type { DigestDefinition, DigestOutput, DigestPeriod } from './digest-definition.js';
import type { ReportingDb } from './reporting-db.js';
import {
  CALLBACK_LIST_MAX,
  type CallbackLine,
  presentWeeklyComplaints,
  weeklyComplaintsChart,
} from './weekly-complaints.present.js';

/** Monday 09:00 in the business zone; a digest later than a day is skipped, not sent late. */
const SEND_MINUTE = 9 * 60;
const CATCH_UP_MS = 24 * 3600_000;
/** Rulebook 11: the weekly summary goes to company leadership; the manager and deputy review it. */
export const WEEKLY_RECIPIENT_ROLES: readonly Role[] = ['leader', 'manager', 'deputy_manager'];
/**
 * Who gets the callback-visit cards (回访, with 已回访): the deputy manager, whose job the visits
 * are (DOMAIN.md); the manager when there is none. Any assistant or above may record a visit.
 */
const CALLBACK_CARD_ROLES: readonly Role[] = ['deputy_manager', 'manager'];

/** What the digest reads of complaints and how it sends their callback cards. */
export interface CallbackListDeps {
  readonly complaints: Pick<ComplaintRepository, 'awaitingCallback'>;
  readonly notifier: Pick<Notifier, 'kit'>;
}

/** The Monday (business zone) that starts the week a digest sent at `sendAt` covers, and its send time. */
export const weeklyPeriodAt = (now: Date, tz: string): DigestPeriod => {
  const monday = weekKeyOf(now, tz);
  const thisSend = instantAt(monday, SEND_MINUTE, tz);
  const sendDay = thisSend <= now ? monday : addDays(monday, -7);
  return { period: addDays(sendDay, -7), sendAt: instantAt(sendDay, SEND_MINUTE, tz) };
};

/**
 * The weekly complaint summary: every Monday at 09:00 to leadership, the manager and the deputy
 * manager (app messages: the summary and a chart), and to the configured group.
 */
export class WeeklyComplaintsDigest implements DigestDefinition {
  readonly name = 'weekly-complaints';

  constructor(
    private readonly reporting: ReportingDb,
    private readonly people: PeopleRepository,
    private readonly time: BusinessTime,
    private readonly chartFont: string | undefined,
    private readonly logger: Logger,
    private readonly callbacks?: CallbackListDeps,
  ) {}

  duePeriod(now: Date, time: BusinessTime): DigestPeriod | undefined {
    const p = weeklyPeriodAt(now, time.tz);
    return now.getTime() - p.sendAt.getTime() <= CATCH_UP_MS ? p : undefined;
  }

  async build(period: string, batch: MessageBatch): Promise<DigestOutput> {
    const tz = this.time.tz;
    const from = instantAt(period, 0, tz);
    const to = instantAt(addDays(period, 7), 0, tz);
    const sendAt = instantAt(addDays(period, 7), SEND_MINUTE, tz);
    const stats = await new ComplaintStats(await this.reporting.connection(), tz).weekly(from, to, sendAt);
    const week = `${this.time.at(from).format('M月D日')}—${this.time.at(addDays(period, 6)).format('M月D日')}`;
    const due = (await this.callbacks?.complaints.awaitingCallback(from, to, CALLBACK_LIST_MAX)) ?? [];
    const lines: CallbackLine[] = due.map((c) => ({
      number: c.number,
      where: whereOf(c),
      category: COMPLAINT_CATEGORY_LABELS[c.category],
      closed: c.closedAt ? this.time.at(c.closedAt).format('M月D日') : '',
    }));
    const { title, markdown } = presentWeeklyComplaints(stats, week, lines);
    const png = this.chart(weeklyComplaintsChart(stats.byKindCategory, week));
    const recipients = new Map<string, string>();
    for (const role of WEEKLY_RECIPIENT_ROLES)
      for (const p of await this.people.staffWithRole(role)) recipients.set(p.id, p.name);
    for (const id of recipients.keys()) {
      await batch.toPerson(id, () => ({ type: 'markdown', title, text: markdown }));
      if (png)
        await batch.toPerson(id, () => ({ type: 'image', pngBase64: png, filename: `weekly-${period}.png` }));
    }
    const cards = await this.sendCallbackCards(due, batch);
    return {
      summary: {
        created: stats.created,
        callbacksListed: due.length,
        callbackCards: cards,
        overdue: stats.overdue,
        recipients: recipients.size,
        chart: png ? 'yes' : 'no',
      },
      group: { title, markdown, ...(png ? { pngBase64: png } : {}) },
    };
  }

  /** The callback list as cards with 已回访, to the deputy manager (else the manager). */
  private async sendCallbackCards(due: readonly ComplaintView[], batch: MessageBatch): Promise<number> {
    if (!this.callbacks || due.length === 0) return 0;
    const k = this.callbacks.notifier.kit(batch);
    for (const role of CALLBACK_CARD_ROLES) {
      const people = await this.people.staffWithRole(role);
      if (people.length === 0) continue;
      let n = 0;
      for (const p of people) n += await callbackCards(k, due, p);
      return n;
    }
    return 0;
  }

  private chart(spec: Parameters<typeof renderBarChartSvg>[0]): string | undefined {
    if (!this.chartFont) {
      this.logger.warn(
        'no CJK font for charts (install fonts-noto-cjk or set CHART_FONT_FILE); digest sent without one',
      );
      return undefined;
    }
    return svgToPng(renderBarChartSvg(spec), this.chartFont).toString('base64');
  }
}

/** The font charts use, from config or the machine. */
export const chartFontFor = (configured: string | undefined): string | undefined => findChartFont(configured);
