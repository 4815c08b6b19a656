import type { ApprovalView } from '../../src/domain/approval/approval.types.js';
import type { ComplaintView } from '../../src/domain/complaint/complaint.types.js';
import type { PersonView } from '../../src/domain/people/people.types.js';
import type { RepairView } from '../../src/domain/repair/repair.types.js';

const AT = new Date('2026-11-30T02:00:00Z');
const oid = (n: number) => n.toString(16).padStart(24, '0');

export const buildPerson = (o: Partial<PersonView> & { id: string }): PersonView => ({
  name: '某人',
  kind: 'staff',
  roles: [],
  shopCodes: [],
  phone: '',
  employeeNo: undefined,
  active: true,
  duty: [],
  ...o,
});

export const TENANT = buildPerson({
  id: oid(1),
  name: '王先生',
  kind: 'tenant',
  roles: ['tenant'],
  shopCodes: ['B1-23'],
});
export const ASSISTANT = buildPerson({ id: oid(2), name: '刘助理', roles: ['assistant'] });
export const SENIOR = buildPerson({ id: oid(3), name: '陈主管', roles: ['senior_assistant'] });
export const SENIOR2 = buildPerson({ id: oid(4), name: '林主管', roles: ['senior_assistant'] });
export const DEPUTY = buildPerson({ id: oid(5), name: '吴副经理', roles: ['deputy_manager'] });
export const MANAGER = buildPerson({ id: oid(6), name: '郑经理', roles: ['manager'] });
export const LEADER = buildPerson({ id: oid(7), name: '孙总', roles: ['leader'] });
export const ENGINEER = buildPerson({ id: oid(8), name: '马工', roles: ['engineering'] });
export const ENGINEER2 = buildPerson({ id: oid(9), name: '钱工', roles: ['engineering'] });
export const CLERK = buildPerson({ id: oid(10), name: '周文员', roles: ['cs_clerk'] });
export const GUARD = buildPerson({ id: oid(11), name: '老赵', roles: ['security'] });

export const buildComplaint = (o: Partial<ComplaintView> = {}): ComplaintView => ({
  id: oid(100),
  number: 'TS20261130-001',
  kind: 'general',
  category: 'noise',
  status: 'open',
  text: 'B1-23隔壁音乐太吵',
  shopCode: 'B1-23',
  unit: 'B1-24',
  place: '',
  floor: 'B1',
  reporterId: TENANT.id,
  channel: { platform: 'wecom', userId: 'tenant-b1-23', conversationId: 'tenant-b1-23' },
  ownerRole: 'assistant',
  routedRoles: [],
  ownerId: undefined,
  stage: 0,
  version: 0,
  checkpoints: { heard: AT },
  replyDueAt: new Date(AT.getTime() + 24 * 3600_000),
  firstRepliedAt: undefined,
  closedAt: undefined,
  escalationLevel: 0,
  lastReply: '',
  record: '',
  rating: undefined,
  ratingComment: '',
  callbackDoneAt: undefined,
  callbackById: undefined,
  callbackNote: '',
  docNo: '',
  complainant: '',
  attachmentIds: [],
  pausedMs: 0,
  history: [{ at: AT, actorId: TENANT.id, action: 'filed', note: '' }],
  createdAt: AT,
  ...o,
});

export const buildRepair = (o: Partial<RepairView> = {}): RepairView => ({
  id: oid(200),
  number: 'WX20261130-001',
  category: 'leak',
  urgency: 'normal',
  status: 'reported',
  billing: 'to_assess',
  text: '铺里漏水了',
  shopCode: 'B1-23',
  unit: 'B1-23',
  place: '',
  floor: 'B1',
  reporterId: TENANT.id,
  channel: { platform: 'wecom', userId: 'tenant-b1-23', conversationId: 'tenant-b1-23' },
  assigneeId: undefined,
  stage: 0,
  version: 0,
  faultFoundAt: AT,
  acceptedAt: undefined,
  repairStartedAt: undefined,
  restoredAt: undefined,
  closedAt: undefined,
  reopenCount: 0,
  quoteAmount: undefined,
  quoteStatus: 'none',
  damageEstimate: undefined,
  depositAmount: undefined,
  depositStatus: 'none',
  compensationAmount: undefined,
  compensationStatus: 'none',
  attachmentIds: [],
  pausedMs: 0,
  history: [{ at: AT, actorId: TENANT.id, action: 'filed', note: '' }],
  createdAt: AT,
  ...o,
});

export const buildApproval = (o: Partial<ApprovalView> = {}): ApprovalView => ({
  id: oid(300),
  number: 'SP20261130-001',
  type: 'goods_release',
  status: 'pending',
  requesterId: TENANT.id,
  channel: { platform: 'wecom', userId: 'tenant-b1-23', conversationId: 'tenant-b1-23' },
  shopCode: 'B1-23',
  text: '明天早上8点出10箱衣服',
  details: [{ key: 'items', label: '物品', value: '衣服 10箱' }],
  steps: [{ role: 'senior_assistant', status: 'pending', reason: '' }],
  currentStep: 0,
  stage: 0,
  version: 0,
  conditions: [],
  createdAt: AT,
  history: [{ at: AT, actorId: TENANT.id, action: 'submitted', note: '' }],
  tasks: [],
  attachments: [],
  ...o,
});

export const T0 = AT;
