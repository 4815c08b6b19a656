import type { ActionSpec } from '../shared/action-spec.js';
import type { FollowUpAction } from './follow-up.types.js';

/** The follow-up buttons: what they say, and what a card shows once pressed. */
export const FOLLOW_UP_ACTION_SPECS: Record<FollowUpAction, ActionSpec> = {
  settle_fees: { label: '费用已结清', style: 'primary', done: '费用已结清', inputs: [] },
  return_keys: { label: '钥匙已交回', style: 'primary', done: '钥匙已交回', inputs: [] },
  refund_deposit: { label: '押金已退还', style: 'primary', done: '押金已退还', inputs: [] },
  report_done: { label: '已完工，申请验收', style: 'primary', done: '已申报完工', inputs: [] },
  inspect_pass: { label: '验收通过', style: 'primary', done: '验收通过', inputs: [] },
  inspect_fail: {
    label: '验收不通过',
    style: 'danger',
    done: '验收不通过',
    inputs: [{ key: 'text', kind: 'text', question: '请说明验收不合格的问题（将告知商户整改）：' }],
  },
  change_lock: { label: '已换锁', style: 'primary', done: '已完成换锁', inputs: [] },
  issue_pass: { label: '已发证', style: 'primary', done: '出入证已发放', inputs: [] },
};
