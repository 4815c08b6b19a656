import type { Card } from '../card.types.js';

/** WeCom limits (doc 90236): text 2048 bytes, ≤6 horizontal items, ≤6 buttons, key ≤1024 bytes. */
export const WECOM_TEXT_MAX_BYTES = 2048;
export const WECOM_MARKDOWN_MAX_BYTES = 4096;
const MAX_FIELDS = 6;
const MAX_BUTTONS = 6;

/** Cuts a string to at most `max` UTF-8 bytes without splitting a character. */
export const truncateUtf8 = (s: string, max: number, ellipsis = '…'): string => {
  if (Buffer.byteLength(s) <= max) return s;
  const room = max - Buffer.byteLength(ellipsis);
  let out = '';
  let size = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch);
    if (size + n > room) break;
    out += ch;
    size += n;
  }
  return out + ellipsis;
};

const STYLE = { primary: 1, danger: 2, default: 4 } as const;

/**
 * Renders a neutral card as a WeCom `button_interaction` template card. Fields beyond the sixth
 * are folded into the sub-title so nothing the approver needs is lost.
 */
export const renderWeComCard = (card: Card): Record<string, unknown> => {
  const shown = card.fields.slice(0, MAX_FIELDS);
  const folded = card.fields.slice(MAX_FIELDS).map((f) => `${f.label}：${f.value}`);
  const subTitle = [card.description, ...folded].filter(Boolean).join('\n');
  return {
    card_type: 'button_interaction',
    source: { desc: card.source, desc_color: 0 },
    main_title: { title: truncateUtf8(card.title, 90) },
    ...(card.emphasis ? { emphasis_content: { title: card.emphasis.title, desc: card.emphasis.desc } } : {}),
    ...(card.quote ? { quote_area: { type: 0, quote_text: truncateUtf8(card.quote, 300) } } : {}),
    ...(subTitle ? { sub_title_text: truncateUtf8(subTitle, 400) } : {}),
    horizontal_content_list: shown.map((f) => ({
      keyname: truncateUtf8(f.label, 30, ''),
      value: truncateUtf8(f.value || '-', 90),
    })),
    task_id: card.cardId,
    button_list: card.actions.slice(0, MAX_BUTTONS).map((a) => ({
      type: 0,
      text: a.label,
      style: STYLE[a.style],
      key: a.key,
    })),
  };
};

/** A WeCom message body without the recipient and agent id. */
export type WeComBody = { msgtype: string } & Record<string, unknown>;

export const renderWeComText = (text: string): WeComBody => ({
  msgtype: 'text',
  text: { content: truncateUtf8(text, WECOM_TEXT_MAX_BYTES) },
});

/** `text` is already markdown: any text a person wrote must go through `escapeMarkdown` first. */
export const renderWeComMarkdown = (text: string): WeComBody => ({
  msgtype: 'markdown',
  markdown: { content: truncateUtf8(text, WECOM_MARKDOWN_MAX_BYTES) },
});

/**
 * A card with nothing to press, as plain text: WeCom's only non-interactive template cards need a
 * jump URL (card_action), and a notice must not lose any of its lines.
 */
export const renderWeComCardAsText = (card: Card): WeComBody =>
  renderWeComText(
    [
      card.title,
      ...(card.description ? [card.description] : []),
      ...card.fields.map((f) => `${f.label}：${f.value}`),
      ...(card.quote ? [`「${card.quote}」`] : []),
    ].join('\n'),
  );
