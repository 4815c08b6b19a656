import { describe, expect, it } from 'vitest';
import { renderDingTalkActionCard, renderDingTalkCard } from '../../../cards/render/dingtalk.render.js';
import { escapeMarkdown } from '../../../cards/render/markdown-escape.js';

const HOSTILE = [
  '[点这里领取补偿](https://evil.example/phish)',
  '![x](https://evil.example/pixel.png)',
  '<a href="https://evil.example">官方链接</a>',
  '直接访问 https://evil.example/a?b=c 或 www.evil.example 或 dingtalk://dingtalkclient/page',
  '# 紧急通知',
  '**加粗** `code` ~~删~~ | 表格 |',
  '&lt;a href=x&gt;',
].join('\n');

const card = {
  cardId: 'ap-1',
  title: '物品放行 [审批](https://evil.example)',
  description: HOSTILE,
  source: '商场运营部',
  fields: [{ label: '说明', value: HOSTILE }],
  actions: [{ key: 'approval:approve:1', label: '同意', style: 'primary' as const }],
  quote: HOSTILE,
};

/** Whatever renders it, nothing of this may be live markup. */
const expectInert = (md: string) => {
  expect(md).not.toMatch(/\]\(/);
  expect(md).not.toMatch(/https?:\/\//);
  expect(md).not.toMatch(/dingtalk:\/\//);
  expect(md).not.toMatch(/www\./);
  expect(md).not.toMatch(/<a\b/i);
  expect(md).not.toContain('&lt;');
  expect(md).not.toMatch(/^#\s/m);
  expect(md).not.toMatch(/`/);
};

describe('markdown cards escape what tenants wrote', () => {
  it('the interactive card markdown has no link, image, HTML or heading from tenant text', () => {
    const md = renderDingTalkCard(card).markdown ?? '';
    expectInert(md.replace(/^### /, ''));
    // The card's own structure is still markdown, and the words are all there.
    expect(md.startsWith('### ')).toBe(true);
    expect(md).toContain('点这里领取补偿');
    expect(md).toContain('evil.example');
  });

  it('every quoted line stays inside the quote', () => {
    const md = renderDingTalkCard(card).markdown ?? '';
    const quoted = md.split('\n').filter((l) => l.includes('紧急通知'));
    expect(quoted.some((l) => l.startsWith('> '))).toBe(true);
  });

  it('the ActionCard text is escaped the same way', () => {
    const text = renderDingTalkActionCard(card, 'https://mall.example/x').msgParam.text ?? '';
    expectInert(text.replace(/^### /, ''));
  });

  it('plain Chinese text is left as it is', () => {
    expect(escapeMarkdown('B1-23隔壁音乐太吵，麻烦处理一下。')).toBe('B1-23隔壁音乐太吵，麻烦处理一下。');
  });
});
