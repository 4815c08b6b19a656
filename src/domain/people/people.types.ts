/**
 * The people vocabulary: who can be in the product and on which duty roster. The persistence
 * models import these; nothing in the domain imports the models.
 */

/** Staff roles from the rulebook (DOMAIN.md); `tenant` is the only non-staff role. */
export const STAFF_ROLES = [
  'assistant',
  'cs_clerk',
  'senior_assistant',
  'deputy_manager',
  'manager',
  'leader',
  'engineering',
  'security',
  /** The outsourced cleaning company's supervisor (6): bound like staff, confirms or disputes deductions. */
  'cleaning_contractor',
  /** Keeps the tenants' archive (7.2.1): marks important files, records files out and back. */
  'archive_clerk',
  /** Finance (财务): confirms a leaving tenant's fees settled and deposit refunded (退场). */
  'finance',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const ROLES = ['tenant', ...STAFF_ROLES] as const;
export type Role = (typeof ROLES)[number];

/** Shifts of the duty roster (当值): 早班 08:00-16:00, 中班 14:00-22:00, 夜班 22:00-08:00. */
export const SHIFTS = ['early', 'middle', 'night'] as const;
export type Shift = (typeof SHIFTS)[number];

export interface DutySlot {
  /** 0 = Sunday ... 6 = Saturday, in the business time zone. */
  readonly weekday: number;
  readonly shift: Shift;
}

/** A person as the rest of the code sees them (plain data, ids as strings). */
export interface PersonView {
  readonly id: string;
  readonly name: string;
  readonly kind: 'tenant' | 'staff';
  readonly roles: readonly Role[];
  readonly shopCodes: readonly string[];
  readonly phone: string;
  readonly employeeNo: string | undefined;
  readonly active: boolean;
  readonly duty: readonly DutySlot[];
}

/** Chinese names people read in chat. */
export const ROLE_LABELS: Record<Role, string> = {
  tenant: '商户',
  assistant: '物业助理',
  cs_clerk: '客服文员',
  senior_assistant: '高级物业助理',
  deputy_manager: '客服副经理',
  manager: '营运部经理',
  leader: '公司领导',
  engineering: '工程部',
  security: '保安部',
  cleaning_contractor: '清洁公司主管',
  archive_clerk: '档案管理员',
  finance: '财务',
};

export const isStaff = (p: PersonView | null | undefined): p is PersonView => p?.kind === 'staff' && p.active;

export const hasRole = (p: PersonView | null | undefined, role: Role): boolean =>
  Boolean(p?.active && p.roles.includes(role));

/** The product itself, acting when nobody pressed a button (a hand-over when someone leaves, a timer). */
export const SYSTEM_ID = '000000000000000000000000';
export const SYSTEM_PERSON: PersonView = {
  id: SYSTEM_ID,
  name: '系统',
  kind: 'staff',
  roles: [],
  shopCodes: [],
  phone: '',
  employeeNo: undefined,
  active: true,
  duty: [],
};
