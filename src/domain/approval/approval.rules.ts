import type { PersonView, Role } from '../people/people.types.js';
import { type Field, filesField, textField, unitField, whenField, windowField } from '../shared/form.js';
import {
  type ApprovalStatus,
  type ApprovalType,
  STEP_CONDITIONS,
  type StepCondition,
} from './approval.types.js';
import type { FollowUpTask } from './follow-up.types.js';
import { PUBLIC_SPACES } from './space.rules.js';

export { STEP_CONDITIONS, type StepCondition };

/** One step of a type's chain: owned by a role (the person on duty holding it decides). */
export interface StepDef {
  readonly role: Role;
  /** Only when this condition holds for the request. */
  readonly when?: StepCondition;
}

/**
 * What an approved request opens: a pass the gate marks 已放行 (goods release); a key-loan ledger
 * entry the keeper marks 已领取 and 已归还 (keys, rulebook 10); an archive loan the archive clerk
 * records out (出档) and back (归档), each confirmed by the borrower (7.2.5-7.2.8).
 */
export const LEDGERS = ['gate_pass', 'key_loan', 'archive'] as const;
export type Ledger = (typeof LEDGERS)[number];

/** Who may file a type of request. */
export type Askers = 'tenant' | 'staff' | 'anyone';

/** A request type as data: who asks, who signs, what happens once approved. */
export interface ApprovalTypeDef {
  /** The Chinese name people read in chat. */
  readonly label: string;
  readonly askers: Askers;
  /** The form asked in chat: its fields, in order (`detail` is the message itself). */
  readonly form: readonly Field[];
  readonly steps: readonly StepDef[];
  /** Roles (on duty) told once the request is approved, with what the approval means for them. */
  readonly tellOnApproval: readonly { readonly role: Role; readonly text: string }[];
  /** The ledger entry an approval opens. */
  readonly ledger?: Ledger;
  /** A tenant's request must come from one of the shop's registered release signers. */
  readonly shopSignerOnly?: boolean;
  /**
   * Conditions the requester does not declare: someone holding `by` marks the request (a button
   * on its card), which adds the condition's steps; only while `requires` holds.
   */
  readonly marks?: readonly {
    readonly condition: StepCondition;
    readonly by: Role;
    readonly requires?: StepCondition;
  }[];
  /** Tasks the approval starts, done by button; the request completes when all are done. */
  readonly followUp?: readonly FollowUpTask[];
  /** The request books a public space for a slot: a slot overlapping an approved one is refused. */
  readonly booksSpace?: boolean;
  /** Once approved, the requester and the assistants are reminded at the end date to take it down. */
  readonly remindRemoval?: boolean;
}

/**
 * Every request type (DOMAIN.md "Requests that need approval"). Where the rulebook is silent
 * (space use, move-out) the deputy manager signs after the senior assistant. Changing who signs
 * is a change here (with its test in tests/unit/domain/approval.rules.test.ts).
 */
