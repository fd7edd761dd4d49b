import { describe, expect, it } from 'vitest';
import { parseDynamicValue, resolveDynamicValue } from './dynamic-values.js';

describe('dynamic values', () => {
  const context = { user: 'u1', role: 'r1', now: new Date('2026-03-31T10:00:00Z') };

  it('resolves the caller and the clock', () => {
    expect(resolveDynamicValue('$CURRENT_USER', context)).toBe('u1');
    expect(resolveDynamicValue('$CURRENT_ROLE', context)).toBe('r1');
    expect(resolveDynamicValue('$NOW', context)).toBe('2026-03-31T10:00:00.000Z');
    expect(resolveDynamicValue('$NOW(-7 days)', context)).toBe('2026-03-24T10:00:00.000Z');
    expect(resolveDynamicValue('$NOW(+2 hours)', context)).toBe('2026-03-31T12:00:00.000Z');
    expect(resolveDynamicValue('$NOW(-1 month)', context)).toBe('2026-03-03T10:00:00.000Z');
    expect(resolveDynamicValue('$NOW(1 year)', context)).toBe('2027-03-31T10:00:00.000Z');
  });

  it('gives null for the user of an anonymous caller', () => {
    expect(resolveDynamicValue('$CURRENT_USER', { ...context, user: null })).toBeNull();
  });

  it('rejects malformed expressions', () => {
    expect(parseDynamicValue('$NOW(-7 fortnights)')).toBeUndefined();
    expect(parseDynamicValue('$NOW(abc)')).toBeUndefined();
    // Beyond the range of dates: refused, not an Invalid Date (which threw when the filter was compiled).
    expect(parseDynamicValue('$NOW(-999999 years)')).toBeUndefined();
    expect(parseDynamicValue('$NOW(+999999 months)')).toBeDefined();
    expect(resolveDynamicValue('$NOW(+999999 months)', { user: null, role: null, now: new Date('2026-01-01T00:00:00Z') })).toMatch(/^\+085\d{3}-/);
    expect(resolveDynamicValue('$NOW(-999999 weeks)', { user: null, role: null, now: new Date('2026-01-01T00:00:00Z') })).toMatch(/^-017\d{3}-/);
    expect(parseDynamicValue('$CURRENT_ADMIN')).toBeUndefined();
  });

  it('allows a few of the caller’s own fields, never secrets', () => {
    expect(resolveDynamicValue('$CURRENT_USER.email', context)).toEqual({ user: 'u1', field: 'email' });
    expect(parseDynamicValue('$CURRENT_USER.first_name')).toEqual({ variable: 'user_field', field: 'first_name' });
    for (const secret of ['password', 'token_hash', 'status', 'email.x']) expect(parseDynamicValue(`$CURRENT_USER.${secret}`)).toBeUndefined();
  });
});
