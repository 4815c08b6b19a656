import { describe, expect, it } from 'vitest';
import { dingtalkCardModel, wecomCardModel } from '../../../web/client/console/model/card-model.js';
import { ChatStore } from '../../../web/client/console/model/chat-store.js';
import { parseInline, parseMarkdown } from '../../../web/client/console/model/markdown.js';
import { botEntry } from '../../../web/client/console/model/timeline.js';

const wecomCard = {
  card_type: 'button_interaction',
  source: { desc: '商场前台助手' },
  main_title: { title: '请确认：报修', desc: '请核对' },
  sub_title_text: '确认无误请点“确认提交”',
  quote_area: { quote_text: '铺里漏水了' },
  emphasis_content: { title: '2', desc: '处' },
  horizontal_content_list: [{ keyname: '位置', value: 'B1-23' }],
  card_image: { url: 'https://example.invalid/a.png' },
  task_id: 't1',
  button_list: [
    { type: 0, text: '确认提交', style: 1, key: 'dialog:confirm:1' },
    { type: 0, text: '取消', style: 2, key: 'dialog:cancel:1' },
  ],
};

describe('card models read from what the platform holds', () => {
  it('WeCom: every part of a template card, and replace_name disabling the buttons', () => {
    const view = { taskId: 't1', card: wecomCard, keys: ['dialog:confirm:1', 'dialog:cancel:1'] };
    expect(wecomCardModel(view)).toEqual({
      cardId: 't1',
      source: '商场前台助手',
      title: '请确认：报修',
      description: '请核对\n确认无误请点“确认提交”',
      emphasis: { title: '2', desc: '处' },
      quote: '铺里漏水了',
      fields: [{ label: '位置', value: 'B1-23' }],
      image: 'https://example.invalid/a.png',
      buttons: [
        { key: 'dialog:confirm:1', label: '确认提交', style: 'primary' },
        { key: 'dialog:cancel:1', label: '取消', style: 'danger' },
      ],
    });
    expect(wecomCardModel({ ...view, replacedName: '已提交' })?.closedLabel).toBe('已提交');
    expect(wecomCardModel({ card: {} })).toBeUndefined();
  });

  it('DingTalk: the template variables, buttons from their JSON string, closed with its status', () => {
    const data = {
      title: '新工单',
      source: '商场前台助手',
      markdown: '### 新工单\n\n- **位置**：B1-23',
      buttons: '[{"key":"repair:accept:1","label":"接单","style":"primary"}]',
      closed: 'false',
    };
    expect(dingtalkCardModel({ outTrackId: 'o1', data })).toMatchObject({
      cardId: 'o1',
      title: '新工单',
      markdown: data.markdown,
      buttons: [{ key: 'repair:accept:1', label: '接单', style: 'primary' }],
    });
    const closed = dingtalkCardModel({
      outTrackId: 'o1',
      data: { ...data, closed: 'true', status: '已接单' },
    });
    expect(closed).toMatchObject({ buttons: [], closedLabel: '已接单' });
    expect(dingtalkCardModel({ outTrackId: 'o2', data: { buttons: 'not json' } })?.buttons).toEqual([]);
  });
});

describe('chat lines', () => {
  it('reads each platform’s message types the way its client shows them', () => {
    const m = (msgtype: string, payload: unknown, extra = {}) => ({
      seq: 1,
      at: 0,
      msgtype,
      payload,
      ...extra,
    });
    expect(botEntry('wecom', m('text', { content: '你好' }, { text: '你好' }))).toMatchObject({
      kind: 'text',
      text: '你好',
    });
    expect(botEntry('wecom', m('image', { media_id: 'm1' }))).toMatchObject({ kind: 'image', mediaId: 'm1' });
    expect(botEntry('wecom', m('template_card', {}, { cardId: 't1' }))).toMatchObject({
      kind: 'card',
      cardId: 't1',
    });
    expect(
      botEntry(
        'dingtalk',
        m('sampleMarkdown', { msgKey: 'sampleMarkdown', param: { title: '周报', text: '**3** 件' } }),
      ),
    ).toMatchObject({ kind: 'markdown', title: '周报', text: '**3** 件' });
    expect(
      botEntry('dingtalk', m('markdown', { msgtype: 'markdown', markdown: { title: 't', text: 'x' } })),
    ).toMatchObject({ kind: 'markdown', text: 'x' });
    expect(
      botEntry(
        'dingtalk',
        m('sampleActionCard', { param: { title: '详情', text: 'a', singleURL: 'https://x.invalid' } }),
      ),
    ).toMatchObject({ kind: 'link', title: '详情', url: 'https://x.invalid' });
    expect(botEntry('dingtalk', m('voice', {}))).toMatchObject({ kind: 'other', msgtype: 'voice' });
  });
});

