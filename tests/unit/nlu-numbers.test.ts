import { describe, expect, it } from 'vitest';
import { hasNoWords, normalizeText } from '../../src/nlu/normalize.js';
import { parseChineseNumber } from '../../src/nlu/numbers.js';

describe('parseChineseNumber', () => {
  it.each([
    ['两', 2],
    ['三', 3],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十五', 25],
    ['一百零八', 108],
    ['三百五', 350],
    ['一千二百', 1200],
    ['一万二', 12000],
    ['56', 56],
    ['12.5', 12.5],
    ['一九八', 198],
  ])('%s = %d', (s, n) => {
    expect(parseChineseNumber(s)).toBe(n);
  });

  it('refuses non-numbers', () => {
    expect(parseChineseNumber('衣服')).toBeUndefined();
    expect(parseChineseNumber('')).toBeUndefined();
  });
});

describe('normalizeText', () => {
  it('turns full-width letters, digits and dashes half-width', () => {
    expect(normalizeText('  Ｂ１－２３　隔壁太吵  ')).toBe('B1-23 隔壁太吵');
  });
  it('detects emoji-only input', () => {
    expect(hasNoWords('😡😡👍')).toBe(true);
    expect(hasNoWords('！！！')).toBe(true);
    expect(hasNoWords('漏水😡')).toBe(false);
  });
});
