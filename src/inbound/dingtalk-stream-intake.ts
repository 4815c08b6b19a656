import type { DingTalkConfig } from '../config/env.js';
import type { Clock } from '../lib/clock.js';
import { AppErrorCode, isAppError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { UnhandledEventRepository } from '../persistence/repositories/unhandled-event.repository.js';
import { classifyEventPush } from '../platforms/dingtalk/dingtalk.events.js';
import { normalizeCardCallback, normalizeRobotMessage } from '../platforms/dingtalk/dingtalk.normalize.js';
import { checkDingTalkOrigin } from '../platforms/dingtalk/dingtalk.origin.js';
import { type FrameHandler, TOPIC_CARD, TOPIC_ROBOT } from '../platforms/dingtalk/dingtalk.stream.js';
import { recordEventPush } from './event-push.js';
import type { Intake } from './intake.js';

export interface StreamIntakeDeps {
  readonly intake: Intake;
  readonly unhandled: UnhandledEventRepository;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly dingtalk: Pick<DingTalkConfig, 'robotCode' | 'corpId' | 'sessionWebhookBase'>;
}

/** Refusals that will never change on redelivery: the frame is acknowledged and dropped. */
const PERMANENT: readonly string[] = [
  AppErrorCode.MALFORMED_BODY,
  AppErrorCode.AUTHENTICATION_FAILED,
  AppErrorCode.VALIDATION_FAILED,
];

/**
 * Stream frames into the same intake as HTTP callbacks. The returned ack data is sent only after
 * the event is stored; a store outage throws, so the frame is not acked and DingTalk re-delivers it.
 * A frame that can never be read (or names another robot or corp) is acked and logged, so it is
 * not re-delivered forever. EVENT frames are filed like HTTP event pushes (acted on, or recorded).
 */
export const streamIntake =
  (d: StreamIntakeDeps): FrameHandler =>
  async (frame, data) => {
    const topic = frame.headers.topic;
    const origin = {
      robotCode: d.dingtalk.robotCode,
      ...(d.dingtalk.corpId ? { corpId: d.dingtalk.corpId } : {}),
    };
    try {
      if (frame.type === 'CALLBACK' && topic === TOPIC_ROBOT) {
        checkDingTalkOrigin(data, origin);
        await d.intake.accept(
          normalizeRobotMessage(data, { sessionWebhookBase: d.dingtalk.sessionWebhookBase }),
        );
        return { response: null };
      }
      if (frame.type === 'CALLBACK' && topic === TOPIC_CARD) {
        checkDingTalkOrigin(data, origin);
        await d.intake.accept(normalizeCardCallback(data, d.clock.now()));
        return { response: {} };
      }
      if (frame.type === 'EVENT') {
        const eventType = String(frame.headers.eventType ?? 'unknown');
        const identity = String(frame.headers.eventId ?? frame.headers.messageId ?? '');
        const push = classifyEventPush(data, { eventType, identity, at: d.clock.now() });
        await recordEventPush(push, safeJson(data), 'dingtalk_event_stream', d.intake, d.unhandled, d.logger);
        return { status: 'SUCCESS', message: 'OK' };
      }
      return { response: null };
    } catch (e) {
      if (isAppError(e) && PERMANENT.includes(e.code)) {
        d.logger.warn({ topic, reason: e.reason }, 'stream: unusable frame acknowledged and dropped');
        return frame.type === 'EVENT' ? { status: 'SUCCESS', message: 'OK' } : { response: null };
      }
      throw e;
    }
  };

const safeJson = (v: unknown): string => {
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
};
