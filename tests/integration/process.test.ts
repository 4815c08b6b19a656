import { describe, expect, inject, it } from 'vitest';
import { freePort } from '../../src/local/net.js';
import { spawnScript } from '../helpers/spawn.js';
import { deleteKeys, testNames } from '../helpers/test-bot.js';
import { eventually } from '../helpers/wait.js';

const startMain = (env: Record<string, string>) => spawnScript('src/main.ts', { LOG_LEVEL: 'info', ...env });

describe('the production entry point', () => {
  it('exits non-zero on a bad config, naming every bad variable and no secret', async () => {
    const p = startMain({
      MONGODB_URI: 'mongodb://127.0.0.1:1/x',
      REDIS_URL: 'not-a-url',
      WECOM_CORP_ID: 'ww1',
      WECOM_AGENT_ID: '1000002',
      WECOM_SECRET: 'super-secret-value',
      WECOM_TOKEN: 'tok',
      WECOM_ENCODING_AES_KEY: 'x'.repeat(40),
      PORT: '-5',
    });
    expect(await p.exited).toBe(1);
    const out = p.output();
    expect(out).toContain('WECOM_ENCODING_AES_KEY');
    expect(out).toContain('REDIS_URL');
    expect(out).toContain('PORT');
    expect(out).not.toContain('super-secret-value');
  }, 30_000);

  it('answers /readyz 503 within 2 s while Mongo is down, does not crash, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const deadMongo = await freePort();
    const { prefix } = testNames();
    const p = startMain({
      MONGODB_URI: `mongodb://127.0.0.1:${deadMongo}/down`,
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: prefix,
      PORT: String(port),
      HOST: '127.0.0.1',
      ROLE: 'web',
    });
    try {
      await eventually(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 20_000, 'healthz');
      // Every answer comes within 2 s and says 503 with Mongo down; Redis, still connecting on a
      // busy machine right after start, is up within a few answers.
      await eventually(
        async () => {
          const t0 = performance.now();
          const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2000) });
          expect(performance.now() - t0).toBeLessThan(2000);
          expect(res.status).toBe(503);
          const body = (await res.json()) as { mongo?: string; redis?: string };
          expect(body.mongo).toBe('down');
          return body.redis === 'up';
        },
        15_000,
        'readyz: Mongo down, Redis up',
      );
      await new Promise((r) => setTimeout(r, 2000));
      expect(p.child.exitCode).toBeNull();
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      expect(p.output()).toContain('shutdown complete');
    } finally {
      p.child.kill('SIGKILL');
      await deleteKeys(inject('redisUrl'), prefix);
    }
  }, 60_000);

  it('becomes ready against the real services and logs JSON with a request id', async () => {
    const port = await freePort();
    const { dbName, prefix } = testNames();
    const p = startMain({
      MONGODB_URI: `${inject('mongoBaseUri')}/${dbName}`,
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: prefix,
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    try {
      await eventually(
        async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200,
        30_000,
        'readyz 200',
      );
      const res = await fetch(`http://127.0.0.1:${port}/readyz`, {
        headers: { 'x-request-id': 'req-abc-123' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toBe('req-abc-123');
      p.child.kill('SIGINT');
      expect(await p.exited).toBe(0);
      const line = p
        .output()
        .split('\n')
        .find((l) => l.includes('req-abc-123'));
      expect(line && JSON.parse(line)).toMatchObject({ reqId: 'req-abc-123', path: '/readyz', status: 200 });
    } finally {
      p.child.kill('SIGKILL');
      await deleteKeys(inject('redisUrl'), prefix);
    }
  }, 60_000);
});
