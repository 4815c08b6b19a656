import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/env.js';

const BASE = { MONGODB_URI: 'mongodb://127.0.0.1:27017/mallbot', REDIS_URL: 'redis://127.0.0.1:6379' };

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
  return [];
};

describe('inspection figures in the configuration', () => {
  it('defaults to the rulebook’s figures: third offence, 2 hours, 60000 yuan less 50 a point', () => {
    expect(loadConfig(BASE).inspections).toEqual({
      repeatThreshold: 3,
      defaultFixMinutes: 120,
      cleaningContract: { monthlyFeeYuan: 60_000, yuanPerPoint: 50 },
    });
  });

  it('takes the mall’s own figures', () => {
    const c = loadConfig({
      ...BASE,
      VIOLATION_REPEAT_THRESHOLD: '2',
      VIOLATION_FIX_MINUTES: '30',
      CLEANING_MONTHLY_FEE_YUAN: '48000',
      CLEANING_YUAN_PER_POINT: '80',
    });
    expect(c.inspections).toEqual({
      repeatThreshold: 2,
      defaultFixMinutes: 30,
      cleaningContract: { monthlyFeeYuan: 48_000, yuanPerPoint: 80 },
    });
  });

  it('names every bad figure at once', () => {
    const text = problems({
      ...BASE,
      VIOLATION_REPEAT_THRESHOLD: '1',
      VIOLATION_FIX_MINUTES: 'two hours',
      CLEANING_MONTHLY_FEE_YUAN: '0',
      CLEANING_YUAN_PER_POINT: '-5',
    }).join('\n');
    for (const name of [
      'VIOLATION_REPEAT_THRESHOLD',
      'VIOLATION_FIX_MINUTES',
      'CLEANING_MONTHLY_FEE_YUAN',
      'CLEANING_YUAN_PER_POINT',
    ])
      expect(text).toContain(name);
  });
});
