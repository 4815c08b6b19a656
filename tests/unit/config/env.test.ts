import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, secretValues } from '../../../src/config/env.js';

const BASE = { MONGODB_URI: 'mongodb://127.0.0.1:27017/mallbot', REDIS_URL: 'redis://127.0.0.1:6379' };
const WECOM = {
  WECOM_CORP_ID: 'ww1234567890',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'secret-value-xyz',
  WECOM_TOKEN: 'QDG6eK',
  WECOM_ENCODING_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
};

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
  return [];
};

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const c = loadConfig(BASE);
    expect(c).toMatchObject({
      port: 3000,
      tzBusiness: 'Asia/Shanghai',
      webhookMaxClockSkewS: 300,
      redisKeyPrefix: 'mallbot',
    });
    expect(c.roles).toEqual(['web', 'worker', 'scheduler']);
    expect(c.wecom).toBeUndefined();
    expect(c.dingtalk).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('enables WeCom when all its variables are set', () => {
    const c = loadConfig({ ...BASE, ...WECOM });
    expect(c.wecom).toMatchObject({
      corpId: 'ww1234567890',
      agentId: 1000002,
      apiBase: 'https://qyapi.weixin.qq.com/cgi-bin',
    });
  });

  it('names every bad variable at once', () => {
    const list = problems({
      ...WECOM,
      WECOM_ENCODING_AES_KEY: 'a'.repeat(40),
      PORT: 'eighty',
      TZ_BUSINESS: 'Mars/Olympus',
      ROLE: 'web,cron',
    });
    const text = list.join('\n');
    for (const name of [
      'MONGODB_URI',
      'REDIS_URL',
      'WECOM_ENCODING_AES_KEY',
      'PORT',
      'TZ_BUSINESS',
      'ROLE',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).not.toContain('secret-value-xyz');
  });

  it('requires a platform group to be complete', () => {
    const text = problems({ ...BASE, WECOM_CORP_ID: 'ww1' }).join('\n');
    expect(text).toContain('WECOM_SECRET is required');
    expect(text).toContain('WECOM_ENCODING_AES_KEY is required');
    expect(problems({ ...BASE, DINGTALK_APP_KEY: 'k', DINGTALK_APP_SECRET: 's' }).join()).toContain(
      'DINGTALK_ROBOT_CODE',
    );
  });

  it('accepts 0 to turn the replay window off and parses ROLE lists', () => {
    const c = loadConfig({ ...BASE, WEBHOOK_MAX_CLOCK_SKEW_S: '0', ROLE: 'worker, scheduler' });
    expect(c.webhookMaxClockSkewS).toBe(0);
    expect(c.roles).toEqual(['worker', 'scheduler']);
  });

  it('rejects a short admin token and lists secrets for redaction', () => {
    expect(problems({ ...BASE, ADMIN_TOKEN: 'short' }).join()).toContain('ADMIN_TOKEN');
    const c = loadConfig({ ...BASE, ...WECOM, ADMIN_TOKEN: 'a-very-long-admin-token' });
    expect(secretValues(c)).toEqual(
      expect.arrayContaining(['secret-value-xyz', 'a-very-long-admin-token', WECOM.WECOM_ENCODING_AES_KEY]),
    );
  });
});
