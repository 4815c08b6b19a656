import type { ActionSpec } from '../shared/action-spec.js';
import type { ApprovalAction } from './approval.types.js';
import { FOLLOW_UP_ACTION_SPECS } from './follow-up.actions.js';

export const APPROVAL_ACTION_SPECS: Record<ApprovalAction, ActionSpec> = {
  approve: { label: '同意', style: 'primary', done: '已同意', inputs: [] },
  reject: {
    label: '驳回',
    style: 'danger',
    done: '已驳回',
    inputs: [{ key: 'text', kind: 'text', question: '请输入驳回原因（将告知申请人）：' }],
  },
  pass_up: {
    label: '上报',
    style: 'default',
    done: '已上报上级',
    inputs: [{ key: 'text', kind: 'text', question: '请说明上报原因：' }],
  },
  cancel: { label: '撤回申请', style: 'danger', done: '已撤回', inputs: [] },
  gate_release: { label: '已放行', style: 'primary', done: '已放行', inputs: [] },
  expire: { label: '作废', style: 'default', done: '放行条已过期（未使用）', inputs: [] },
  hand_over: { label: '已领取', style: 'primary', done: '钥匙已领取', inputs: [] },
  take_back: { label: '已归还', style: 'primary', done: '钥匙已归还', inputs: [] },
  ...FOLLOW_UP_ACTION_SPECS,
  remind_removal: { label: '提醒撤除', style: 'default', done: '已提醒撤除', inputs: [] },
};
