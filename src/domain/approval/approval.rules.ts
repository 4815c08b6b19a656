import type { Role } from '../people/people.types.js';
import type { ApprovalType } from './approval.types.js';

/** Chinese names people read in chat. */
export const APPROVAL_LABELS: Record<ApprovalType, string> = {
  goods_release: '物品放行',
  key_loan: '借用钥匙',
  archive_access: '档案查阅',
  renovation: '装修申报',
  space_use: '公共场地使用',
  lock_change: '破/换门锁',
  staff_pass: '营业员出入证',
  after_hours: '非营业时间工作',
  posting: '张贴告示',
  move_out: '退场',
};

/**
 * Who approves what, step by step (DOMAIN.md "Requests that need approval"). Where the rulebook
 * is silent (space use, move-out) the deputy manager signs after the senior assistant.
 */
export const APPROVAL_CHAINS: Record<ApprovalType, readonly Role[]> = {
  goods_release: ['senior_assistant'],
  key_loan: ['senior_assistant'],
  archive_access: ['deputy_manager'],
  renovation: ['deputy_manager'],
  space_use: ['senior_assistant', 'deputy_manager'],
  lock_change: ['senior_assistant'],
  staff_pass: ['senior_assistant'],
  after_hours: ['senior_assistant'],
  posting: ['senior_assistant'],
  move_out: ['senior_assistant', 'deputy_manager'],
};

export interface ChainOptions {
  /** Key or archive kept past the same day: needs the manager's (keys) or deputy's (archives) consent. */
  readonly keptOvernight?: boolean;
  /** Archive copying: needs the property manager; important documents a vice-president. */
  readonly copying?: 'none' | 'copy' | 'important';
}

/** The steps for one request, with the rulebook's extra signatures added where they apply. */
export const chainFor = (type: ApprovalType, opts: ChainOptions = {}): Role[] => {
  const steps = [...APPROVAL_CHAINS[type]];
  if (type === 'key_loan' && opts.keptOvernight) steps.push('manager');
  if (type === 'archive_access') {
    if (opts.copying === 'copy') steps.push('manager');
    if (opts.copying === 'important') steps.push('manager', 'leader');
  }
  return steps;
};

export { ROLE_LABELS } from '../people/people.types.js';