export const APPROVAL_TYPE_DEFS: Record<ApprovalType, ApprovalTypeDef> = {
  goods_release: {
    label: '物品放行',
    askers: 'tenant',
    form: [
      unitField(),
      {
        key: 'items',
        label: '物品',
        kind: 'items',
        question: '请问要放行哪些物品、多少件？（例如“衣服 10箱”）',
        required: true,
      },
      whenField('出场时间', '请问什么时候出场？（例如“明天早上8点”）'),
    ],
    steps: [{ role: 'senior_assistant' }],
    tellOnApproval: [],
    ledger: 'gate_pass',
    shopSignerOnly: true,
  },
  key_loan: {
    label: '借用钥匙',
    askers: 'anyone',
    form: [
      unitField('请问要借哪个铺位或哪里的钥匙？'),
      {
        key: 'phone',
        label: '联系电话',
        kind: 'phone',
        question: '请提供您的联系电话。',
        required: true,
        outsidersOnly: true,
      },
      {
        key: 'id',
        label: '身份证号',
        kind: 'id',
        question: '请提供身份证号码（加密保存，仅显示脱敏号码）。',
        required: true,
        outsidersOnly: true,
      },
      {
        key: 'overnight',
        label: '归还',
        kind: 'overnight',
        question: '钥匙是否当天归还？（回复“当天”或“次日”）',
        required: false,
      },
    ],
    steps: [{ role: 'senior_assistant' }, { role: 'manager', when: 'overnight' }],
    tellOnApproval: [],
    ledger: 'key_loan',
  },
  archive_access: {
    label: '档案查阅',
    askers: 'staff',
    form: [
      textField('subject', '查阅档案', '请问要查阅哪份档案？（例如“B1-23的租赁合同”）'),
      {
        key: 'copy',
        label: '是否复印',
        kind: 'yesno',
        question: '是否需要复印？（回复“需要”或“不需要”）',
        required: true,
      },
    ],
    steps: [
      { role: 'deputy_manager' },
      { role: 'manager', when: 'copying' },
      { role: 'leader', when: 'important' },
    ],
    tellOnApproval: [],
    ledger: 'archive',
    // 7.2.9: copying an important document needs a vice-president; the archive clerk says which
    // documents are important, the requester does not.
    marks: [{ condition: 'important', by: 'archive_clerk', requires: 'copying' }],
  },
  renovation: {
    label: '装修申报',
    askers: 'tenant',
    form: [
      unitField(),
      whenField('开工时间', '请问计划什么时候开工？'),
      textField('scope', '装修内容', '请简单说明装修内容。'),
      filesField('declaration', '防火材料承诺书', '请发送签字的防火（难燃）材料承诺书照片或PDF文件。'),
      filesField('drawings', '装修图纸', '请发送装修图纸（照片或PDF文件）。'),
    ],
    steps: [{ role: 'deputy_manager' }],
    tellOnApproval: [
      { role: 'engineering', text: '装修已获批准，请安排施工监管；商户申报完工后请验收。' },
      { role: 'security', text: '装修已获批准，请按开工时间放行施工人员和材料。' },
    ],
    followUp: ['report_done', 'inspect'],
  },
  space_use: {
    label: '公共场地使用',
    askers: 'anyone',
    form: [
      {
        key: 'place',
        label: '场地',
        kind: 'space',
        question: `请问要使用哪块场地？（可选：${PUBLIC_SPACES.map((s) => s.name).join('、')}）`,
        required: true,
      },
      windowField('slot', '使用时段', '请问使用时段？（例如“周六下午2点到5点”）'),
      textField('purpose', '用途', '请问用来做什么活动？'),
    ],
    steps: [{ role: 'senior_assistant' }, { role: 'deputy_manager' }],
    tellOnApproval: [{ role: 'security', text: '公共场地使用已获批准，请按批准时段维持秩序。' }],
    booksSpace: true,
  },
  lock_change: {
    label: '破/换门锁',
    askers: 'tenant',
    form: [unitField(), textField('reason', '原因', '请问换锁的原因？（例如“钥匙丢失”“员工离职”）')],
    steps: [{ role: 'senior_assistant' }],
    tellOnApproval: [],
    followUp: ['change_lock'],
  },
  staff_pass: {
    label: '营业员出入证',
    askers: 'tenant',
    form: [
      { key: 'count', label: '人数', kind: 'count', question: '请问要给几位营业员办证？', required: true },
      { key: 'phone', label: '联系电话', kind: 'phone', question: '请提供联系电话。', required: true },
    ],
    steps: [{ role: 'senior_assistant' }],
    tellOnApproval: [],
    followUp: ['issue_pass'],
  },
  after_hours: {
    label: '非营业时间工作',
    askers: 'anyone',
    form: [
      unitField(),
      windowField('slot', '作业时段', '请问作业时段？（例如“今晚10点到明早6点”）'),
      textField('work', '作业内容', '请问要做什么工作？'),
    ],
    steps: [{ role: 'senior_assistant' }],
    tellOnApproval: [{ role: 'security', text: '非营业时间作业已获批准，请只在批准时段内放行作业人员。' }],
  },
  posting: {
    label: '张贴告示',
    askers: 'anyone',
    form: [
      textField('content', '张贴内容', '请问要张贴什么内容？'),
      textField('place', '张贴位置', '请问贴在什么位置？'),
      {
        key: 'until',
        label: '张贴至',
        kind: 'when',
        question: '请问张贴到哪天？（例如“12月10日”）',
        required: true,
      },
    ],
    steps: [{ role: 'senior_assistant' }],
    tellOnApproval: [],
    remindRemoval: true,
  },
  move_out: {
    label: '退场',
    askers: 'tenant',
    form: [unitField(), whenField('退场日期', '请问计划哪天退场？')],
    steps: [{ role: 'senior_assistant' }, { role: 'deputy_manager' }],
    tellOnApproval: [],
    followUp: ['settle_fees', 'return_keys', 'refund_deposit'],
  },
};

