import type { SignedCallback } from '../../emulators/wecom/wecom-emulator.callbacks.js';
import { buildXml } from '../../emulators/wecom/wecom-emulator.callbacks.js';
import type { WeComEmulator } from '../../emulators/wecom/wecom-emulator.js';
import { ManualClock } from '../../src/lib/clock.js';
import type { Db } from '../../src/persistence/db.js';
import { PeopleRepository } from '../../src/persistence/repositories/people.repository.js';
import { ShopRepository } from '../../src/persistence/repositories/shop.repository.js';
import { seedDemoMall } from '../../src/seed/demo-mall.js';
import { sleep } from './traffic.js';

/** The demo mall's tenant of B1-23 and engineer 马工 (seeded by {@link seedCardPeople}). */
export const CLICK_TENANT = 'tenant-b1-23';
export const CLICK_ENGINEER = 'staff-ma';
const TICKET = /WX\d{8}-\d{3}/;
/** The reply that files a work order: "已为您报修（…），工单号 WX…". */
const FILED = /工单号 WX\d{8}-\d{3}/;

/** Seeds the demo mall (WeCom accounts) with every staff member on duty around the clock. */
export const seedCardPeople = async (db: Db, emu: WeComEmulator): Promise<void> => {
  const people = new PeopleRepository(db.models, new ManualClock(Date.now()));
  await seedDemoMall(db, new ShopRepository(db.models), people, ['wecom']);
  const allDay = [0, 1, 2, 3, 4, 5, 6].flatMap((weekday) =>
    (['early', 'middle', 'night'] as const).map((shift) => ({ weekday, shift })),
  );
  await db.models.Person.updateMany({ kind: 'staff' }, { $set: { duty: allDay } });
  for (const u of [CLICK_TENANT, CLICK_ENGINEER]) emu.addUser(u);
};

/** What the card-click faults did and what came of it; `extra_effects` must be 0. */
export interface CardClickResult {
  readonly rounds: number;
  readonly clicks: number;
  readonly tickets_expected: number;
  readonly tickets_created: number;
  readonly accepts_recorded: number;
  readonly ticket_replies: number;
  readonly already_handled_answers: number;
  readonly extra_effects: number;
  readonly errors: readonly string[];
}

interface Env {
  readonly emu: WeComEmulator;
  readonly post: (cb: SignedCallback) => Promise<number>;
  readonly db: Db;
}

const waitFor = async <T>(what: string, f: () => T | undefined | Promise<T | undefined>, ms = 30_000) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const v = await f();
    if (v !== undefined) return v;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** A click callback built afresh (new CreateTime): what a stale client or a late retry sends. */
const freshClick = (emu: WeComEmulator, user: string, taskId: string, key: string, ts: number) =>
  emu.signed(
    buildXml({
      ToUserName: emu.corpId,
      FromUserName: user,
      CreateTime: ts,
      MsgType: 'event',
      Event: 'template_card_event',
      EventKey: key,
      TaskId: taskId,
      CardType: 'button_interaction',
      ResponseCode: `late-${ts}`,
      AgentID: emu.agentId,
    }),
  );

const newCard = (emu: WeComEmulator, user: string, seen: Set<string>, match: (title: string) => boolean) =>
  emu.cards(user).find((c) => {
    const title = String((c.card.main_title as { title?: string } | undefined)?.title ?? '');
    return !seen.has(c.taskId) && c.replacedName === undefined && match(title);
  });

/**
 * Card clicks doubled, after close and reversed, posted round-robin to both web processes:
 * - doubled: the tenant's 确认提交 delivered three times at once and once more later, then the
 *   engineer's 接单 twice at once: one work order, one reply with its number, one accept;
 * - after close: 接单 pressed again (a fresh callback) once the card closed: answered "already
 *   handled", nothing changes;
 * - reversed: 取消 and 确认提交 of one confirmation card delivered in reverse order, cancel first:
 *   no work order is filed.
 */
