import type { ActionSpec } from '../shared/action-spec.js';
import { RESUME_ACTION_SPEC, WAIT_ACTION_SPEC } from '../shared/wait-action.js';
import type { ComplaintAction } from './complaint.types.js';

/** Buttons and questions of each complaint action (what a card shows, what the bot asks). */
export const COMPLAINT_ACTION_SPECS: Record<ComplaintAction, ActionSpec> = {
  take: { label: '接手处理', style: 'primary', done: '已接手', inputs: [] },
  ask: {
    label: '补充情况',
    style: 'default',
    done: '已补充情况',
    inputs: [{ key: 'text', kind: 'text', question: '请输入向商户了解到的补充情况：' }],
  },
  progress: {
    label: '跟进记录',
    style: 'default',
    done: '已记录跟进',
    inputs: [{ key: 'text', kind: 'text', question: '请输入跟进情况：' }],
  },
  reply: {
    label: '回复商户',
    style: 'primary',
    done: '已回复商户',
    inputs: [{ key: 'text', kind: 'text', question: '请输入给商户的答复（将原文发送给商户）：' }],
  },
  record: {
    label: '记录结果',
    style: 'default',
    done: '已记录处理结果',
    inputs: [{ key: 'text', kind: 'text', question: '请输入处理经过和结果（存档用）：' }],
  },
  escalate: {
    label: '上报',
    style: 'danger',
    done: '已上报',
    inputs: [
      { key: 'text', kind: 'text', question: '请说明上报原因（将告知商户）：' },
      {
        key: 'promise',
        kind: 'datetime',
        question: '预计何时给商户下一次答复？（例如“明天下午5点”）',
      },
    ],
  },
  close: { label: '办结', style: 'primary', done: '已办结', inputs: [] },
  rate: { label: '评价', style: 'primary', done: '已评价', inputs: [] },
  release: { label: '退回', style: 'default', done: '已退回待受理（原处理人离职）', inputs: [] },
  callback: {
    label: '已回访',
    style: 'primary',
    done: '已回访',
    inputs: [{ key: 'text', kind: 'text', question: '请输入回访记录（商户的意见、是否满意）：' }],
  },
  wait: WAIT_ACTION_SPEC,
  resume: RESUME_ACTION_SPEC,
  comment: {
    label: '补充意见',
    style: 'default',
    done: '已收到意见',
    inputs: [
      { key: 'text', kind: 'text', question: '请问还有什么意见或建议？（回复“无”跳过）', optional: true },
    ],
  },
};
