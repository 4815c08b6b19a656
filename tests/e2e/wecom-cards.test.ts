import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderWeComCard } from '../../cards/render/wecom.render.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { eventually } from '../helpers/wait.js';

const base = (taskId: string) => ({
  source: { desc: '商场运营部', desc_color: 0 },
  main_title: { title: '测试', desc: '说明' },
  task_id: taskId,
});
const CARDS: Record<string, (id: string) => Record<string, unknown>> = {
  text_notice: (id) => ({
    ...base(id),
    card_type: 'text_notice',
    card_action: { type: 1, url: 'https://example.com/t' },
  }),
  news_notice: (id) => ({
    ...base(id),
    card_type: 'news_notice',
    card_image: { url: 'https://example.com/a.png', aspect_ratio: 1.3 },
    card_action: { type: 1, url: 'https://example.com/n' },
  }),
  button_interaction: (id) => ({
    ...base(id),
    card_type: 'button_interaction',
    button_list: [{ text: '好', key: 'k1', style: 1 }],
  }),
  vote_interaction: (id) => ({
    ...base(id),
    card_type: 'vote_interaction',
    checkbox: {
      question_key: 'q',
      mode: 1,
      option_list: [
        { id: 'a', text: '甲' },
        { id: 'b', text: '乙' },
      ],
    },
    submit_button: { text: '提交', key: 'submit' },
  }),
  multiple_interaction: (id) => ({
    ...base(id),
    card_type: 'multiple_interaction',
    select_list: [{ question_key: 'q1', title: '楼层', option_list: [{ id: '1', text: '1F' }] }],
    submit_button: { text: '提交', key: 'submit' },
  }),
};

describe('WeCom template cards through the client', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ wecom: { users: ['card-user'] } });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it.each(Object.keys(CARDS))(
    'sends a %s card that the emulator accepts (interactive ones get a response_code)',
    async (type) => {
      const client = bot.running.deps.wecom!.client;
      const id = `t-${type}-${Date.now()}`;
      const r = await client.sendMessage({
        touser: 'card-user',
        msgtype: 'template_card',
        template_card: CARDS[type]!(id),
      });
      expect(r.msgid).not.toBe('');
      expect(Boolean(r.responseCode)).toBe(type.endsWith('interaction'));
      expect(bot.wecom!.cards('card-user').some((c) => c.taskId === id)).toBe(true);
    },
  );

  it('never reuses a task_id: a second send is refused with 42014', async () => {
    const client = bot.running.deps.wecom!.client;
    const card = CARDS.button_interaction!('t-once');
    await client.sendMessage({ touser: 'card-user', msgtype: 'template_card', template_card: card });
    await expect(
      client.sendMessage({ touser: 'card-user', msgtype: 'template_card', template_card: card }),
    ).rejects.toMatchObject({
      details: { errcode: 42014 },
    });
  });

  it('refuses a malformed card without retrying (a configuration error)', async () => {
    const emu = bot.wecom!;
    const before = emu.state.calls.send;
    const bad = { ...base('t-bad'), card_type: 'button_interaction', button_list: [] };
    await expect(
      bot.running.deps.wecom!.client.sendMessage({
        touser: 'card-user',
        msgtype: 'template_card',
        template_card: bad,
      }),
    ).rejects.toMatchObject({
      code: 'PLATFORM_REJECTED',
    });
    expect(emu.state.calls.send - before).toBe(1);
  });

  it('replaces a whole card for everyone with a one-use response code; the code cannot be used twice', async () => {
    const deps = bot.running.deps;
    const emu = bot.wecom!;
    const card = { cardId: 'full-replace-1', title: '原卡片', actions: [{ key: 'x:go', label: '处理' }] };
    await deps.outbound.enqueue([
      {
        key: 'fr-1',
        to: { platform: 'wecom', userId: 'card-user' },
        message: { type: 'card', card, subject: { kind: 't', id: 'fr' } },
      },
    ]);
    await emu.waitFor(() => emu.cards('card-user').find((c) => c.taskId === 'full-replace-1'));
    const code = await eventually(async () => (await deps.repos.cards.get('full-replace-1'))?.responseCode);
    await deps.wecom!.client.updateTemplateCard({
      responseCode: code,
      atall: true,
      update: {
        kind: 'card',
        templateCard: renderWeComCard({
          cardId: 'full-replace-1',
          title: '已升级处理',
          description: '',
          source: '商场运营部',
          fields: [],
          actions: [{ key: 'x:done', label: '完成', style: 'primary' }],
        }),
      },
    });
    const view = emu.cards('card-user').find((c) => c.taskId === 'full-replace-1');
    expect((view?.card.main_title as { title: string } | undefined)?.title).toBe('已升级处理');
    expect(view?.keys).toEqual(['x:done']);
    await expect(
      deps.wecom!.client.updateTemplateCard({
        responseCode: code,
        atall: true,
        update: { kind: 'replace_name', replaceName: '重复' },
      }),
    ).rejects.toMatchObject({ reason: 'wecom_60140' });
  });
});
