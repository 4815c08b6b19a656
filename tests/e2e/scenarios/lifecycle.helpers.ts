import { expect } from 'vitest';
import type { Platform } from '../../../src/platforms/inbound-event.js';
import type { ChatDriver, SeenCard } from '../../helpers/chat-driver.js';
import type { TestBot } from '../../helpers/test-bot.js';
import { eventually } from '../../helpers/wait.js';

export const TICKET = /(TS|WX|SP)\d{8}-\d{3}/;

/** The stage a ticket card key carries (`rp:accept:<id>:<stage>`). */
const stageOf = (key: string): number => Number(key.split(':')[3] ?? -1);

/** Conversations with the bot as the lifecycle scenarios need them, on one platform. */
export const chatKit = (bot: TestBot, chat: ChatDriver, platform: Platform) => {
  const models = () => bot.running.deps.db.models;

  /** The current stage of a ticket, read from the store. */
  const stageNow = async (number: string): Promise<number> => {
    const m = models();
    const doc =
      (await m.Complaint.findOne({ number }).lean()) ??
      (await m.Repair.findOne({ number }).lean()) ??
      (await m.Approval.findOne({ number }).lean());
    return doc?.stage ?? -1;
  };

  const say = async (user: string, text: string): Promise<string> => {
    const at = chat.mark(user);
    await chat.say(user, text);
    return chat.waitForText(user, () => true, at);
  };

  return {
    platform,
    chat,
    say,
    /** Files a report through the confirmation card; returns its number and the reply. */
    async file(user: string, text: string): Promise<{ number: string; reply: string }> {
      const at = chat.mark(user);
      await chat.say(user, text);
      const card = await chat.waitForCard(
        user,
        (c) =>
          c.title.startsWith('请确认') &&
          !c.closedLabel &&
          c.keys.some((k) => k.startsWith('dialog:confirm:')) &&
          !seenConfirm.has(c.cardId),
      );
      seenConfirm.add(card.cardId);
      await chat.click(user, card.cardId, card.keys.find((k) => k.startsWith('dialog:confirm:')) ?? '');
      const reply = await chat.waitForText(user, (t) => TICKET.test(t), at);
      return { number: TICKET.exec(reply)?.[0] ?? '', reply };
    },
    /**
     * Waits for `user`'s card about ticket `number` at the ticket's current stage that offers
     * `action`, and returns it with the key of that button.
     */
    async card(
      user: string,
      number: string,
      action: string,
      arg?: string,
    ): Promise<{ card: SeenCard; key: string }> {
      return eventually(
        async () => {
          const stage = await stageNow(number);
          const found = await chat
            .waitForCard(
              user,
              (c) =>
                c.title.includes(number) &&
                !c.closedLabel &&
                c.keys.some(
                  (k) =>
                    k.split(':')[1] === action && stageOf(k) === stage && (!arg || k.endsWith(`:${arg}`)),
                ),
              200,
            )
            .catch(() => undefined);
          if (!found) return undefined;
          const key =
            found.keys.find((k) => k.split(':')[1] === action && (!arg || k.endsWith(`:${arg}`))) ?? '';
          return { card: found, key };
        },
        15_000,
        `${user}'s card for ${number} with ${action}`,
      );
    },
    /** Presses `action` on `user`'s current card about `number`, and waits until the bot has applied it. */
    async press(user: string, number: string, action: string, arg?: string): Promise<void> {
      const { card, key } = await this.card(user, number, action, arg);
      await chat.click(user, card.cardId, key);
      await this.settled(user);
    },
    /** Says something and waits until the bot has applied it (an answer to a question). */
    async answer(user: string, text: string): Promise<void> {
      await chat.say(user, text);
      await this.settled(user);
    },
    /** Waits until every event `user` sent has been processed. */
    async settled(user: string): Promise<void> {
      await eventually(
        async () =>
          (await models().InboundEvent.countDocuments({
            platform,
            userId: user,
            status: { $in: ['received', 'processing', 'failed'] },
          })) === 0,
        15_000,
        `${user}'s events processed`,
      );
    },
    /** The next text `user` receives that matches. */
    async expectText(user: string, match: (t: string) => boolean, after = 0): Promise<string> {
      return chat.waitForText(user, match, after);
    },
    mark: (user: string) => chat.mark(user),
    stageNow,
    models,
    async complaint(number: string) {
      const c = await models().Complaint.findOne({ number }).lean();
      expect(c).not.toBeNull();
      return c!;
    },
    async repair(number: string) {
      const r = await models().Repair.findOne({ number }).lean();
      expect(r).not.toBeNull();
      return r!;
    },
  };
};

const seenConfirm = new Set<string>();

export type ChatKit = ReturnType<typeof chatKit>;
