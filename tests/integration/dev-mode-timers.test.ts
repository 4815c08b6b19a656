import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEV_ADMIN_TOKEN } from '../../scripts/dev-stack.js';
import { freePort } from '../../src/local/net.js';
import { ROOT, spawnScript } from '../helpers/spawn.js';
import { testNames } from '../helpers/test-bot.js';
import { eventually } from '../helpers/wait.js';

interface Item {
  readonly seq: number;
  readonly msgtype: string;
  readonly text?: string;
}
interface Inbox {
  readonly messages: readonly Item[];
  readonly cards: readonly { readonly taskId: string; readonly keys: readonly string[] }[];
}

/**
 * Issue 14's last "Done when", in the real dev stack (`npm run dev`, spawned as dev-mode.test.ts
 * does): a demo tenant files a complaint through the WeCom emulator's control API, the dev clock
 * moves three hours and the escalation reaches the next rung's inbox; then the clock moves to the
 * next Monday 09:00 and the weekly digest, with its chart image, reaches the manager.
 */
describe('npm run dev: time moves, escalations and digests arrive', () => {
  it('a major complaint escalates to the manager after the clock moves 3 hours; next Monday 09:00 the weekly digest and its chart reach the manager', async () => {
    const port = await freePort();
    const dataDir = resolve(ROOT, '.data', `test-devtime-${testNames().prefix}`);
    const { child, output, exited } = spawnScript('scripts/dev.ts', {
      PORT: String(port),
      MALLBOT_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      REDIS_KEY_PREFIX: `devt${testNames().prefix}`,
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      await eventually(async () => output().includes('mallbot is up'), 240_000, 'the banner');
      const emu = /WeCom emulator: (http:\/\/127\.0\.0\.1:\d+)/.exec(output())?.[1] ?? '';
      expect(emu).not.toBe('');
      const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
      const clock = async (body: { advanceMinutes: number } | { to: string }): Promise<string> => {
        const r = await post(`${base}/api/dev/clock`, body, { authorization: `Bearer ${DEV_ADMIN_TOKEN}` });
        expect(r.status).toBe(200);
        return ((await r.json()) as { now: string }).now;
      };
      const inbox = async (user: string): Promise<Inbox> =>
        (await (await fetch(`${emu}/_emu/inbox/${user}`)).json()) as Inbox;

      // Monday 10:00: the tenant reports a major complaint and confirms it on the card.
      expect((await clock({ to: '2026-12-07T10:00:00+08:00' })).slice(0, 16)).toBe('2026-12-07T02:00');
      const tenant = 'tenant-b1-23';
      expect(
        (await post(`${emu}/_emu/send`, { userId: tenant, text: '隔壁店员骂人，再不处理我就投诉到12345' }))
          .status,
      ).toBe(200);
      const confirm = await eventually(
        async () => {
          for (const c of (await inbox(tenant)).cards) {
            const key = c.keys.find((k) => k.startsWith('dialog:confirm:'));
            if (key) return { cardId: c.taskId, key };
          }
          return undefined;
        },
        30_000,
        'the confirmation card',
      );
      expect((await post(`${emu}/_emu/click`, { userId: tenant, ...confirm })).status).toBe(200);
      const number = await eventually(
        async () => {
          const t = (await inbox(tenant)).messages.find((m) => /TS\d{8}-\d{3}/.test(m.text ?? ''));
          return t ? /TS\d{8}-\d{3}/.exec(t.text ?? '')?.[0] : undefined;
        },
        30_000,
        'the complaint number',
      );

      // Three hours later: nobody took it, so the manager (30 minutes) and leadership (2 hours) were told.
      const managerSeq = (await inbox('staff-zheng')).messages.at(-1)?.seq ?? 0;
      await clock({ advanceMinutes: 180 });
      const ping = await eventually(
        async () =>
          (await inbox('staff-zheng')).messages.find(
            (m) =>
              m.seq > managerSeq &&
              (m.text ?? '').startsWith('【投诉超时未受理】') &&
              (m.text ?? '').includes(number),
          ),
        30_000,
        'the escalation in the manager’s inbox',
      );
      expect(ping.text).toContain('报营运部经理');

      // Next Monday 09:00: the weekly complaint digest, with its chart image, reaches the manager.
      const beforeDigest = (await inbox('staff-zheng')).messages.at(-1)?.seq ?? 0;
      await clock({ to: '2026-12-14T09:00:00+08:00' });
      const digest = await eventually(
        async () => {
          const after = (await inbox('staff-zheng')).messages.filter((m) => m.seq > beforeDigest);
          const md = after.find((m) => (m.text ?? '').includes('商场投诉周报'));
          const image = after.find((m) => m.msgtype === 'image');
          return md && image ? { md, image } : undefined;
        },
        60_000,
        'the weekly digest and its chart in the manager’s inbox',
      );
      expect(digest.md.text).toContain('12月7日—12月13日');
      expect(digest.md.text).toMatch(/本周新增投诉 \*\*1\*\* 件/);
      expect(output()).not.toContain('"level":50');
      expect(output()).not.toContain('no CJK font');
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 420_000);
});
