import type { ConsolePlatform } from '../../../shared/console-api.js';
import { type CardModel, dingtalkCardModel, wecomCardModel } from './card-model.js';
import { type EmuInboxItem, type EmuSentItem, obj, str } from './emulator-json.js';

/** One line of a chat as the console shows it, oldest first by the emulator's sequence number. */
export type Entry =
  | {
      readonly seq: number;
      readonly at: number;
      readonly side: 'user';
      readonly kind: 'text';
      readonly text: string;
    }
  | {
      readonly seq: number;
      readonly at: number;
      readonly side: 'user';
      readonly kind: 'image' | 'file';
      readonly mediaId: string;
      readonly filename: string;
      readonly size: number;
    }
  | {
      readonly seq: number;
      readonly at: number;
      readonly side: 'bot';
      readonly kind: 'text' | 'markdown';
      readonly text: string;
      readonly title?: string;
    }
  | {
      readonly seq: number;
      readonly at: number;
      readonly side: 'bot';
      readonly kind: 'card';
      readonly cardId: string;
    }
  | {
      readonly seq: number;
      readonly at: number;
      readonly side: 'bot';
      readonly kind: 'image';
      /** A media id of the emulator, or a full URL (DingTalk image messages carry a URL). */
      readonly mediaId?: string;
      readonly url?: string;
    }
  | {
      readonly seq: number;
      readonly at: number;
      readonly side: 'bot';
      readonly kind: 'link';
      readonly title: string;
      readonly text: string;
      readonly url?: string;
      readonly linkLabel?: string;
    }
  | {
      readonly seq: number;
      readonly at: number;
      readonly side: 'bot';
      readonly kind: 'other';
      readonly msgtype: string;
    };

/** What a user sent, as a chat line. */
export const sentEntry = (s: EmuSentItem): Entry =>
  s.msgtype === 'text' || !s.media
    ? { seq: s.seq, at: s.at, side: 'user', kind: 'text', text: s.text ?? '' }
    : {
        seq: s.seq,
        at: s.at,
        side: 'user',
        kind: s.msgtype === 'image' ? 'image' : 'file',
        mediaId: s.media.id,
        filename: s.media.filename,
        size: s.media.size,
      };

const wecomEntry = (m: EmuInboxItem): Entry => {
  const base = { seq: m.seq, at: m.at, side: 'bot' as const };
  const p = obj(m.payload);
  switch (m.msgtype) {
    case 'text':
      return { ...base, kind: 'text', text: m.text ?? str(p.content) ?? '' };
    case 'markdown':
      return { ...base, kind: 'markdown', text: m.text ?? str(p.content) ?? '' };
    case 'template_card':
      return m.cardId
        ? { ...base, kind: 'card', cardId: m.cardId }
        : { ...base, kind: 'other', msgtype: m.msgtype };
    case 'image':
      return { ...base, kind: 'image', mediaId: str(p.media_id) ?? '' };
    case 'textcard':
      return {
        ...base,
        kind: 'link',
        title: str(p.title) ?? '',
        text: str(p.description) ?? '',
        ...(str(p.url) ? { url: str(p.url) } : {}),
        linkLabel: str(p.btntxt) ?? '详情',
      };
    default:
      return { ...base, kind: 'other', msgtype: m.msgtype };
  }
};

const dingtalkEntry = (m: EmuInboxItem): Entry => {
  const base = { seq: m.seq, at: m.at, side: 'bot' as const };
  const p = obj(m.payload);
  // Robot API sends keep {msgKey, param}; session-webhook replies keep the whole robot body.
  const param = obj(p.param);
  const body = obj(p[m.msgtype]);
  switch (m.msgtype) {
    case 'interactiveCard':
      return m.cardId
        ? { ...base, kind: 'card', cardId: m.cardId }
        : { ...base, kind: 'other', msgtype: m.msgtype };
    case 'sampleText':
    case 'text':
      return { ...base, kind: 'text', text: m.text ?? str(param.content) ?? str(body.content) ?? '' };
    case 'sampleMarkdown':
    case 'markdown':
      return {
        ...base,
        kind: 'markdown',
        text: str(param.text) ?? str(body.text) ?? m.text ?? '',
        ...((str(param.title) ?? str(body.title)) ? { title: str(param.title) ?? str(body.title) } : {}),
      };
    case 'sampleImageMsg':
      return { ...base, kind: 'image', url: str(param.photoURL) ?? '' };
    case 'sampleActionCard':
    case 'actionCard': {
      const a = m.msgtype === 'actionCard' ? body : param;
      return {
        ...base,
        kind: 'link',
        title: str(a.title) ?? '',
        text: str(a.text) ?? '',
        ...(str(a.singleURL) ? { url: str(a.singleURL) } : {}),
        linkLabel: str(a.singleTitle) ?? '查看详情',
      };
    }
    default:
      return { ...base, kind: 'other', msgtype: m.msgtype };
  }
};

/** What the bot sent, as a chat line, read the way each platform's client shows it. */
export const botEntry = (platform: ConsolePlatform, m: EmuInboxItem): Entry =>
  platform === 'wecom' ? wecomEntry(m) : dingtalkEntry(m);

/** A card as the platform holds it, for drawing. */
export const cardModel = (platform: ConsolePlatform, card: unknown): CardModel | undefined =>
  platform === 'wecom' ? wecomCardModel(card) : dingtalkCardModel(card);
