import { AppErrorCode, isAppError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { UnhandledEventRepository } from '../persistence/repositories/unhandled-event.repository.js';
import type { EventPush } from '../platforms/dingtalk/dingtalk.events.js';
import type { Intake } from './intake.js';

/**
 * Files one verified DingTalk event push, over HTTP or Stream. Events the bot acts on are stored
 * as inbound events; the rest are recorded as `ignored`; one that cannot be read, or that the
 * store refuses as invalid, becomes a `dead_letter` record. None of these is a reason to make
 * DingTalk retry (it disables a subscription that keeps failing), so this throws only when the
 * store is really unavailable for an event the bot must act on. Failing to write an `ignored` or
 * `dead_letter` record is logged, not thrown: losing that record loses nothing the bot would do.
 */
export const recordEventPush = async (
  push: EventPush,
  plain: string,
  source: string,
  intake: Intake,
  unhandled: UnhandledEventRepository,
  log: Logger,
): Promise<void> => {
  const note = async (disposition: 'ignored' | 'dead_letter', reason?: string) => {
    try {
      await unhandled.record({
        platform: 'dingtalk',
        source,
        disposition,
        eventType: push.eventType,
        ...(reason ? { reason } : {}),
        payload: plain,
      });
    } catch (e) {
      log.warn({ eventType: push.eventType, disposition, err: String(e) }, 'event record not written');
    }
    log.info({ eventType: push.eventType, disposition, reason }, 'dingtalk event acknowledged, not acted on');
  };
  if (push.kind === 'ignore') return note('ignored');
  if (push.kind === 'invalid') return note('dead_letter', push.reason);
  for (const event of push.events) {
    try {
      const r = await intake.accept(event);
      log.info({ eventType: push.eventType, inboundId: r.id, status: r.status }, 'dingtalk event stored');
    } catch (e) {
      if (!(isAppError(e) && e.code === AppErrorCode.VALIDATION_FAILED)) throw e;
      await note('dead_letter', e.message);
    }
  }
};