/** Chinese names people read in chat. */
export const APPROVAL_LABELS: Record<ApprovalType, string> = Object.fromEntries(
  Object.entries(APPROVAL_TYPE_DEFS).map(([t, d]) => [t, d.label]),
) as Record<ApprovalType, string>;

export interface ChainOptions {
  /** Key kept past the same day: needs the manager's consent. */
  readonly keptOvernight?: boolean;
  /** Archive copying: needs the property manager; important documents a vice-president. */
  readonly copying?: 'none' | 'copy' | 'important';
}

const holds = (c: StepCondition, o: ChainOptions): boolean => {
  switch (c) {
    case 'overnight':
      return o.keptOvernight === true;
    case 'copying':
      return o.copying === 'copy' || o.copying === 'important';
    case 'important':
      return o.copying === 'important';
  }
};

/** The steps for one request: the type's chain with the conditional steps that apply. */
export const chainFor = (type: ApprovalType, opts: ChainOptions = {}): Role[] =>
  APPROVAL_TYPE_DEFS[type].steps.filter((s) => !s.when || holds(s.when, opts)).map((s) => s.role);

/**
 * The conditions a requester may declare when filing: those `opts` name, less the ones the type
 * leaves to someone else to mark (an archive file is important because the clerk says so).
 */
export const declaredConditions = (type: ApprovalType, opts: ChainOptions = {}): StepCondition[] => {
  const marked = new Set((APPROVAL_TYPE_DEFS[type].marks ?? []).map((m) => m.condition));
  return STEP_CONDITIONS.filter((c) => holds(c, opts) && !marked.has(c));
};

/** The roles of a type's chain under `conditions` (unconditional steps and those whose condition holds). */
export const stepsFor = (type: ApprovalType, conditions: readonly StepCondition[]): Role[] =>
  APPROVAL_TYPE_DEFS[type].steps.filter((s) => !s.when || conditions.includes(s.when)).map((s) => s.role);

/** The mark `person` could put on a request of `type` with `conditions` now, if any. */
export const markFor = (
  type: ApprovalType,
  conditions: readonly StepCondition[],
  roles: readonly Role[],
): StepCondition | undefined =>
  (APPROVAL_TYPE_DEFS[type].marks ?? []).find(
    (m) =>
      roles.includes(m.by) &&
      !conditions.includes(m.condition) &&
      (!m.requires || conditions.includes(m.requires)),
  )?.condition;

/** The roles a mark adds to the chain (the type's steps that only that condition brings). */
export const stepsMarkedBy = (type: ApprovalType, condition: StepCondition): Role[] =>
  APPROVAL_TYPE_DEFS[type].steps.filter((s) => s.when === condition).map((s) => s.role);

