import { describe, expect, it } from 'vitest';
import { EMPTY, intern, internAll } from '../../../src/persistence/repositories/intern.js';
import { withPresent } from '../../../src/persistence/repositories/views.js';

describe('what ticket views share and leave out (heap per open ticket)', () => {
  it('leaves out optional fields without a value and keeps the ones with one, 0 included', () => {
    const at = new Date('2026-11-30T02:00:00Z');
    const v = withPresent(
      { id: 'a', stage: 0 },
      { closedAt: undefined, ownerId: null, rating: 0, acceptedAt: at },
    );
    expect(Object.keys(v)).toEqual(['id', 'stage', 'rating', 'acceptedAt']);
    expect(v).toEqual({ id: 'a', stage: 0, rating: 0, acceptedAt: at });
  });

  it('hands out one frozen copy per distinct list of roles, and one empty list', () => {
    const a = internAll(['assistant', 'engineering']);
    const b = internAll(['assistant', 'engineering'].map((x) => `${x}`));
    expect(a).toBe(b);
    expect(Object.isFrozen(a)).toBe(true);
    expect(internAll(['engineering', 'assistant'])).not.toBe(a);
    expect(internAll([])).toBe(EMPTY);
    expect(internAll(undefined)).toBe(EMPTY);
  });

  it('returns the same value for any string, long or short, and passes a missing one through', () => {
    expect(intern('reported')).toBe('reported');
    const long = 'x'.repeat(100);
    expect(intern(long)).toBe(long);
    expect(intern(undefined as unknown as string)).toBeUndefined();
  });
});
