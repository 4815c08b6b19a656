import { APPROVAL_ACTION_SPECS } from './approval/approval.actions.js';
import { approvalMachine } from './approval/approval.machine.js';
import { APPROVAL_STATUS_LABELS } from './approval/approval.rules.js';
import { COMPLAINT_ACTION_SPECS } from './complaint/complaint.actions.js';
import { complaintMachine } from './complaint/complaint.machine.js';
import { COMPLAINT_STATUS_LABELS } from './complaint/complaint.rules.js';
import { REPAIR_ACTION_SPECS } from './repair/repair.actions.js';
import { repairMachine } from './repair/repair.machine.js';
import { REPAIR_STATUS_LABELS } from './repair/repair.rules.js';
import { mermaidOf } from './shared/diagram.js';

const PARTY: Record<string, string> = {
  reporter: '报告人',
  requester: '申请人',
  owner: '处理人',
  assignee: '责任岗位',
  supervisor: '主管及以上',
  clerk: '前台',
  visitor: '回访人员（物业助理及以上）',
  engineer: '工程部',
  approver: '审批人',
  gate: '保安（门岗）',
  keeper: '钥匙保管（高级物业助理及以上）',
  archivist: '档案管理员',
  overseer: '客服副经理及以上',
  finance: '财务',
  engineering: '工程部',
  system: '系统',
};

/** The README's lifecycle section: every diagram, drawn from the tables. */
export const lifecycleDiagrams = (): string =>
  [
    '### Complaint (投诉, rulebook 11)',
    '',
    '```mermaid',
    mermaidOf(
      complaintMachine,
      {
        action: (a) => COMPLAINT_ACTION_SPECS[a].label,
        party: (p) => PARTY[p] ?? p,
        state: (s) => COMPLAINT_STATUS_LABELS[s],
      },
      'open',
      ['closed'],
    ),
    '```',
    '',
    '### Repair work order (工程单, 5.1.5 / 8 / 9.3.3)',
    '',
    '```mermaid',
    mermaidOf(
      repairMachine,
      {
        action: (a) => REPAIR_ACTION_SPECS[a].label,
        party: (p) => PARTY[p] ?? p,
        state: (s) => REPAIR_STATUS_LABELS[s],
      },
      'reported',
      ['closed', 'cancelled'],
    ),
    '```',
    '',
    '### Approval request (审批)',
    '',
    '```mermaid',
    mermaidOf(
      approvalMachine,
      {
        action: (a) => APPROVAL_ACTION_SPECS[a].label,
        party: (p) => PARTY[p] ?? p,
        state: (s) => APPROVAL_STATUS_LABELS[s],
      },
      'pending',
      ['approved', 'rejected', 'cancelled', 'released', 'expired'],
    ),
    '```',
  ].join('\n');
