import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/env.js';

const BASE = { MONGODB_URI: 'mongodb://127.0.0.1:27017/mallbot', REDIS_URL: 'redis://127.0.0.1:6379' };
const PROD = { ...BASE, NODE_ENV: 'production' };
const STRONG = '9f2c4e1a7b3d5f60819a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70';
const DINGTALK = { DINGTALK_APP_KEY: 'dingkey', DINGTALK_APP_SECRET: 'sec', DINGTALK_ROBOT_CODE: 'dingkey' };

const problems = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
    return '';
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.join('\n');
    throw e;
  }
};

describe('production configuration refusals', () => {
  it('refuses WEBHOOK_MAX_CLOCK_SKEW_S=0 in production unless explicitly overridden', () => {
    expect(problems({ ...PROD, WEBHOOK_MAX_CLOCK_SKEW_S: '0' })).toContain('WEBHOOK_MAX_CLOCK_SKEW_S');
    expect(problems({ ...PROD, WEBHOOK_MAX_CLOCK_SKEW_S: '0', ALLOW_INSECURE: 'replay_window_off' })).toBe(
      '',
    );
    expect(problems({ ...BASE, NODE_ENV: 'development', WEBHOOK_MAX_CLOCK_SKEW_S: '0' })).toBe('');
  });

  it('refuses a low-entropy ADMIN_TOKEN in production unless explicitly overridden', () => {
    for (const weak of [
      'test-admin-token-0123456789',
      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      'passwordpasswordpasswordpassword12',
      '0101010101010101010101010101010101010101',
    ]) {
      const text = problems({ ...PROD, ADMIN_TOKEN: weak });
      expect(text, weak).toContain('ADMIN_TOKEN');
      expect(text, weak).not.toContain(weak);
    }
    expect(problems({ ...PROD, ADMIN_TOKEN: STRONG })).toBe('');
    expect(problems({ ...PROD, ADMIN_TOKEN: 'mK3vQ9xL2pR7sT4wY8zB1nC6dF5gH0jA' })).toBe('');
    expect(
      problems({ ...PROD, ADMIN_TOKEN: 'test-admin-token-0123456789', ALLOW_INSECURE: 'weak_admin_token' }),
    ).toBe('');
    expect(problems({ ...BASE, ADMIN_TOKEN: 'test-admin-token-0123456789' })).toBe('');
  });

  it('lists both refusals at once, and refuses an unknown override name', () => {
    const text = problems({ ...PROD, WEBHOOK_MAX_CLOCK_SKEW_S: '0', ADMIN_TOKEN: 'x'.repeat(40) });
    expect(text).toContain('WEBHOOK_MAX_CLOCK_SKEW_S');
    expect(text).toContain('ADMIN_TOKEN');
    expect(problems({ ...PROD, ALLOW_INSECURE: 'everything' })).toContain('ALLOW_INSECURE');
  });

  it('mounts the DingTalk HTTP routes by default only without Stream mode', () => {
    expect(loadConfig({ ...BASE, ...DINGTALK }).dingtalk?.httpCallbacks).toBe(true);
    expect(loadConfig({ ...BASE, ...DINGTALK, DINGTALK_STREAM: 'true' }).dingtalk?.httpCallbacks).toBe(false);
    expect(
      loadConfig({ ...BASE, ...DINGTALK, DINGTALK_STREAM: 'true', DINGTALK_HTTP_CALLBACKS: 'true' }).dingtalk
        ?.httpCallbacks,
    ).toBe(true);
    expect(loadConfig({ ...BASE, ...DINGTALK }).dingtalk?.sessionWebhookBase).toBe(
      'https://oapi.dingtalk.com/robot/sendBySession',
    );
  });
});
