import type { RobotMessage } from '../../src/platforms/dingtalk/dingtalk.client.js';
import type { Card } from '../card.types.js';
import { escapeMarkdown, quoteMarkdown } from './markdown-escape.js';

/** DingTalk text is cut here rather than by DingTalk (robot text: 20 000 characters; keep it short). */
const TEXT_MAX = 4000;
const cut = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

export const renderDingTalkText = (text: string): RobotMessage => ({
  msgKey: 'sampleText',
  msgParam: { content: cut(text, TEXT_MAX) },
});

/**
 * A markdown message whose `text` is already markdown: whoever composes it must pass any text a
 * person wrote through `escapeMarkdown` first.
 */
export const renderDingTalkMarkdown = (title: string, text: string): RobotMessage => ({
  msgKey: 'sampleMarkdown',
  msgParam: { title: cut(title, 60), text: cut(text, TEXT_MAX) },
});

/**
 * The card as markdown. Every piece of text is escaped: titles, fields and quotes carry what
 * tenants wrote, which must never become a link or markup in an approver's card.
 */
const markdownOf = (card: Card): string =>
  [
    `### ${escapeMarkdown(card.title)}`,
    ...(card.description ? [escapeMarkdown(card.description)] : []),
    ...(card.quote ? [quoteMarkdown(card.quote)] : []),
    ...card.fields.map((f) => `- **${escapeMarkdown(f.label)}**：${escapeMarkdown(f.value)}`),
    ...(card.closedLabel ? [`**${escapeMarkdown(card.closedLabel)}**`] : []),
  ].join('\n\n');

/** An ActionCard (no server callback): for cards with nothing to press. */
export const renderDingTalkActionCard = (card: Card, url: string): RobotMessage => ({
  msgKey: 'sampleActionCard',
  msgParam: {
    title: cut(card.title, 60),
    text: cut(markdownOf(card), TEXT_MAX),
    singleTitle: '查看详情',
    singleURL: url,
  },
});

/**
 * The interactive card's `cardParamMap`. Every value is a string (DingTalk's rule); buttons travel
 * as a JSON string, and the template sends the pressed button's `action_key` back in its params.
 */
export const renderDingTalkCard = (card: Card): Record<string, string> => ({
  title: card.title,
  description: card.description,
  source: card.source,
  markdown: markdownOf({ ...card, title: card.title }),
  quote: card.quote ?? '',
  buttons: JSON.stringify(
    card.closedLabel ? [] : card.actions.map((a) => ({ key: a.key, label: a.label, style: a.style })),
  ),
  closed: card.closedLabel ? 'true' : 'false',
  status: card.closedLabel ?? '',
});

/** The keys a card update changes: the buttons give way to the decision, for everyone. */
export const renderDingTalkClosed = (label: string): Record<string, string> => ({
  buttons: '[]',
  closed: 'true',
  status: label,
});