export const cardClickFaults = async (env: Env, rounds: number): Promise<CardClickResult> => {
  const { emu, post, db } = env;
  const seenCards = new Set<string>();
  const errors: string[] = [];
  let clicks = 0;
  let expected = 0;
  let created = 0;
  let accepts = 0;
  let ticketReplies = 0;
  let handledAnswers = 0;
  const click = async (cb: SignedCallback) => {
    clicks++;
    return post(cb);
  };
  const ticketsNow = () => db.models.Repair.countDocuments({ shopCode: 'B1-23' });
  for (let round = 0; round < rounds; round++) {
    try {
      // Doubled: one confirmation, delivered three times at once and again like a retry.
      const before = await ticketsNow();
      const tenantMark = emu.lastSeq(CLICK_TENANT);
      await post(emu.textCallback(CLICK_TENANT, '铺里漏水了'));
      const confirm = await waitFor('the confirmation card', () =>
        newCard(emu, CLICK_TENANT, seenCards, (t) => t.startsWith('请确认')),
      );
      seenCards.add(confirm.taskId);
      const key = confirm.keys.find((k) => k.startsWith('dialog:confirm:')) ?? '';
      const cb = emu.clickCallback(CLICK_TENANT, confirm.taskId, key);
      await Promise.all([click(cb), click(cb), click(cb)]);
      await sleep(1000);
      await click(cb);
      expected++;
      const reply = await waitFor('the ticket number', () =>
        emu.inbox(CLICK_TENANT).find((i) => i.seq > tenantMark && FILED.test(i.text ?? '')),
      );
      const number = TICKET.exec(reply.text ?? '')?.[0] ?? '';
      // Doubled 接单 from the engineer, then after close.
      const card = await waitFor('the engineer’s card', () =>
        newCard(emu, CLICK_ENGINEER, seenCards, (t) => t.includes(number)),
      );
      seenCards.add(card.taskId);
      const accept = card.keys.find((k) => k.startsWith('rp:accept:')) ?? '';
      const engineerMark = emu.lastSeq(CLICK_ENGINEER);
      const acceptCb = emu.clickCallback(CLICK_ENGINEER, card.taskId, accept);
      await Promise.all([click(acceptCb), click(acceptCb)]);
      await waitFor('the card to close', () =>
        emu.state.cardView(CLICK_ENGINEER, card.taskId)?.replacedName !== undefined ? true : undefined,
      );
      await click(freshClick(emu, CLICK_ENGINEER, card.taskId, accept, Math.floor(Date.now() / 1000) + 1));
      await waitFor('the "already handled" answer', () =>
        emu
          .inbox(CLICK_ENGINEER)
          .find(
            (i) => i.seq > engineerMark && (i.text ?? '').includes(number) && /无需重复/.test(i.text ?? ''),
          ),
      );
      // Reversed: cancel delivered before confirm.
      await post(emu.textCallback(CLICK_TENANT, '铺里漏水了'));
      const second = await waitFor('the second confirmation card', () =>
        newCard(emu, CLICK_TENANT, seenCards, (t) => t.startsWith('请确认')),
      );
      seenCards.add(second.taskId);
      const cancelKey = second.keys.find((k) => k.startsWith('dialog:cancel:')) ?? '';
      const confirmKey = second.keys.find((k) => k.startsWith('dialog:confirm:')) ?? '';
      const confirmCb = emu.clickCallback(CLICK_TENANT, second.taskId, confirmKey);
      const cancelCb = freshClick(emu, CLICK_TENANT, second.taskId, cancelKey, Math.floor(Date.now() / 1000));
      await click(cancelCb);
      await click(confirmCb);
      await sleep(2000);
      const repair = await db.models.Repair.findOne({ number }).lean();
      accepts += (repair?.history ?? []).filter((h) => h.action === 'accept').length;
      created += (await ticketsNow()) - before;
      ticketReplies += emu
        .inbox(CLICK_TENANT)
        .filter((i) => i.seq > tenantMark && (i.text ?? '').includes(`工单号 ${number}`)).length;
      handledAnswers += emu
        .inbox(CLICK_ENGINEER)
        .filter(
          (i) => i.seq > engineerMark && (i.text ?? '').includes(number) && /无需重复/.test(i.text ?? ''),
        ).length;
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
    }
  }
  const extra =
    Math.abs(created - expected) + Math.abs(accepts - expected) + Math.abs(ticketReplies - expected);
  return {
    rounds,
    clicks,
    tickets_expected: expected,
    tickets_created: created,
    accepts_recorded: accepts,
    ticket_replies: ticketReplies,
    already_handled_answers: handledAnswers,
    extra_effects: extra + errors.length,
    errors,
  };
};
