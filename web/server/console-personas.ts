import { isOnShift } from '../../src/domain/duty/duty.rules.js';
import type { Shift, StaffRole } from '../../src/domain/people/people.types.js';
import type { WorkSchedule } from '../../src/lib/calendar/work-schedule.js';
import { DEMO_STAFF, DEMO_TENANT_UNITS, demoShops } from '../../src/seed/demo-mall.js';
import type { Persona } from '../shared/console-api.js';

/** Role names as the rulebook writes them (DOMAIN.md, People). */
export const ROLE_LABELS: Readonly<Record<StaffRole, string>> = {
  assistant: '物业助理',
  cs_clerk: '客服文员（前台）',
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

const SHIFT_NAMES: Readonly<Record<Shift, string>> = { early: '早班', middle: '中班', night: '夜班' };
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const hm = (min: number) =>
  `${String(Math.floor(min / 60) % 24).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/** `早班 08:00–16:00（每天）`, `早班 08:00–16:00（周一至周五）`, joined for several shifts. */
export const describeShifts = (
  schedule: WorkSchedule,
  person: {
    readonly roles: readonly StaffRole[];
    readonly duty: readonly { weekday: number; shift: Shift }[];
  },
): string => {
  const duty = person.duty;
  const byShift = new Map<Shift, number[]>();
  for (const d of duty) byShift.set(d.shift, [...(byShift.get(d.shift) ?? []), d.weekday]);
  return [...byShift]
    .map(([shift, days]) => {
      const span = schedule.hoursOf(person, shift);
      const sorted = [...new Set(days)].sort();
      const when =
        sorted.length === 7
          ? '每天'
          : sorted.join(',') === '1,2,3,4,5'
            ? '周一至周五'
            : sorted.map((d) => WEEKDAYS[d]).join('、');
      return `${SHIFT_NAMES[shift]} ${hm(span.startMin)}–${hm(span.endMin)}（${when}）`;
    })
    .join('；');
};

/**
 * Every demo account `npm run dev` seeds, as the console lists them: tenants by shop, staff by role
 * with whether they are on duty at `now` (the bot's own work schedule: shift hours, holidays).
 */
export const demoPersonas = (now: Date, schedule: WorkSchedule): Persona[] => {
  const shops = new Map(demoShops().map((s) => [s.code, s]));
  const tenants = DEMO_TENANT_UNITS.map((unit): Persona => {
    const shop = shops.get(unit);
    return {
      userId: `tenant-${unit.toLowerCase()}`,
      kind: 'tenant',
      name: shop?.occupantName ?? '商户',
      label: `${unit} ${shop?.shopName ?? ''}`.trim(),
      shifts: '',
    };
  });
  const staff = DEMO_STAFF.map(
    (s): Persona => ({
      userId: s.account,
      kind: 'staff',
      name: s.name,
      label: s.roles.map((r) => ROLE_LABELS[r]).join('、'),
      shifts: s.duty.length > 0 ? describeShifts(schedule, s) : '不排班',
      onDuty: isOnShift(schedule, s, now),
    }),
  );
  return [...tenants, ...staff];
};
