import { describe, expect, it } from 'vitest';
import { dayjs } from '../../src/lib/business-time.js';
import { normalizeText } from '../../src/nlu/normalize.js';
import { extractIdNumber, extractPhone, idChecksumOk, redactIdNumbers } from '../../src/nlu/slots/contact.js';
import { extractPlace } from '../../src/nlu/slots/place.js';
import { extractArea, extractQuantities } from '../../src/nlu/slots/quantity.js';
import { extractUnit } from '../../src/nlu/slots/unit.js';
import { extractUrgency } from '../../src/nlu/slots/urgency.js';
import { extractWhen } from '../../src/nlu/slots/when.js';

const TZ = 'Asia/Shanghai';
/** Sunday 2026-11-29, 10:00 in Shanghai. */
const SUNDAY = dayjs.tz('2026-11-29 10:00', TZ);
const REGISTRY = new Set(['A1023', 'B1-23', 'B1-05', '3F-12', '205', '212']);

describe('unit codes', () => {
  it.each([
    ['A1023门口有积水', 'A1023'],
    ['A区1023的灯不亮', 'A1023'],
    ['a1023', 'A1023'],
    ['B1-23隔壁音乐太吵', 'B1-23'],
    ['b1－23', 'B1-23'],
    ['Ｂ１－２３铺漏水', 'B1-23'],
    ['B1 5号', 'B1-05'],
    ['负一楼23号铺', 'B1-23'],
    ['3F-12空调坏了', '3F-12'],
    ['3f12', '3F-12'],
    ['三楼12号铺', '3F-12'],
    ['205铺空调不制冷', '205'],
    ['205号铺', '205'],
    ['二楼205', '205'],
    ['2楼12号', '212'],
    ['我是205的', '205'],
  ])('%s → %s', (text, code) => {
    expect(extractUnit(normalizeText(text), REGISTRY)).toMatchObject({ code, verified: true });
  });

  it.each([
    ['D3-15隔壁太吵', 'D3-15'],
    ['d3 15漏水', 'D3-15'],
    ['D315铺漏水', 'D3-15'],
    ['E1-07', 'E1-07'],
    ['e107的工单', 'E1-07'],
    ['Ｅ１－０７门口', 'E1-07'],
    ['F2-10', 'F2-10'],
  ])('block-floor-number codes of other malls: %s → %s', (text, code) => {
    const other = new Set(['D3-15', 'E1-07', 'F2-10', 'A1023']);
    expect(extractUnit(normalizeText(text), other)).toMatchObject({ code, verified: true });
  });

  it('an unknown block-floor-number code is reported in canonical form, never dropped', () => {
    expect(extractUnit('D3-15隔壁太吵', REGISTRY)).toMatchObject({ code: 'D3-15', verified: false });
    expect(extractUnit('e1 7漏水', REGISTRY)).toMatchObject({ code: 'E1-07', verified: false });
  });

  it('does not take quantities, times or phone numbers for units', () => {
    expect(extractUnit('明天早上8点出10箱衣服', REGISTRY)).toBeUndefined();
    expect(extractUnit('电话13800138000', REGISTRY)).toBeUndefined();
    expect(extractUnit('3楼东侧洗手间好臭', REGISTRY)).toBeUndefined();
  });

  it('reports a well-formed code the registry lacks as unverified', () => {
    expect(extractUnit('C9999漏水', REGISTRY)).toMatchObject({ code: 'C9999', verified: false });
    expect(extractUnit('999号铺', REGISTRY)).toMatchObject({ code: '999', verified: false });
    expect(extractUnit('漏水了 888', REGISTRY)).toBeUndefined();
  });
});

describe('places', () => {
  it.each([
    ['3楼东侧洗手间好臭', '3楼东侧洗手间', '3F'],
    ['东门有人摆摊', '东门', undefined],
    ['中庭的灯坏了', '中庭', undefined],
    ['地下车库B区积水', '地下车库B区', undefined],
    ['负一楼电梯', '负一楼电梯', 'B1'],
    ['二楼扶梯', '二楼扶梯', '2F'],
  ])('%s → %s', (text, place, floor) => {
    const p = extractPlace(text);
    expect(p?.text).toBe(place);
    expect(p?.floor).toBe(floor);
  });
});

