import { describe, expect, it } from 'vitest';
import { presentApprovalCard } from '../../../cards/approval.card.js';
import { renderWeComCard } from '../../../cards/render/wecom.render.js';
import { buildApproval, SENIOR, T0, TENANT } from '../../factories/tickets.js';

const when = (d: Date) => `${d.toISOString().slice(5, 16).replace('T', ' ')}Z`;
const min = (n: number) => new Date(T0.getTime() + n * 60_000);

describe('archive and signer cards', () => {
  it('an archive loan card is the ledger: important mark, both sides’ times, the next-day request, due time', () => {
    const a = buildApproval({
      type: 'archive_access',
      status: 'checked_out',
      requesterId: SENIOR.id,
      shopCode: '',
      details: [
        { key: 'subject', label: '查阅档案', value: '205的产权资料' },
        { key: 'copy', label: '是否复印', value: '需要' },
      ],
      conditions: ['copying', 'important'],
      dueAt: min(480),
      extension: { status: 'pending', reason: '需核对两天的账目', askedAt: min(30) },
      history: [
        { at: T0, actorId: SENIOR.id, action: 'submitted', note: '' },
        { at: min(10), actorId: undefined, action: 'file_out', note: '' },
        { at: min(12), actorId: SENIOR.id, action: 'confirm_out', note: '' },
        { at: min(30), actorId: SENIOR.id, action: 'ask_extension', note: '需核对两天的账目' },
      ],
    });
    const card = presentApprovalCard(a, {
      cardId: 'ap-x',
      buttons: [{ action: 'file_back' }],
      names: { reporter: '陈主管' },
      when,
    });
    expect(card.title).toBe(`档案借阅登记 ${a.number}`);
    expect(card.fields.map((f) => `${f.label}：${f.value}`)).toEqual([
      '申请人：陈主管',
      '查阅档案：205的产权资料',
      '是否复印：需要',
      '提交时间：11-30 02:00Z',
      '应还时间：11-30 10:00Z',
      '重要文件：是（档案管理员标记，复印须公司领导审批）',
      '出档时间：11-30 02:10Z',
      '借阅人确认取档：11-30 02:12Z',
      '次日归还：需核对两天的账目（待客服副经理审批）',
    ]);
    expect(card.actions.map((x) => x.label)).toEqual(['归档']);
    // WeCom shows six fields; the rest are folded into the text, never lost.
    expect(JSON.stringify(renderWeComCard(card))).toContain('次日归还：需核对两天的账目');
  });

  it('a step owned by the shop’s signers reads 待登记签字人确认', () => {
    const a = buildApproval({
      steps: [
        { role: 'tenant', personIds: [TENANT.id], status: 'pending', reason: '' },
        { role: 'senior_assistant', status: 'waiting', reason: '' },
      ],
    });
    const card = presentApprovalCard(a, {
      cardId: 'ap-x',
      buttons: [{ action: 'approve' }],
      names: { reporter: '店员小张' },
      when,
    });
    expect(card.description).toBe('待登记签字人确认（第1/2步）');
  });
});
