import type { TargetState } from '../../web/shared/dashboard-api.js';
import type { PersonView, Role } from '../domain/people/people.types.js';
import type { DashboardScope } from '../persistence/repositories/dashboard.repository.js';

/** Roles that see every ticket on the dashboard; the others see their floors' and their own. */
export const FULL_VIEW_ROLES: readonly Role[] = [
  'manager',
  'deputy_manager',
  'leader',
  'senior_assistant',
  'cs_clerk',
];

/** Queue health (Bull Board) is for the manager only. */
export const QUEUE_BOARD_ROLES: readonly Role[] = ['manager'];

/** A target this close is "due soon". */
export const DUE_SOON_MS = 2 * 3600_000;

/** Whether a person may open the dashboard at all (active staff; never a tenant). */
export const mayOpenDashboard = (p: PersonView | null): p is PersonView =>
  p !== null && p.kind === 'staff' && p.active && !p.roles.includes('tenant');

export const scopeFor = (p: PersonView, floors: readonly string[]): DashboardScope =>
  p.roles.some((r) => FULL_VIEW_ROLES.includes(r)) ? { all: true } : { all: false, floors, personId: p.id };

export const mayUseQueueBoard = (p: PersonView): boolean =>
  p.roles.some((r) => QUEUE_BOARD_ROLES.includes(r));

/** On time, due soon or overdue against the target time; an escalated ticket is overdue. */
export const targetState = (
  dueAt: Date | undefined,
  escalationLevel: number,
  now: Date,
  soonMs = DUE_SOON_MS,
): TargetState => {
  if (escalationLevel > 0) return 'overdue';
  if (!dueAt) return 'none';
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return 'overdue';
  return left <= soonMs ? 'due_soon' : 'on_time';
};

/** One CSV field (RFC 4180 quoting; a leading =+-@ is defused so Excel does not run it). */
const csvField = (v: string): string => {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** CSV text for Excel: UTF-8 with a byte-order mark, CRLF line ends. */
export const toCsv = (header: readonly string[], rows: readonly (readonly string[])[]): string =>
  `\uFEFF${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
