import { describe, expect, it } from 'vitest';
import { dayjs } from '../../src/lib/business-time.js';
import { parseMessage } from '../../src/nlu/parse.js';

const now = dayjs.tz('2026-11-30 10:00', 'Asia/Shanghai');

describe('questions about earlier reports are status questions, never new reports', () => {
  it.each([
    '我报的漏水修好了吗',
    '投诉有结果了吗',
    'WX20261129-001 怎么样了',
    '上周那个单呢',
    '我的报修怎么样了',
    '空调修好了没',
    '我昨天投诉的噪音处理了吗',
    '之前申请的放行批了吗',
  ])('%s', (text) => {
    expect(parseMessage(text, { now }).intent).toBe('query_status');
  });

  it.each([
    ['铺里漏水了', 'repair'],
    ['隔壁太吵了', 'complaint'],
    ['我投诉隔壁天天放音乐', 'complaint'],
  ])('new reports stay reports: %s → %s', (text, intent) => {
    expect(parseMessage(text, { now }).intent).toBe(intent);
  });
});
