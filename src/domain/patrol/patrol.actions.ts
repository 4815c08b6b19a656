import type { ActionSpec } from '../shared/action-spec.js';
import type { PatrolAction } from './patrol.types.js';

/** Buttons of the patrol record. */
export const PATROL_ACTION_SPECS: Record<PatrolAction, ActionSpec> = {
  end: { label: '结束巡场', style: 'primary', done: '已结束巡场', inputs: [] },
  review: { label: '审阅', style: 'primary', done: '已审阅', inputs: [] },
};