describe('the chat store', () => {
  it('merges a snapshot and live events by sequence, replaces card state, and counts unread lines', () => {
    const store = new ChatStore('wecom');
    store.view('tenant');
    let changes = 0;
    store.subscribe(() => changes++);
    store.apply({
      type: 'sent',
      user: 'tenant',
      item: { seq: 1, at: 0, msgtype: 'text', text: '铺里漏水了' },
    });
    store.apply({
      type: 'message',
      user: 'tenant',
      item: { seq: 2, at: 0, msgtype: 'template_card', cardId: 't1', payload: wecomCard },
    });
    store.applyInbox('tenant', {
      messages: [{ seq: 2, at: 0, msgtype: 'template_card', cardId: 't1', payload: wecomCard }],
      cards: [{ taskId: 't1', card: wecomCard, keys: ['dialog:confirm:1'] }],
      sent: [{ seq: 1, at: 0, msgtype: 'text', text: '铺里漏水了' }],
    });
    expect(store.chat('tenant').entries.map((e) => e.seq)).toEqual([1, 2]);
    store.apply({
      type: 'card',
      user: 'tenant',
      cardId: 't1',
      card: { taskId: 't1', card: wecomCard, keys: [], replacedName: '已提交' },
    });
    expect(store.chat('tenant').cards.get('t1')?.closedLabel).toBe('已提交');
    store.apply({
      type: 'message',
      user: 'staff-ma',
      item: { seq: 3, at: 0, msgtype: 'text', text: '【报修工单】' },
    });
    store.apply({
      type: 'message',
      user: 'staff-ma',
      item: { seq: 3, at: 0, msgtype: 'text', text: '【报修工单】' },
    });
    expect(store.unreadOf('staff-ma')).toBe(1);
    expect(store.unreadOf('tenant')).toBe(0);
    store.view('staff-ma');
    expect(store.unreadOf('staff-ma')).toBe(0);
    expect(changes).toBe(6);
  });
});

describe('markdown as chat clients draw it', () => {
  it('reads headings, quotes, lists, images, bold, links and WeCom font colours', () => {
    expect(
      parseMarkdown('### 标题\n\n> 引用\n- **位置**：B1\n- 二\n![图](https://x.invalid/p.png)\n正文'),
    ).toEqual([
      { t: 'heading', level: 3, inline: [{ t: 'text', text: '标题' }] },
      { t: 'quote', inline: [{ t: 'text', text: '引用' }] },
      {
        t: 'list',
        items: [
          [
            { t: 'bold', text: '位置' },
            { t: 'text', text: '：B1' },
          ],
          [{ t: 'text', text: '二' }],
        ],
      },
      { t: 'image', src: 'https://x.invalid/p.png', alt: '图' },
      { t: 'para', inline: [{ t: 'text', text: '正文' }] },
    ]);
    expect(parseInline('<font color="warning">超时</font>')).toEqual([
      { t: 'color', text: '超时', color: 'warning' },
    ]);
  });

  it('never turns a script URL into a link', () => {
    expect(parseInline('[点我](javascript:alert(1))')).toEqual([
      { t: 'text', text: '点我' },
      { t: 'text', text: ')' },
    ]);
    expect(parseMarkdown('![x](javascript:alert(1))')[0]?.t).toBe('para');
  });
});
