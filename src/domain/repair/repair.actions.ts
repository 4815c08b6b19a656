import type { ActionSpec } from '../shared/action-spec.js';
import { RESUME_ACTION_SPEC, WAIT_ACTION_SPEC } from '../shared/wait-action.js';
import type { RepairAction } from './repair.types.js';

/** Buttons and questions of each work-order action. */
export const REPAIR_ACTION_SPECS: Record<RepairAction, ActionSpec> = {
  accept: { label: '接单', style: 'primary', done: '已接单', inputs: [] },
  dispatch: {
    label: '派单',
    style: 'default',
    done: '已派单',
    inputs: [
      {
        key: 'engineer',
        kind: 'staff',
        role: 'engineering',
        question: '请回复要派给的工程人员姓名：',
      },
    ],
  },
  price_free: { label: '免费维修', style: 'default', done: '已定为免费维修', inputs: [] },
  quote: {
    label: '有偿报价',
    style: 'default',
    done: '已报价',
    inputs: [{ key: 'amount', kind: 'money', question: '请输入维修报价（元），报价将发给商户确认：' }],
  },
  accept_quote: { label: '接受报价', style: 'primary', done: '已接受报价', inputs: [] },
  decline_quote: { label: '不接受', style: 'danger', done: '已拒绝报价', inputs: [] },
  start: { label: '开始维修', style: 'primary', done: '已开始维修', inputs: [] },
  fix: { label: '已修好', style: 'primary', done: '已修好', inputs: [] },
  verify: { label: '确认修好', style: 'primary', done: '已确认修好', inputs: [] },
  reopen: { label: '没修好', style: 'danger', done: '已反馈没修好', inputs: [] },
  damage: {
    label: '人为损坏',
    style: 'default',
    done: '已登记人为损坏',
    inputs: [
      { key: 'estimate', kind: 'money', question: '请输入工程部估算的维修费用（元）：' },
      {
        key: 'percent',
        kind: 'percent',
        min: 20,
        max: 50,
        question: '请输入维修押金比例（20%-50%，例如“30%”）：',
      },
    ],
  },
  refund: { label: '验收退押金', style: 'default', done: '已退还押金', inputs: [] },
  compensate: {
    label: '损坏赔偿',
    style: 'default',
    done: '已登记损坏赔偿',
    inputs: [{ key: 'amount', kind: 'money', question: '请输入工程部估算的赔偿金额（元）：' }],
  },
  reassess: {
    label: '重新估价',
    style: 'default',
    done: '已重新估价',
    inputs: [
      {
        key: 'amount',
        kind: 'money',
        question: '请输入双方协商或专业人员现场估算后的赔偿金额（元）：',
      },
    ],
  },
  compensation_paid: { label: '已缴赔偿金', style: 'primary', done: '赔偿金已缴纳', inputs: [] },
  deduct: {
    label: '保证金扣除',
    style: 'danger',
    done: '已从保证金扣除',
    inputs: [{ key: 'amount', kind: 'money', question: '请输入从商铺保证金中扣除的金额（元）：' }],
  },
  link: { label: '关联商户', style: 'default', done: '已关联商户', inputs: [] },
  cancel: { label: '撤销', style: 'danger', done: '已撤销', inputs: [] },
  release: { label: '退回', style: 'default', done: '已退回重新派单（原维修人员离职）', inputs: [] },
  wait: WAIT_ACTION_SPEC,
  resume: RESUME_ACTION_SPEC,
  raise: { label: '提高紧急程度', style: 'danger', done: '已提高紧急程度', inputs: [] },
};
