import type { NoticeNumbers, NoticePress } from '../../domain/violation/violation.ports.js';
import type { Models } from '../db.js';
import type { CounterRepository } from './counter.repository.js';
import { isDuplicateKey } from './mongo-errors.js';

const MAX_ATTEMPTS = 25;

/**
 * Notice numbers kept in their register (`notices`, the number as `_id`). The day counter only
 * proposes a number: on FerretDB 1.x two presses can be handed the same one, so the insert of the
 * register row decides, and the loser asks the counter again. A press already registered (a
 * retried message, two copies of one card pressed at once) gets its number back, so a violation
 * stage never takes two numbers.
 */
export class NoticeRepository implements NoticeNumbers {
  constructor(
    private readonly models: Pick<Models, 'Notice'>,
    private readonly counters: Pick<CounterRepository, 'next'>,
  ) {}

  async reserve(prefix: string, press: NoticePress): Promise<string> {
    // The kind is part of the key: a 违约处理单 pressed against a 违章警告书 never takes a JG number.
    const pressKey = `${press.violationId}:${press.stage}:${press.kind}`;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const mine = await this.models.Notice.findOne({ pressKey }, { _id: 1 }).lean();
      if (mine) return mine._id;
      const number = await this.counters.next(prefix, press.dayKey);
      try {
        await this.models.Notice.create({
          _id: number,
          pressKey,
          kind: press.kind,
          violationId: press.violationId,
          shopCode: press.shopCode,
          at: press.at,
        });
        return number;
      } catch (e) {
        // Either the number is taken (ask again) or this press was registered meanwhile (read it).
        if (!isDuplicateKey(e)) throw e;
      }
    }
    throw new Error(`no free ${prefix} notice number after ${MAX_ATTEMPTS} attempts`);
  }
}