/**
 * How a shop's goods-release slips are signed (chosen at move-in): any registered signer; all of
 * them; the occupant only; or a registered signer confirms first (a request from anyone else at
 * the shop goes to a signer for confirmation before the senior assistant).
 */
export const RELEASE_SIGNATURE_MODES = [
  'any_signer',
  'all_signers',
  'owner_only',
  'signer_confirms',
] as const;
export type ReleaseSignatureMode = (typeof RELEASE_SIGNATURE_MODES)[number];

/** A shop's goods-release signature arrangement (chosen at move-in). */
export interface ReleaseSigners {
  readonly mode: ReleaseSignatureMode;
  readonly occupantName: string;
  readonly signers: readonly { readonly name: string; readonly personId?: string }[];
}

const isSigner = (s: ReleaseSigners['signers'][number], p: PersonView): boolean =>
  s.personId ? s.personId === p.id : s.name === p.name;

/**
 * True when a shop's request from `requester` must first be confirmed by one of its registered
 * signers: a goods release, in `signer_confirms` mode, from a tenant of the shop who is not one.
 */
export const needsSignerConfirmation = (
  type: ApprovalType,
  requester: PersonView,
  shop: { readonly code: string; readonly release: ReleaseSigners | null },
): boolean => {
  const r = shop.release;
  return Boolean(
    APPROVAL_TYPE_DEFS[type].shopSignerOnly &&
      requester.kind === 'tenant' &&
      r?.mode === 'signer_confirms' &&
      r.signers.length > 0 &&
      !r.signers.some((s) => isSigner(s, requester)),
  );
};

/**
 * Why `requester` may not file a request of `type` for `shop` (words for them), or undefined.
 * Goods release: only a registered signer of the shop; in `owner_only` mode only the occupant.
 */
export const filingRefusal = (
  type: ApprovalType,
  requester: PersonView,
  shop: { readonly code: string; readonly release: ReleaseSigners | null },
): string | undefined => {
  const def = APPROVAL_TYPE_DEFS[type];
  if (def.askers === 'staff' && requester.kind !== 'staff')
    return `${def.label}仅限本公司员工申请，请联系前台。`;
  if (def.askers === 'tenant' && requester.kind !== 'tenant')
    return `${def.label}须由商户本人申请，请让商户在企业微信或钉钉中提交。`;
  if (def.shopSignerOnly && requester.kind === 'tenant') {
    const r = shop.release;
    if (!r || r.signers.length === 0)
      return `铺位 ${shop.code || '（未知）'} 尚未登记物品放行签字人，请先到客服中心登记。`;
    const names = r.signers.map((s) => s.name).join('、');
    if (r.mode === 'owner_only' && requester.name !== r.occupantName)
      return `铺位 ${shop.code} 登记为仅限铺主（${r.occupantName}）签字放行，您的申请不能受理。`;
    if (r.mode === 'signer_confirms' && !requester.shopCodes.includes(shop.code))
      return `您不是铺位 ${shop.code} 的商户，申请不能受理。`;
    if (r.mode !== 'signer_confirms' && !r.signers.some((s) => isSigner(s, requester)))
      return `您不是铺位 ${shop.code} 登记的物品放行签字人（登记签字人：${names}），申请不能受理。请由登记签字人提交，或到客服中心变更登记。`;
  }
  return undefined;
};

export { ROLE_LABELS } from '../people/people.types.js';

/** Chinese names of a request's states. */
export const APPROVAL_STATUS_LABELS: Record<ApprovalStatus, string> = {
  pending: '审批中',
  approved: '已通过',
  rejected: '已驳回',
  cancelled: '已撤回',
  released: '已放行',
  expired: '已过期（未使用）',
  handed_over: '已领取（借出中）',
  returned: '已归还',
  handing_out: '已出档，待借阅人确认',
  checked_out: '借阅中（待归档）',
  returning: '已归档，待借阅人确认',
  filed_back: '已归档',
  completed: '已办结',
};
