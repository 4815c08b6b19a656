import { describe, expect, it } from 'vitest';
import { cleaningMachine } from '../../../src/domain/cleaning/cleaning.machine.js';
import { deductionItem, settle } from '../../../src/domain/cleaning/cleaning.standard.js';
import { disputeMachine } from '../../../src/domain/dispute/dispute.machine.js';
import { patrolMachine } from '../../../src/domain/patrol/patrol.machine.js';
import { classifyFinding, findingText, shiftAtMinute } from '../../../src/domain/patrol/patrol.rules.js';
import { violationMachine } from '../../../src/domain/violation/violation.machine.js';
import { fixMinutesIn } from '../../../src/domain/violation/violation.rules.js';
import { expectExactly } from './machine-check.js';

/** `expectExactly` makes every guard pass, so the aggregate is never read. */
const unread = <T>(): T => ({}) as T;

/** The inspection lifecycles, written out by hand from the rulebook (4.1.7, 6, 9.3). */
describe('inspection machines', () => {
  it('patrol: the walker ends it, a senior assistant reviews it (4.1.7)', () => {
    expectExactly(
      patrolMachine,
      ['walking end walker -> submitted', 'submitted review reviewer -> reviewed'],
      unread(),
    );
  });

  it('violation: fix-by, re-inspection, notice, signature; a meeting once escalated (9.3.1)', () => {
    const ANY = ['open', 'recheck', 'rectified', 'noticed', 'signed'];
    expectExactly(
      violationMachine,
      [
        'open remind system -> recheck',
        ...['open', 'recheck'].flatMap((s) =>
          ['inspector', 'supervisor'].flatMap((p) => [
            `${s} rectified ${p} -> rectified`,
            `${s} warn ${p} -> noticed`,
            `${s} breach_notice ${p} -> noticed`,
          ]),
        ),
        'noticed sign tenant -> signed',
        ...ANY.map((s) => `${s} meet supervisor -> =`),
      ],
      unread(),
    );
  });

  it('cleaning: the contractor confirms or disputes; the senior assistant decides a dispute (6)', () => {
    expectExactly(
      cleaningMachine,
      [
        'pending confirm contractor -> confirmed',
        'pending dispute contractor -> disputed',
        'disputed uphold supervisor -> upheld',
        'disputed waive supervisor -> waived',
      ],
      unread(),
    );
  });

  it('dispute: settled, or referred to the regulator or the police (9.3.2)', () => {
    expectExactly(
      disputeMachine,
      [
        ...['mediator', 'supervisor'].flatMap((p) => [
          `mediating settle ${p} -> settled`,
          `referred settle ${p} -> settled`,
          `mediating refer_regulator ${p} -> referred`,
          `mediating call_police ${p} -> referred`,
          `referred call_police ${p} -> referred`,
        ]),
      ],
      unread(),
    );
  });
});

describe('inspection rules', () => {
  it('classifies findings by their words, an explicit label first', () => {
    expect(classifyFinding('2楼洗手间地面有垃圾')).toBe('hygiene');
    expect(classifyFinding('205 到10点还未开门营业')).toBe('attendance');
    expect(classifyFinding('B1-05 门口堆放货物')).toBe('covenant');
    expect(classifyFinding('3F扶梯旁的照明灯坏了不亮')).toBe('facility');
    expect(classifyFinding('A1023 灯箱广告未报批')).toBe('signage');
    expect(classifyFinding('205 装修动火没有审批')).toBe('renovation');
    expect(classifyFinding('B1 安全出口被货物堵塞')).toBe('fire_safety');
    expect(classifyFinding('中庭有顾客晕倒')).toBe('emergency');
    expect(classifyFinding('消防：B1-05 门口堆放货物')).toBe('fire_safety');
    expect(classifyFinding('今天一切正常')).toBeUndefined();
    expect(findingText('消防：B1-05 门口堆放货物')).toBe('B1-05 门口堆放货物');
  });

  it('puts a patrol in its shift; the overlap belongs to the later shift', () => {
    const hours = {
      early: { startMin: 8 * 60, endMin: 16 * 60 },
      middle: { startMin: 14 * 60, endMin: 22 * 60 },
      night: { startMin: 22 * 60, endMin: 8 * 60 },
    };
    expect(shiftAtMinute(10 * 60, hours)).toBe('early');
    expect(shiftAtMinute(15 * 60, hours)).toBe('middle');
    expect(shiftAtMinute(23 * 60, hours)).toBe('night');
    expect(shiftAtMinute(3 * 60, hours)).toBe('night');
  });

  it('reads the fix-by time an assistant gives', () => {
    expect(fixMinutesIn('限1小时整改')).toBe(60);
    expect(fixMinutesIn('30分钟内清理')).toBe(30);
    expect(fixMinutesIn('限两小时')).toBe(120);
    expect(fixMinutesIn('一天内整改')).toBe(24 * 60);
    expect(fixMinutesIn('马上整改')).toBeUndefined();
  });

  it('finds standard items by code and settles a month', () => {
    expect(deductionItem('c2')?.code).toBe('C02');
    expect(deductionItem('C01')?.points).toBe(2);
    expect(deductionItem('C99')).toBeUndefined();
    expect(settle(5, { monthlyFeeYuan: 60_000, yuanPerPoint: 50 })).toEqual({
      points: 5,
      deduction: 250,
      payable: 59_750,
      fee: 60_000,
    });
  });
});
