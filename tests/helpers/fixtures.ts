import type { AppDeps } from '../../src/app/deps.js';
import type { ApprovalType, ApprovalView } from '../../src/domain/approval/approval.types.js';
import type { PersonView, Role, Shift } from '../../src/domain/people/people.types.js';
import { MessageBatch } from '../../src/outbound/message-batch.js';
import type { Platform } from '../../src/platforms/inbound-event.js';

const ALL_DAY: { weekday: number; shift: Shift }[] = [0, 1, 2, 3, 4, 5, 6].flatMap((weekday) =>
  (['early', 'middle', 'night'] as const).map((shift) => ({ weekday, shift })),
);

/** A staff member bound to platform accounts, on duty around the clock unless told otherwise. */
export const addStaff = async (
  deps: AppDeps,
  s: {
    name: string;
    roles: Role[];
    employeeNo: string;
    accounts: { platform: Platform; userId: string }[];
    onDuty?: boolean;
  },
): Promise<PersonView> => {
  const p = await deps.repos.people.upsertStaff({
    name: s.name,
    kind: 'staff',
    roles: s.roles,
    employeeNo: s.employeeNo,
    duty: s.onDuty === false ? [] : ALL_DAY,
  });
  for (const a of s.accounts) await deps.repos.people.bindIdentity(a.platform, a.userId, p.id, 'roster');
  return p;
};

/** A shop and its tenant, bound to platform accounts. */
export const addTenant = async (
  deps: AppDeps,
  t: {
    name: string;
    shopCode: string;
    accounts: { platform: Platform; userId: string }[];
    floor?: string;
    areaM2?: number;
  },
): Promise<PersonView> => {
  await deps.repos.shops.upsert({
    code: t.shopCode,
    floor: t.floor ?? '1F',
    zone: '',
    areaM2: t.areaM2 ?? 56,
    occupancy: 'renter',
    shopName: `${t.name}的店`,
    occupantName: t.name,
    mgmtUnitPrice: 35,
    contacts: [],
    releaseSignatureMode: 'any_signer',
    releaseSigners: [],
  });
  const p = await deps.repos.people.create({
    name: t.name,
    kind: 'tenant',
    roles: ['tenant'],
    shopCodes: [t.shopCode],
  });
  for (const a of t.accounts) await deps.repos.people.bindIdentity(a.platform, a.userId, p.id, 'admin');
  return p;
};

/** Files an approval request for a tenant, as the conversation would, and sends its cards. */
export const submitApproval = async (
  deps: AppDeps,
  r: {
    readonly type: ApprovalType;
    readonly requester: PersonView;
    readonly platform: Platform;
    readonly userId: string;
    readonly shopCode: string;
    readonly text: string;
    readonly sourceKey: string;
    readonly details?: { key: string; label: string; value: string }[];
  },
): Promise<ApprovalView> => {
  const batch = new MessageBatch(r.sourceKey, deps.repos.people, [r.platform]);
  const { approval: a, created } = await deps.services.approvals.submit({
    type: r.type,
    requester: r.requester,
    channel: { platform: r.platform, userId: r.userId, conversationId: '' },
    shopCode: r.shopCode,
    text: r.text,
    details: r.details ?? [],
    sourceKey: r.sourceKey,
  });
  if (created) await deps.services.notifier.approvalSubmitted(a, batch);
  await batch.flush(deps.outbound);
  return a;
};
