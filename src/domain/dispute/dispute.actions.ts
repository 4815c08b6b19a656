import type { ActionSpec } from '../shared/action-spec.js';
import type { DisputeAction } from './dispute.types.js';

/** Buttons and questions of each dispute action. */
export const DISPUTE_ACTION_SPECS: Record<DisputeAction, ActionSpec> = {
  settle: {
    label: '调解成功',
    style: 'primary',
    done: '已调解解决',
    inputs: [{ key: 'text', kind: 'text', question: '请输入调解结果（双方达成的协议）：' }],
  },
  refer_regulator: {
    label: '报市场监管',
    style: 'danger',
    done: '已报市场监管部门',
    inputs: [{ key: 'text', kind: 'text', question: '请说明商户拒绝调解或强买强卖的情况：' }],
  },
  call_police: {
    label: '报警',
    style: 'danger',
    done: '已报警',
    inputs: [{ key: 'text', kind: 'text', question: '请说明威胁、辱骂或打架的情况：' }],
  },
};
