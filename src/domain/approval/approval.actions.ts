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
  mark_important: { label: '标记重要文件', style: 'default', done: '已标记为重要文件', inputs: [] },
  file_out: { label: '出档', style: 'primary', done: '已出档', inputs: [] },
  confirm_out: { label: '确认已取档', style: 'primary', done: '借阅人已确认取档', inputs: [] },
  ask_extension: {
    label: '申请次日归还',
    style: 'default',
    done: '已申请次日归还',
    inputs: [{ key: 'text', kind: 'text', question: '请说明需要次日归还的理由（将报客服副经理审批）：' }],
  },
  grant_extension: { label: '同意次日归还', style: 'primary', done: '已同意次日归还', inputs: [] },
  refuse_extension: {
    label: '不同意',
    style: 'danger',
    done: '未同意次日归还',
    inputs: [{ key: 'text', kind: 'text', question: '请输入不同意的原因（将告知借阅人）：' }],
  },
  file_back: { label: '归档', style: 'primary', done: '已归档', inputs: [] },
  confirm_back: { label: '确认已归还', style: 'primary', done: '借阅人已确认归还', inputs: [] },
  ...FOLLOW_UP_ACTION_SPECS,
  remind_removal: { label: '提醒撤除', style: 'default', done: '已提醒撤除', inputs: [] },
};
