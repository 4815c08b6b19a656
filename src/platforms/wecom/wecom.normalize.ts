import { AppError, AppErrorCode } from '../../lib/errors.js';
import type { InboundEvent } from '../inbound-event.js';
import { child, children, text, texts, type XmlNode } from './wecom.xml.js';

const MESSAGE_TYPES = ['text', 'image', 'voice', 'video', 'location', 'link'] as const;
type WeComMessageType = (typeof MESSAGE_TYPES)[number];

const isMessageType = (t: string): t is WeComMessageType => (MESSAGE_TYPES as readonly string[]).includes(t);

const num = (s: string): number => {
  const n = Number(s);
  return Number.isFinite(n) ? n : 0;
};

/**
 * Turns a decrypted WeCom message or event into the platform-neutral {@link InboundEvent}. The
 * de-duplication key is MsgId for messages and FromUserName + CreateTime + Event + TaskId +
 * EventKey for events (two different clicks can share a second; PROTOCOLS.md §1.7).
 */
export const normalizeWeCom = (msg: XmlNode): InboundEvent => {
  const from = text(msg, 'FromUserName');
  const createTime = text(msg, 'CreateTime');
  const msgType = text(msg, 'MsgType');
  if (!from || !/^\d{1,12}$/.test(createTime) || !msgType) {
    throw new AppError(AppErrorCode.MALFORMED_BODY, 'message lacks FromUserName, CreateTime or MsgType', {
      reason: 'wecom_missing_fields',
    });
  }
  const at = new Date(Number(createTime) * 1000).toISOString();
  const base = {
    platform: 'wecom' as const,
    userId: from,
    at,
    conversation: { type: 'direct' as const, id: from },
  };

  if (msgType !== 'event') {
    const msgId = text(msg, 'MsgId');
    const dedupeKey = msgId ? `msg:${msgId}` : `msg:${from}|${createTime}|${msgType}`;
    if (!isMessageType(msgType)) {
      return { ...base, dedupeKey, kind: 'message', message: { type: 'unknown' } };
    }
    switch (msgType) {
      case 'text':
        return {
          ...base,
          dedupeKey,
          kind: 'message',
          message: { type: 'text', text: text(msg, 'Content') },
        };
      case 'image':
      case 'voice':
      case 'video':
        return {
          ...base,
          dedupeKey,
          kind: 'message',
          message: { type: msgType, mediaId: text(msg, 'MediaId') },
        };
      case 'location':
        return {
          ...base,
          dedupeKey,
          kind: 'message',
          message: {
            type: 'location',
            location: {
              lat: num(text(msg, 'Location_X')),
              lng: num(text(msg, 'Location_Y')),
              label: text(msg, 'Label'),
            },
          },
        };
      case 'link':
        return {
          ...base,
          dedupeKey,
          kind: 'message',
          message: { type: 'link', link: { title: text(msg, 'Title'), url: text(msg, 'Url') } },
        };
    }
  }

  const event = text(msg, 'Event');
  const eventKey = text(msg, 'EventKey');
  const taskId = text(msg, 'TaskId');
  const dedupeKey = `evt:${from}|${createTime}|${event}|${taskId}|${eventKey}`;
  switch (event) {
    case 'template_card_event': {
      const selected = children(child(msg, 'SelectedItems'), 'SelectedItem').map((item) => ({
        questionKey: text(item, 'QuestionKey'),
        optionIds: texts(child(item, 'OptionIds'), 'OptionId'),
      }));
      return {
        ...base,
        dedupeKey,
        kind: 'action',
        eventName: event,
        action: {
          cardId: taskId,
          key: eventKey,
          cardType: text(msg, 'CardType'),
          ...(text(msg, 'ResponseCode') ? { responseCode: text(msg, 'ResponseCode') } : {}),
          ...(selected.length > 0 ? { selected } : {}),
        },
      };
    }
    case 'template_card_menu_event':
      return {
        ...base,
        dedupeKey,
        kind: 'menu',
        eventName: event,
        menu: {
          key: eventKey,
          ...(taskId ? { cardId: taskId } : {}),
          ...(text(msg, 'ResponseCode') ? { responseCode: text(msg, 'ResponseCode') } : {}),
        },
      };
    case 'click':
      return { ...base, dedupeKey, kind: 'menu', eventName: event, menu: { key: eventKey } };
    case 'enter_agent':
    case 'subscribe':
      return { ...base, dedupeKey, kind: 'enter', eventName: event };
    case 'change_contact':
      return {
        ...base,
        dedupeKey: `${dedupeKey}|${text(msg, 'ChangeType')}|${text(msg, 'UserID')}`,
        kind: 'contact',
        eventName: event,
        contact: {
          changeType: text(msg, 'ChangeType'),
          userId: text(msg, 'UserID'),
          ...(text(msg, 'NewUserID') ? { newUserId: text(msg, 'NewUserID') } : {}),
          ...(text(msg, 'Name') ? { name: text(msg, 'Name') } : {}),
        },
      };
    default:
      // unsubscribe, view, LOCATION, scancode_*, pic_*, batch_job_result, taskcard_click...: kept
      // and logged so nothing is silently dropped; handlers ignore what they do not know.
      return { ...base, dedupeKey, kind: 'other', eventName: event || 'unknown' };
  }
};
