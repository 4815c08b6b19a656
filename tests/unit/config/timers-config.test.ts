import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, secretValues } from '../../../src/config/env.js';

const BASE = { MONGODB_URI: 'mongodb://127.0.0.1:27017/mallbot', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('the time configuration', () => {
  it('reads the calendar file at startup and reports its problems with every other one', () => {
    const files: Record<string, string> = {
      '/etc/mallbot/calendar.json': '{"days":[{"date":"2027-01-01","type":"holiday","name":"元旦"}]}',
      '/etc/mallbot/bad.json': '{"days":[{"date":"2027-13-01","type":"holiday","name":"x"}]}',
    };
    const readFile = (p: string) => {
      const v = files[p];
      if (v === undefined) throw new Error('ENOENT');
      return v;
    };
    const ok = loadConfig({ ...BASE, CALENDAR_FILE: '/etc/mallbot/calendar.json' }, { readFile });
    expect(ok.calendar.days).toEqual([{ date: '2027-01-01', type: 'holiday', name: '元旦' }]);
    expect(ok.calendar.file).toBe('/etc/mallbot/calendar.json');
    try {
      loadConfig({ ...BASE, PORT: '-1', CALENDAR_FILE: '/etc/mallbot/bad.json' }, { readFile });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const text = (e as ConfigError).problems.join('\n');
      expect(text).toContain('PORT');
      expect(text).toContain('CALENDAR_FILE: /etc/mallbot/bad.json: days.0.date');
    }
    expect(() => loadConfig({ ...BASE, CALENDAR_FILE: '/nope.json' }, { readFile })).toThrow(/cannot read/);
  });

  it('keeps the group robot key out of the logs and checks the digest targets', () => {
    const url = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
    const c = loadConfig({ ...BASE, DIGEST_WECOM_ROBOT_URL: url });
    expect(c.digest.wecomRobotUrl).toBe(url);
    expect(secretValues(c)).toEqual(expect.arrayContaining([url, '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa']));
    expect(() => loadConfig({ ...BASE, DIGEST_WECOM_ROBOT_URL: 'https://example.com/hook' })).toThrow(
      /DIGEST_WECOM_ROBOT_URL/,
    );
    expect(() => loadConfig({ ...BASE, DIGEST_DINGTALK_GROUP_ID: 'cid123' })).toThrow(
      /DINGTALK_ app variables/,
    );
    expect(() => loadConfig({ ...BASE, DEADLINE_SWEEP_PATTERN: 'every minute' })).toThrow(/cron/);
    expect(loadConfig(BASE)).toMatchObject({ devClock: false, timers: { sweepPattern: '* * * * *' } });
  });
});
