import type { StaffRole } from '../people/people.types.js';
import type { ComplaintCategory, ComplaintKind } from './complaint.types.js';

/** Words that make a complaint major (rulebook 11: report at once to the on-duty senior assistant). */
const MAJOR =
  /(受伤|打架|打人|报警|警察|媒体|曝光|记者|起诉|律师|投诉到|消协|市场监管|12345|严重|第二次|又一次|多次)/;

/**
 * Emergencies about people (a fight, an injury, threats): they stay complaints, major, and page
 * the on-duty senior assistant and security at once. Faults of things are repairs.
 */
const ABOUT_PEOPLE =
  /(打架|打人|斗殴|动手|受伤|流血|晕倒|昏倒|摔伤|威胁|恐吓|持刀|拿刀|抢劫|偷东西|小偷|偷窃|猥亵|跳楼|轻生|走失|孩子丢了|闹事)/;

export const isAboutPeople = (text: string): boolean => ABOUT_PEOPLE.test(text);

export const complaintKind = (text: string, urgency: 'normal' | 'urgent' | 'emergency'): ComplaintKind =>
  urgency === 'emergency' || MAJOR.test(text) || ABOUT_PEOPLE.test(text) ? 'major' : 'general';

const CATEGORIES: readonly [RegExp, ComplaintCategory][] = [
  [ABOUT_PEOPLE, 'safety'],
  [/消防通道|安全出口|灭火器|烟头|明火|安全隐患/, 'safety'],
  [/吵|噪音|噪声|音乐|喇叭|音响|放歌|唱歌|声音/, 'noise'],
  [/臭|脏|卫生|垃圾|味道|油烟|烟味|灰尘|厕所|洗手间|蟑螂|老鼠/, 'hygiene'],
  [/收费|管理费|电费|水费|多收|罚款|停车费/, 'fees'],
  [/太冷|太热|冷气|暖气|漏水|灯不亮|电梯|扶梯|设施|坏了/, 'facility'],
  [/态度|服务|客服|保安|保洁|前台|打不通|不理/, 'service'],
  [/乱停|摆摊|占用|占道|堆|挡|拉客|发传单|推销|乞讨/, 'order'],
  [/吵架|骂人|吐痰|抽烟|乱跑/, 'behaviour'],
];

export const complaintCategory = (text: string): ComplaintCategory =>
  CATEGORIES.find(([re]) => re.test(text))?.[1] ?? 'other';

/**
 * The function responsible for each category (DOMAIN.md): engineering for facilities, security
 * for safety, the front desk for fees, the assistant for hygiene and order; service complaints go
 * to the senior assistant, who leads the staff complained about.
 */
export const CATEGORY_ROUTE: Record<ComplaintCategory, StaffRole> = {
  noise: 'assistant',
  hygiene: 'assistant',
  order: 'assistant',
  behaviour: 'assistant',
  service: 'senior_assistant',
  fees: 'cs_clerk',
  facility: 'engineering',
  safety: 'security',
  other: 'assistant',
};

export interface Routing {
  /** The rung that owns it: the function for a general complaint, the senior assistant for a major. */
  readonly ownerRole: StaffRole;
  /** Everyone told at filing who may take it. */
  readonly routedRoles: StaffRole[];
}

/** Who owns a new complaint and who is told: the function, plus the on-duty assistant. */
export const routeComplaint = (kind: ComplaintKind, category: ComplaintCategory): Routing => {
  const fn = CATEGORY_ROUTE[category];
  const routed = [...new Set<StaffRole>([fn, 'assistant'])];
  if (kind === 'major') return { ownerRole: 'senior_assistant', routedRoles: routed };
  return { ownerRole: fn, routedRoles: routed.filter((r) => r !== fn) };
};

/** The next reply promised to the customer: 2 hours for a major complaint, 24 for the others. */
/**
 * Who makes callback visits (回访) after a complaint closes: the weekly summary's list is worked
 * through by the assistants and everyone above them (rulebook 11; DOMAIN.md: the deputy manager
 * owns callback visits, the assistants handle complaints first-line). Not the front desk, not
 * engineering or security, never the tenant.
 */
export const CALLBACK_ROLES: readonly StaffRole[] = [
  'assistant',
  'senior_assistant',
  'deputy_manager',
  'manager',
  'leader',
];

export const replyDelayMs = (kind: ComplaintKind): number => (kind === 'major' ? 2 : 24) * 3600_000;

export const COMPLAINT_KIND_LABELS: Record<ComplaintKind, string> = {
  general: '一般投诉',
  major: '重大投诉',
  written: '书面投诉',
};

export const COMPLAINT_CATEGORY_LABELS: Record<ComplaintCategory, string> = {
  noise: '噪音',
  hygiene: '卫生',
  order: '经营秩序',
  behaviour: '不文明行为',
  service: '服务',
  fees: '收费',
  facility: '设施',
  safety: '安全',
  other: '其他',
};

export const COMPLAINT_STATUS_LABELS = {
  open: '待受理',
  handling: '处理中',
  replied: '已答复',
  waiting: '挂起',
  closed: '已办结',
} as const;
