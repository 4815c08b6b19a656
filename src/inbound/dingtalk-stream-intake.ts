import type { Clock } from '../lib/clock.js';
import { AppErrorCode, isAppError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { normalizeCardCallback, normalizeRobotMessage } from '../platforms/dingtalk/dingtalk.normalize.js';
import { type FrameHandler, TOPIC_CARD, TOPIC_ROBOT } from '../platforms/dingtalk/dingtalk.stream.js';
import type { Intake } from './intake.js';

/**
 * Stream frames into the same intake as HTTP callbacks. The returned ack data is sent only after
 * the event is stored; a store outage throws, so the frame is not acked and DingTalk re-delivers it.
 * A frame that can never be read is acked (and logged) so it is not re-delivered forever.
 */
export const streamIntake =
  (intake: Intake, clock: Clock, logger: Logger): FrameHandler =>
  async (frame, data) => {
    const topic = frame.headers.topic;
    try {
      if (frame.type === 'CALLBACK' && topic === TOPIC_ROBOT) {
        await intake.accept(normalizeRobotMessage(data));
        return { response: null };
      }
      if (frame.type === 'CALLBACK' && topic === TOPIC_CARD) {
        await intake.accept(normalizeCardCallback(data, clock.now()));
        return { response: {} };
      }
      if (frame.type === 'EVENT') {
        const eventType = String(frame.headers.eventType ?? 'unknown');
        const id = String(frame.headers.eventId ?? frame.headers.messageId ?? '');
        await intake.accept({
          platform: 'dingtalk',
          dedupeKey: `evt:${eventType}:${id}`,
          kind: 'other',
          userId: '',
          at: clock.now().toISOString(),
          conversation: { type: 'direct', id: '' },
          eventName: eventType,
        });
        return { status: 'SUCCESS', message: 'OK' };
      }
      return { response: null };
    } catch (e) {
      if (isAppError(e) && e.code === AppErrorCode.MALFORMED_BODY) {
        logger.warn({ topic, reason: e.reason }, 'stream: unreadable frame acknowledged and dropped');
        return { response: null };
      }
      throw e;
    }
  };
