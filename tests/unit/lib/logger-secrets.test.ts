import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/lib/logger.js';

const capture = (secrets: string[]) => {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'info',
    secrets,
    destination: { write: (l: string) => lines.push(l) },
  });
  return { logger, out: () => lines.join('') };
};

describe('logger: secrets whatever their length, inside errors too', () => {
  it('masks a short secret (a 5-character WeCom token) by value', () => {
    const { logger, out } = capture(['Qd6eK']);
    logger.info({ note: 'token Qd6eK in a note' }, 'message with Qd6eK');
    expect(out()).not.toContain('Qd6eK');
  });

  it('masks secrets in an error message, stack, cause and own fields', () => {
    const { logger, out } = capture(['app-secret-0123456789']);
    const cause = new Error('upstream said app-secret-0123456789');
    const err = Object.assign(new Error('call failed with app-secret-0123456789', { cause }), {
      url: 'https://x/?k=app-secret-0123456789',
    });
    logger.error({ err }, 'failed');
    logger.error(err);
    logger.warn({ wrapped: { deeper: { err: new AggregateError([cause], 'many') } } }, 'agg');
    const text = out();
    expect(text).not.toContain('app-secret-0123456789');
    expect(text).toContain('call failed with [REDACTED]');
    expect(text).toContain('upstream said [REDACTED]');
  });

  it('never writes a secret nested deeper than the scrubber walks', () => {
    const { logger, out } = capture(['deep-secret-xyz']);
    let v: Record<string, unknown> = { s: 'deep-secret-xyz' };
    for (let i = 0; i < 20; i++) v = { v };
    logger.info(v, 'deep');
    expect(out()).not.toContain('deep-secret-xyz');
  });
});
