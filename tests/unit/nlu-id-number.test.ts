import { describe, expect, it } from 'vitest';
import { extractIdNumber, redactIdNumbers } from '../../src/nlu/slots/contact.js';

describe('ID numbers in every written form', () => {
  it.each([
    ['full-width', '身份证１１０１０５１９４９１２３１００２Ｘ'],
    ['grouped 6-8-4', '身份证 110105 19491231 002X'],
    ['grouped by four', '1101 0519 4912 3100 2x'],
    ['dashes', '110105-19491231-002X'],
    ['ideographic spaces, full-width x', '１１０１０５　１９４９１２３１　００２ｘ'],
    ['one space between every digit', '1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2 X'],
  ])('masks the %s form', (_name, text) => {
    const out = redactIdNumbers(text);
    expect(out).toContain('110***********002X');
    expect(out.replace(/[\s\u3000-]/g, '')).not.toMatch(/11010519491231002/);
    expect(extractIdNumber(text)).toEqual({ masked: '110***********002X', valid: true });
  });

  it('leaves phone numbers and order numbers side by side alone', () => {
    for (const text of ['电话 13800138000 13900139000', '订单 123456 789012 345678', '138 0013 8000']) {
      expect(redactIdNumbers(text)).toBe(text);
    }
  });

  it('masks an ID next to a phone number without touching the phone', () => {
    expect(redactIdNumbers('110105-19491231-002X 13800138000')).toBe('110***********002X 13800138000');
  });
});
