import { describe, expect, it, vi } from 'vitest';
import { createLogger, silentLogger } from '../../../src/lib/logger.js';
import { Shutdown, ShutdownPhase } from '../../../src/lib/shutdown.js';
import { checkTimestampWindow } from '../../../src/platforms/timestamp-window.js';

describe('logger redaction', () => {
  it('masks secrets by path and by value, including inside URLs and messages', () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      secrets: ['corp-secret-123456'],
      destination: { write: (line: string) => lines.push(line) },
    });
    logger.info(
      {
        secret: 'x1',
        headers: { authorization: 'Bearer abc' },
        url: 'https://q/cgi-bin/gettoken?corpid=1&corpsecret=corp-secret-123456',
      },
      'calling with corp-secret-123456',
    );
    logger.info({ nested: { token: 'tok-1', note: 'value corp-secret-123456 here' } }, 'done');
    const out = lines.join('');
    expect(out).not.toContain('corp-secret-123456');
    expect(out).not.toContain('Bearer abc');
    expect(out).not.toContain('tok-1');
    expect(out).toContain('[REDACTED]');
  });
});

describe('ordered shutdown', () => {
  it('runs phases in order (HTTP, workers, queues, database, Redis) once', async () => {
    const order: string[] = [];
    const s = new Shutdown(silentLogger(), 1000, () => {});
    s.add('redis', ShutdownPhase.redis, async () => order.push('redis'));
    s.add('http', ShutdownPhase.http, async () => order.push('http'));
    s.add('mongo', ShutdownPhase.database, async () => order.push('mongo'));
    s.add('workers', ShutdownPhase.workers, async () => order.push('workers'));
    s.add('queues', ShutdownPhase.queues, async () => order.push('queues'));
    await Promise.all([s.run('a'), s.run('b')]);
    expect(order).toEqual(['http', 'workers', 'queues', 'mongo', 'redis']);
  });

  it('force-quits with a non-zero code when a step hangs', async () => {
    const exit = vi.fn();
    const s = new Shutdown(silentLogger(), 100, exit);
    s.add('stuck', ShutdownPhase.workers, () => new Promise(() => {}));
    void s.run('test');
    await new Promise((r) => setTimeout(r, 250));
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('keeps going when a step fails', async () => {
    const order: string[] = [];
    const s = new Shutdown(silentLogger(), 1000, () => {});
    s.add('bad', ShutdownPhase.http, async () => {
      throw new Error('boom');
    });
    s.add('next', ShutdownPhase.redis, async () => order.push('next'));
    await s.run('x');
    expect(order).toEqual(['next']);
  });
});

describe('replay window', () => {
  const now = new Date(1_700_000_000_000);
  it('refuses a timestamp outside the window and accepts one inside, in s or ms', () => {
    expect(() => checkTimestampWindow('1699999000', now, 300, 's')).toThrowError(
      expect.objectContaining({ reason: 'stale_timestamp' }),
    );
    expect(() => checkTimestampWindow('1699999800', now, 300, 's')).not.toThrow();
    expect(() => checkTimestampWindow('1700000400001', now, 300, 'ms')).toThrow();
  });
  it('is off with 0, but still needs a numeric timestamp', () => {
    expect(() => checkTimestampWindow('1', now, 0, 's')).not.toThrow();
    expect(() => checkTimestampWindow('abc', now, 0, 's')).toThrowError(
      expect.objectContaining({ reason: 'bad_timestamp' }),
    );
  });
});
