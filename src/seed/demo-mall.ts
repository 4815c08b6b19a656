import type { Shift, StaffRole } from '../domain/people/people.types.js';
import type { Db } from '../persistence/db.js';
import type { PeopleRepository } from '../persistence/repositories/people.repository.js';
import type { ShopRepository, ShopView } from '../persistence/repositories/shop.repository.js';
import type { Platform } from '../platforms/inbound-event.js';

/** Floors of the demo mall and how their unit codes are written (all forms the NLU must read). */
const FLOORS: readonly { floor: string; zone: string; codes: (i: number) => string; count: number }[] = [
  { floor: 'B1', zone: 'B1层', codes: (i) => `B1-${String(i).padStart(2, '0')}`, count: 24 },
  { floor: '1F', zone: 'A区', codes: (i) => `A10${String(i).padStart(2, '0')}`, count: 24 },
  { floor: '2F', zone: '二层', codes: (i) => `2${String(i).padStart(2, '0')}`, count: 12 },
  { floor: '3F', zone: '三层', codes: (i) => `3F-${String(i).padStart(2, '0')}`, count: 12 },
];

const TRADES = [
  '女装',
  '男装',
  '童装',
  '鞋包',
  '珠宝',
  '眼镜',
  '咖啡',
  '奶茶',
  '书店',
  '数码',
  '美妆',
  '家居',
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙'];

export const demoShops = (): ShopView[] =>
  FLOORS.flatMap(({ floor, zone, codes, count }, f) =>
    Array.from({ length: count }, (_, k) => {
      const i = k + 1;
      const owner = (i + f) % 3 === 0;
      const surname = SURNAMES[(i + f * 5) % SURNAMES.length] ?? '王';
      const area = 30 + ((i * 37 + f * 11) % 150);
      return {
        code: codes(i),
        floor,
        zone,
        areaM2: area,
        occupancy: owner ? 'owner' : 'renter',
        shopName: `${surname}记${TRADES[(i + f) % TRADES.length] ?? '百货'}`,
        occupantName: `${surname}先生`,
        mgmtUnitPrice: owner ? 35 : i % 2 === 0 ? 30 : 35,
        ...(owner ? { purchasePrice: area * 28_000 } : {}),
        contacts: [
          {
            name: `${surname}先生`,
            phone: `138${String(10_000_000 + i * 7919 + f * 104_729).slice(0, 8)}`,
            title: '店主',
          },
        ],
        releaseSignatureMode: i % 4 === 0 ? 'all_signers' : 'any_signer',
        releaseSigners: [{ name: `${surname}先生` }],
      } satisfies ShopView;
    }),
  );

const DAYS = [0, 1, 2, 3, 4, 5, 6];
const rota = (shift: Shift, days = DAYS) => days.map((weekday) => ({ weekday, shift }));

/** Demo staff: every role, with a duty roster, each bound to demo WeCom and DingTalk accounts. */
export const DEMO_STAFF: readonly {
  employeeNo: string;
  name: string;
  roles: StaffRole[];
  duty: { weekday: number; shift: Shift }[];
  account: string;
  /** Floors the person looks after (assistants: what the dashboard shows them). */
  floors?: string[];
}[] = [
  {
    employeeNo: 'E001',
    name: '刘助理',
    roles: ['assistant'],
    duty: rota('early'),
    account: 'staff-liu',
    floors: ['B1', '1F'],
  },
  {
    employeeNo: 'E002',
    name: '黄助理',
    roles: ['assistant'],
    duty: rota('middle'),
    account: 'staff-huang',
    floors: ['2F', '3F'],
  },
  {
    employeeNo: 'E003',
    name: '周文员',
    // 7.2.1: the front desk names someone to keep the archive; in the demo mall it is 周文员.
    roles: ['cs_clerk', 'archive_clerk'],
    duty: rota('early', [1, 2, 3, 4, 5]),
    account: 'staff-zhou',
  },
  {
    employeeNo: 'E004',
    name: '陈主管',
    roles: ['senior_assistant'],
    duty: rota('early'),
    account: 'staff-chen',
  },
  {
    employeeNo: 'E005',
    name: '林主管',
    roles: ['senior_assistant'],
    duty: [...rota('middle'), ...rota('night')],
    account: 'staff-lin',
  },
  {
    employeeNo: 'E006',
    name: '吴副经理',
    roles: ['deputy_manager'],
    duty: rota('early', [1, 2, 3, 4, 5]),
    account: 'staff-wu',
  },
  {
    employeeNo: 'E007',
    name: '郑经理',
    roles: ['manager'],
    duty: rota('early', [1, 2, 3, 4, 5]),
    account: 'staff-zheng',
  },
  { employeeNo: 'E008', name: '孙总', roles: ['leader'], duty: [], account: 'staff-sun' },
  {
    employeeNo: 'E009',
    name: '马工',
    roles: ['engineering'],
    duty: [...rota('early'), ...rota('night')],
    account: 'staff-ma',
  },
  {
    employeeNo: 'E010',
    name: '老赵',
    roles: ['security'],
    duty: [...rota('middle'), ...rota('night')],
    account: 'staff-zhao',
  },
  {
    employeeNo: 'E012',
    name: '何主管',
    roles: ['cleaning_contractor'],
    duty: [...rota('early'), ...rota('middle')],
    account: 'cleaner-he',
  },
  {
    employeeNo: 'E020',
    name: '蔡会计',
    roles: ['finance'],
    duty: rota('early', [1, 2, 3, 4, 5]),
    account: 'staff-cai',
  },
];

/** A few tenants bound to shops: their demo chat accounts are `tenant-<unit>`. */
export const DEMO_TENANT_UNITS = ['B1-23', 'A1023', '205', '3F-12'];

export interface SeedResult {
  readonly shops: number;
  readonly staff: number;
  readonly tenants: number;
}

/** Loads the demo mall. Idempotent: running it again changes nothing and duplicates nothing. */
export const seedDemoMall = async (
  db: Db,
  shops: ShopRepository,
  people: PeopleRepository,
  platforms: readonly Platform[] = ['wecom', 'dingtalk'],
): Promise<SeedResult> => {
  const all = demoShops();
  for (const s of all) await shops.upsert(s);
  for (const s of DEMO_STAFF) {
    const p = await people.upsertStaff({ ...s, kind: 'staff' });
    if (s.floors) await db.models.Person.updateOne({ _id: p.id }, { $set: { floors: s.floors } });
    for (const platform of platforms) await people.bindIdentity(platform, s.account, p.id, 'seed');
  }
  let tenants = 0;
  for (const unit of DEMO_TENANT_UNITS) {
    const shop = all.find((s) => s.code === unit);
    const name = shop?.occupantName ?? '商户';
    const row = await db.models.Person.findOneAndUpdate(
      { kind: 'tenant', shopCodes: unit, name },
      {
        $setOnInsert: {
          kind: 'tenant',
          roles: ['tenant'],
          shopCodes: [unit],
          name,
          phone: shop?.contacts[0]?.phone ?? '',
          duty: [],
          active: true,
        },
      },
      { upsert: true, new: true },
    ).lean();
    if (!row) continue;
    tenants++;
    for (const platform of platforms) {
      await people.bindIdentity(platform, `tenant-${unit.toLowerCase()}`, row._id.toString(), 'seed');
    }
  }
  return { shops: all.length, staff: DEMO_STAFF.length, tenants };
};
