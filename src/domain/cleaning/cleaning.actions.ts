import type { ActionSpec } from '../shared/action-spec.js';
import type { CleaningAction } from './cleaning.types.js';

/** Buttons and questions of each deduction action. */
export const CLEANING_ACTION_SPECS: Record<CleaningAction, ActionSpec> = {
  confirm: { label: '确认扣分', style: 'primary', done: '清洁公司已确认', inputs: [] },
  dispute: {
    label: '有异议',
    style: 'danger',
    done: '清洁公司有异议',
    inputs: [{ key: 'text', kind: 'text', question: '请说明异议的理由：' }],
  },
  uphold: { label: '维持扣分', style: 'primary', done: '已维持扣分', inputs: [] },
  waive: { label: '撤销扣分', style: 'default', done: '已撤销扣分', inputs: [] },
};
