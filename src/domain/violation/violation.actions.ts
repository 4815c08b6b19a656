import type { ActionSpec } from '../shared/action-spec.js';
import type { ViolationAction } from './violation.types.js';

/** Buttons and questions of each violation action. */
export const VIOLATION_ACTION_SPECS: Record<ViolationAction, ActionSpec> = {
  remind: { label: '复查提醒', style: 'default', done: '已提醒复查', inputs: [] },
  rectified: { label: '已整改', style: 'primary', done: '复查已整改', inputs: [] },
  warn: { label: '发违章警告书', style: 'danger', done: '已发出违章警告书', inputs: [] },
  breach_notice: { label: '发违约处理单', style: 'danger', done: '已发出违约处理单', inputs: [] },
  sign: { label: '签收', style: 'primary', done: '已签收', inputs: [] },
  meet: {
    label: '记录约见业户',
    style: 'default',
    done: '已记录约见业户',
    inputs: [{ key: 'text', kind: 'text', question: '请输入约见业户的情况（时间、参加人、结果）：' }],
  },
};