describe('quantities and area', () => {
  it('reads goods with measure words in either script', () => {
    expect(extractQuantities('明天早上8点出10箱衣服')).toEqual([
      { value: 10, measure: '箱', item: '衣服', raw: '10箱衣服' },
    ]);
    expect(extractQuantities('两台冰箱和三个货架')).toMatchObject([
      { value: 2, measure: '台', item: '冰箱' },
      { value: 3, measure: '个', item: '货架' },
    ]);
    expect(extractQuantities('二十五件样衣')).toMatchObject([{ value: 25, item: '样衣' }]);
    expect(extractQuantities('十袋垃圾')).toMatchObject([{ value: 10, measure: '袋' }]);
  });

  it.each([
    ['我的铺56平方要交多少按金', 56],
    ['80平米', 80],
    ['120㎡', 120],
    ['一百二十平', 120],
    ['面积是 45 m2', 45],
  ])('%s → %d m²', (text, m2) => {
    expect(extractArea(normalizeText(text))?.m2).toBe(m2);
  });
});

describe('dates and times in the business zone (now = Sunday 2026-11-29 10:00)', () => {
  const at = (text: string) => extractWhen(text, SUNDAY);
  it.each([
    ['今晚', '2026-11-29', '20:00', true],
    ['明天下午3点', '2026-11-30', '15:00', false],
    ['明天早上8点', '2026-11-30', '08:00', false],
    ['周六下午', '2026-12-05', '15:00', true],
    ['下周一', '2026-11-30', undefined, true],
    ['下周一上午9点半', '2026-11-30', '09:30', false],
    ['这周日晚上8点', '2026-11-29', '20:00', false],
    ['月底', '2026-11-30', undefined, true],
    ['12月3日下午两点半', '2026-12-03', '14:30', false],
    ['后天中午12点', '2026-12-01', '12:00', false],
    ['8点', '2026-11-30', '08:00', false],
    ['晚上十点', '2026-11-29', '22:00', false],
    ['15:30', '2026-11-29', '15:30', false],
    ['5号', '2026-12-05', undefined, true],
    ['两小时后', '2026-11-29', '12:00', false],
  ])('%s → %s %s', (text, date, time, approximate) => {
    const w = at(text);
    expect(w?.date).toBe(date);
    expect(w?.time).toBe(time);
    expect(w?.approximate).toBe(approximate);
  });

  it('keeps the offset of the business zone', () => {
    expect(at('明天下午3点')?.iso).toBe('2026-11-30T15:00:00+08:00');
  });

  it('does not read "快一点" or unit numbers as times', () => {
    expect(at('快一点来修')).toBeUndefined();
    expect(at('3号铺漏水')).toBeUndefined();
  });
});

describe('contacts, ID numbers and urgency', () => {
  it('reads phone numbers', () => {
    expect(extractPhone('电话 138-0013-8000')).toBe('13800138000');
    expect(extractPhone('座机020-38881234')).toBe('020-38881234');
    expect(extractPhone('B1-23')).toBeUndefined();
  });

  it('masks ID numbers and checks their check digit', () => {
    const id = '11010519491231002X';
    expect(idChecksumOk(id)).toBe(true);
    expect(extractIdNumber(`身份证${id}`)).toEqual({ masked: '110***********002X', valid: true });
    expect(extractIdNumber('110105194912310021')?.valid).toBe(false);
    expect(redactIdNumbers(`借钥匙 身份证${id} 电话13800138000`)).toBe(
      '借钥匙 身份证110***********002X 电话13800138000',
    );
    expect(redactIdNumbers('身份证110105194912310021')).toBe('身份证[证件号校验不通过]');
    expect(extractIdNumber(redactIdNumbers(`身份证${id}`))).toEqual({
      masked: '110***********002X',
      valid: true,
    });
    expect(extractIdNumber(redactIdNumbers('身份证110105194912310021'))).toEqual({
      masked: '',
      valid: false,
    });
  });

  it.each([
    ['电梯里有人被困', 'emergency'],
    ['插座冒火花了', 'emergency'],
    ['漏水把货都泡了', 'emergency'],
    ['漏水到商品上了', 'emergency'],
    ['空调坏了很急', 'urgent'],
    ['马上来修', 'urgent'],
    ['灯不亮', 'normal'],
  ])('%s → %s', (text, u) => {
    expect(extractUrgency(text)).toBe(u);
  });
});

describe('items named before the count', () => {
  it.each([
    ['衣服 10箱', '衣服', 10],
    ['申请放行衣服5箱', '衣服', 5],
    ['要搬冰箱两台出去', '冰箱', 2],
    ['明天10箱', '', 10],
  ])('%s → %s × %d', (text, item, value) => {
    expect(extractQuantities(text)[0]).toMatchObject({ item, value });
  });
});
