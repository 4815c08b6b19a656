import { type Ladders, LaddersSchema } from './escalation-ladder.js';

/**
 * The shipped escalation ladders, from the examples in issue 14 and the rulebook (DOMAIN.md).
 * Times are ours where the rulebook gives none; a deployment overrides any ladder with
 * ESCALATION_FILE. Validated at load like any configuration.
 */
export const DEFAULT_LADDERS: Ladders = LaddersSchema.parse({
  // A complaint nobody has taken. Major (11): the senior assistant at once, the manager after 30
  // minutes untaken, company leadership after two hours; safety-grade, so never held for a shift.
  'complaint-take': {
    major: {
      rungs: [
        {
          label: '30分钟未受理，报营运部经理',
          when: { from: 'start', minutes: 30 },
          action: 'tell',
          to: [{ role: 'manager' }],
          urgent: true,
        },
        {
          label: '2小时未受理，报公司领导',
          when: { from: 'start', minutes: 120 },
          action: 'tell',
          to: [{ role: 'leader' }],
          urgent: true,
        },
      ],
    },
    '*': {
      rungs: [
        {
          label: '2个工作小时未受理，提醒处理人',
          when: { from: 'start', minutes: 120, clock: 'business' },
          action: 'remind',
          to: ['owner'],
        },
        {
          label: '4个工作小时未受理，报上一级',
          when: { from: 'start', minutes: 240, clock: 'business' },
          action: 'tell',
          to: ['up'],
        },
      ],
    },
  },
  // The next reply promised to the customer: remind the owner an hour before, escalate when missed.
  'complaint-reply': {
    '*': {
      rungs: [
        {
          label: '距承诺回复时间还有1小时',
          when: { from: 'due', minutes: -60 },
          action: 'remind',
          to: ['owner'],
        },
        {
          label: '已超过承诺回复时间',
          when: { from: 'due', minutes: 0 },
          action: 'tell',
          to: ['owner', 'up'],
        },
        {
          label: '超过承诺回复时间1个工作日',
          when: { from: 'due', minutes: 24 * 60 },
          action: 'tell',
          to: [{ role: 'manager' }],
        },
      ],
    },
  },
  // A work order nobody accepted by its acknowledgement target (src/deadlines/kinds/repair.targets.ts):
  // whoever it waits on in engineering, then the deputy manager.
  'repair-ack': {
    emergency: {
      rungs: [
        {
          label: '紧急报修超过响应时限未接单',
          when: { from: 'due', minutes: 0 },
          action: 'tell',
          to: ['owner', { role: 'engineering' }],
          urgent: true,
        },
        {
          label: '紧急报修仍未接单，报副经理',
          when: { from: 'previous', minutes: 15 },
          action: 'tell',
          to: [{ role: 'deputy_manager' }],
          urgent: true,
        },
      ],
    },
    '*': {
      rungs: [
        {
          label: '超过响应时限未接单',
          when: { from: 'due', minutes: 0 },
          action: 'remind',
          to: ['owner', { role: 'engineering' }],
        },
        {
          label: '超过响应时限2个工作小时仍未接单，报副经理',
          when: { from: 'previous', minutes: 120, clock: 'business' },
          action: 'tell',
          to: [{ role: 'deputy_manager' }],
        },
      ],
    },
  },
  // A repair past its target: engineering's lead, then the deputy manager.
  'repair-target': {
    emergency: {
      rungs: [
        {
          label: '紧急报修超时，报工程部负责人',
          when: { from: 'due', minutes: 0 },
          action: 'tell',
          to: [{ role: 'engineering' }],
          urgent: true,
        },
        {
          label: '紧急报修超时30分钟，报副经理',
          when: { from: 'previous', minutes: 30 },
          action: 'tell',
          to: [{ role: 'deputy_manager' }],
          urgent: true,
        },
      ],
    },
    '*': {
      rungs: [
        {
          label: '维修超过目标时间，报工程部负责人',
          when: { from: 'due', minutes: 0 },
          action: 'tell',
          to: [{ role: 'engineering' }],
        },
        {
          label: '维修超时4个工作小时，报副经理',
          when: { from: 'previous', minutes: 240, clock: 'business' },
          action: 'tell',
          to: [{ role: 'deputy_manager' }],
        },
      ],
    },
  },
  // An approval step waiting too long: remind, then the next holder of the role, then the manager.
  'approval-step': {
    '*': {
      rungs: [
        {
          label: '审批等待30分钟，提醒审批人',
          when: { from: 'start', minutes: 30 },
          action: 'remind',
          to: ['owner'],
        },
        {
          label: '审批等待超过1小时，转交同岗位其他人员',
          when: { from: 'previous', minutes: 30 },
          action: 'pass',
          to: ['next_holder'],
        },
        {
          label: '审批等待超过3小时，报营运部经理',
          when: { from: 'previous', minutes: 120 },
          action: 'tell',
          to: [{ role: 'manager' }],
        },
      ],
    },
  },
  // Keys (10) and archives (7.2) are due back the same day: at closing time remind the borrower
  // and the senior assistant, then the manager next morning.
  'loan-return': {
    '*': {
      rungs: [
        {
          label: '到期未归还，提醒借用人',
          when: { from: 'due', minutes: 0 },
          action: 'remind',
          to: ['borrower', { role: 'senior_assistant' }],
        },
        {
          label: '隔夜未归还，报营运部经理',
          when: { from: 'previous', nextOpening: true },
          action: 'tell',
          to: [{ role: 'manager' }],
        },
      ],
    },
  },
  // A ticket waiting (挂起) on the tenant, parts or a contractor: its owner on the resume date.
  'ticket-resume': {
    '*': {
      rungs: [
        {
          label: '已到预计恢复处理日期，请恢复处理或重新挂起',
          when: { from: 'due', minutes: 0 },
          action: 'remind',
          to: ['owner'],
        },
      ],
    },
  },
  // A breach past its fix-by date (9): the assistant re-inspects.
  'violation-fixby': {
    '*': {
      rungs: [
        {
          label: '整改期限已到，请复查',
          when: { from: 'due', minutes: 0 },
          action: 'remind',
          to: [{ role: 'assistant' }],
        },
      ],
    },
  },
});
