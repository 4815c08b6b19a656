import { describe, expect, it } from 'vitest';
import { parseActionKey } from '../../../cards/action-key.js';
import { presentApprovalCard } from '../../../cards/approval.card.js';
import {
  checkpointLine,
  presentComplaintCard,
  presentSatisfactionCard,
} from '../../../cards/complaint.card.js';
import { renderDingTalkCard } from '../../../cards/render/dingtalk.render.js';
import { renderWeComCard } from '../../../cards/render/wecom.render.js';
import { presentRepairCard } from '../../../cards/repair.card.js';
import { ticketDetail, ticketLine } from '../../../cards/ticket-status.text.js';
import { repairButtons } from '../../../src/notify/buttons.js';
import { buildApproval, buildComplaint, buildRepair, ENGINEER, T0 } from '../../factories/tickets.js';

const when = (d: Date) => `${d.toISOString().slice(5, 16).replace('T', ' ')}Z`;
const at = new Date(T0.getTime() + 3600_000);

describe('ticket presenters', () => {
  it('a complaint card shows kind, number, owner, checkpoints and exactly the buttons given', () => {
    const c = buildComplaint({
      kind: 'major',
      ownerRole: 'senior_assistant',
      stage: 2,
      checkpoints: { heard: T0, asked: at },
    });
    const card = presentComplaintCard(c, {
      cardId: 'cp-x',
      buttons: [{ action: 'take' }, { action: 'escalate' }],
      names: { reporter: '王先生' },
      when,
    });
    expect(card).toMatchInlineSnapshot(`
      {
        "actions": [
          {
            "key": "cp:take:000000000000000000000064:2",
            "label": "接手处理",
            "style": "primary",
          },
          {
            "key": "cp:escalate:000000000000000000000064:2",
            "label": "上报",
            "style": "danger",
          },
        ],
        "cardId": "cp-x",
        "description": "待受理 · 待高级物业助理受理",
        "emphasis": {
          "desc": "立即处理，结果报告经理",
          "title": "重大",
        },
        "fields": [
          {
            "label": "投诉人",
            "value": "王先生",
          },
          {
            "label": "位置",
            "value": "B1-24",
          },
          {
            "label": "类别",
            "value": "噪音",
          },
          {
            "label": "答复期限",
            "value": "12-01 02:00Z",
          },
          {
            "label": "进度",
            "value": "听✓ 问✓ 跟· 复· 记· 报·",
          },
        ],
        "quote": "B1-23隔壁音乐太吵",
        "source": "商场运营部 · 投诉",
        "title": "重大投诉 TS20261130-001",
      }
    `);
    expect(card.actions.map((a) => parseActionKey(a.key))).toEqual([
      { kind: 'complaint', action: 'take', id: c.id, stage: 2 },
      { kind: 'complaint', action: 'escalate', id: c.id, stage: 2 },
    ]);
    expect(checkpointLine(buildComplaint())).toBe('听✓ 问· 跟· 复· 记·');
  });

  it('the satisfaction card offers 1-5, each key carrying its score', () => {
    const card = presentSatisfactionCard(
      buildComplaint({ status: 'closed', stage: 4, lastReply: '已处理' }),
      { cardId: 'cp-r' },
    );
    expect(card.actions.map((a) => a.label)).toEqual(['1分', '2分', '3分', '4分', '5分']);
    expect(parseActionKey(card.actions[4]?.key ?? '')).toMatchObject({ action: 'rate', stage: 4, arg: '5' });
  });

  it('a repair card shows billing, the lift times and the deposit', () => {
    const r = buildRepair({
      category: 'lift',
      urgency: 'urgent',
      status: 'in_progress',
      billing: 'paid',
      quoteAmount: 800,
      quoteStatus: 'accepted',
      repairStartedAt: at,
      depositStatus: 'held',
      depositAmount: 600,
      attachmentIds: ['a', 'b'],
    });
    const card = presentRepairCard(r, {
      cardId: 'rp-x',
      buttons: [{ action: 'fix' }],
      names: { reporter: '王先生', owner: '马工' },
      when,
    });
    expect(card).toMatchInlineSnapshot(`
      {
        "actions": [
          {
            "key": "rp:fix:0000000000000000000000c8:0",
            "label": "已修好",
            "style": "primary",
          },
        ],
        "cardId": "rp-x",
        "description": "维修中 · 维修人员：马工",
        "fields": [
          {
            "label": "报修人",
            "value": "王先生",
          },
          {
            "label": "位置",
            "value": "B1-23",
          },
          {
            "label": "收费",
            "value": "有偿维修 800 元（商户已接受）",
          },
          {
            "label": "发现故障",
            "value": "11-30 02:00Z",
          },
          {
            "label": "开始维修",
            "value": "11-30 03:00Z",
          },
          {
            "label": "维修押金",
            "value": "600 元（已收取）",
          },
          {
            "label": "照片",
            "value": "2 张",
          },
          {
            "label": "报修时间",
            "value": "11-30 02:00Z",
          },
        ],
        "quote": "铺里漏水了",
        "source": "商场运营部 · 工程（电梯）",
        "title": "【加急】报修工单 WX20261130-001",
      }
    `);
  });

  it('a waiting repair card says on what, why and until when, with 恢复处理 first; the tenant reads it in the status', () => {
    const r = buildRepair({
      status: 'waiting',
      assigneeId: ENGINEER.id,
      stage: 4,
      wait: { on: 'parts', reason: '压缩机缺货', since: T0, resumeBy: at, from: 'in_progress' },
    });
    const card = presentRepairCard(r, {
      cardId: 'rp-w',
      buttons: repairButtons(r, ENGINEER),
      names: { reporter: '王先生', owner: '马工' },
      when,
    });
    expect(card.description).toBe('挂起 · 维修人员：马工');
    expect(card.fields).toContainEqual({
      label: '挂起',
      value: `等配件（压缩机缺货），预计 ${when(at)} 恢复`,
    });
    expect(card.actions.map((a) => a.label)).toEqual(['恢复处理', '已修好', '人为损坏', '损坏赔偿']);
    const detail = ticketDetail({ kind: 'repair', view: r }, new Map(), when, false);
    expect(detail).toContain(`挂起：等配件（压缩机缺货），预计 ${when(at)} 恢复处理`);
  });

  it('an approval card lists the request and the step', () => {
    const card = presentApprovalCard(buildApproval(), {
      cardId: 'ap-x',
      buttons: [{ action: 'approve' }, { action: 'reject' }],
      names: { reporter: '王先生' },
      when,
    });
    expect(card.description).toBe('待高级物业助理审批（第1/1步）');
    expect(card.actions.map((a) => a.label)).toEqual(['同意', '驳回']);
  });

  it('renders within the platforms’ limits: at most six WeCom fields and buttons; DingTalk values are strings', () => {
    const card = presentRepairCard(
      buildRepair({
        category: 'lift',
        repairStartedAt: at,
        restoredAt: at,
        depositStatus: 'held',
        attachmentIds: ['a'],
      }),
      {
        cardId: 'rp-y',
        buttons: ['accept', 'dispatch', 'price_free', 'quote', 'start', 'damage', 'cancel'].map((action) => ({
          action,
        })),
        names: { reporter: '王先生' },
        when,
      },
    );
    const wecom = renderWeComCard(card) as {
      horizontal_content_list: unknown[];
      button_list: unknown[];
      sub_title_text?: string;
    };
    expect(wecom.horizontal_content_list.length).toBeLessThanOrEqual(6);
    expect(wecom.button_list).toHaveLength(6);
    expect(wecom.sub_title_text).toContain('报修时间');
    expect(Object.values(renderDingTalkCard(card)).every((v) => typeof v === 'string')).toBe(true);
  });

  it('status text: one line per ticket; details hide internal notes from tenants', () => {
    const r = buildRepair({
      status: 'accepted',
      history: [
        { at: T0, actorId: 'r', action: 'filed', note: '' },
        { at, actorId: 'e', action: 'accept', note: '' },
        { at, actorId: 'e', action: 'damage', note: '估价 2000 元' },
      ],
    });
    const item = { kind: 'repair' as const, view: r };
    expect(ticketLine(item, when)).toBe(
      '· WX20261130-001 报修（漏水）：已接单（11-30 02:00Z）「铺里漏水了」',
    );
    const names = new Map([['e', '马工']]);
    expect(ticketDetail(item, names, when, false)).not.toContain('估价');
    expect(ticketDetail(item, names, when, true)).toContain('马工已登记人为损坏：估价 2000 元');
  });

  it('a fired reminder shows in Chinese to staff and not to the tenant', () => {
    const c = buildComplaint({
      history: [
        { at: T0, actorId: undefined, action: 'filed', note: '' },
        { at, actorId: undefined, action: 'deadline.complaint-take', note: '30分钟未受理，报营运部经理' },
      ],
    });
    const item = { kind: 'complaint' as const, view: c };
    expect(ticketDetail(item, new Map(), when, true)).toContain('系统提醒：30分钟未受理，报营运部经理');
    expect(ticketDetail(item, new Map(), when, false)).not.toContain('deadline');
    expect(ticketDetail(item, new Map(), when, false)).not.toContain('系统提醒');
  });
});
