import { describe, expect, it } from 'vitest';
import { DASHBOARD_LOGIN } from '../../../handlers/dashboard-login.handler.js';
import { hashToken } from '../../../src/dashboard/dashboard-login.js';
import {
  mayOpenDashboard,
  mayUseQueueBoard,
  scopeFor,
  targetState,
  toCsv,
} from '../../../src/dashboard/dashboard-rules.js';
import type { PersonView, Role } from '../../../src/domain/people/people.types.js';

const person = (roles: Role[], kind: 'staff' | 'tenant' = 'staff', active = true): PersonView => ({
  id: '6b0c74ea98d08afb4e6d9fb2',
  name: 'x',
  kind,
  roles,
  shopCodes: [],
  phone: '',
  employeeNo: undefined,
  active,
  duty: [],
});

describe('dashboard rules', () => {
  const now = new Date('2026-11-30T02:00:00Z');
  const at = (min: number) => new Date(now.getTime() + min * 60_000);

  it('reads a target as on time, due soon (within 2 hours), overdue, or none; escalated is overdue', () => {
    expect(targetState(at(180), 0, now)).toBe('on_time');
    expect(targetState(at(120), 0, now)).toBe('due_soon');
    expect(targetState(at(1), 0, now)).toBe('due_soon');
    expect(targetState(at(-1), 0, now)).toBe('overdue');
    expect(targetState(undefined, 0, now)).toBe('none');
    expect(targetState(at(600), 1, now)).toBe('overdue');
  });

  it('lets active staff in, never a tenant or someone who left; the manager alone sees the queues', () => {
    expect(mayOpenDashboard(person(['assistant']))).toBe(true);
    expect(mayOpenDashboard(person(['tenant'], 'tenant'))).toBe(false);
    expect(mayOpenDashboard(person(['manager'], 'staff', false))).toBe(false);
    expect(mayOpenDashboard(null)).toBe(false);
    expect(mayUseQueueBoard(person(['manager']))).toBe(true);
    expect(mayUseQueueBoard(person(['deputy_manager']))).toBe(false);
  });

  it('scopes an assistant to their floors and their own tickets, a manager to everything', () => {
    expect(scopeFor(person(['manager']), [])).toEqual({ all: true });
    expect(scopeFor(person(['senior_assistant']), [])).toEqual({ all: true });
    expect(scopeFor(person(['assistant']), ['B1'])).toEqual({
      all: false,
      floors: ['B1'],
      personId: '6b0c74ea98d08afb4e6d9fb2',
    });
  });

  it('writes CSV for Excel: a BOM, CRLF, quoted fields, formulas defused', () => {
    const csv = toCsv(
      ['单号', '内容'],
      [
        ['WX1', '漏水, "很急"'],
        ['WX2', '=HYPERLINK("x")'],
      ],
    );
    expect(csv.startsWith('\uFEFF单号,内容\r\n')).toBe(true);
    expect(csv).toContain('WX1,"漏水, ""很急"""\r\n');
    expect(csv).toContain(`WX2,"'=HYPERLINK(""x"")"\r\n`);
  });

  it('understands 登录后台 and its variants, nothing else', () => {
    for (const t of ['登录后台', '后台登录', '打开后台', '登陆后台', '管理后台'])
      expect(DASHBOARD_LOGIN.test(t)).toBe(true);
    for (const t of ['后台怎么登录', '登录', '铺里漏水了']) expect(DASHBOARD_LOGIN.test(t)).toBe(false);
  });

  it('stores tokens only as their hash', () => {
    const token = 'a'.repeat(43);
    expect(hashToken(token)).not.toContain(token);
    expect(hashToken(token)).toHaveLength(43);
  });
});
