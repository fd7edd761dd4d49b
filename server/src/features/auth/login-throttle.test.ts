import { describe, expect, it } from 'vitest';
import { createLoginThrottle } from './login-throttle.js';

describe('login throttle', () => {
  it('allows up to the limit of failures per address, then asks to wait until the window ends', () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const throttle = createLoginThrottle({ maxFailures: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i++) {
      expect(throttle.retryAfter('1.1.1.1', `user${i}@x`)).toBe(0);
      throttle.recordFailure('1.1.1.1', `user${i}@x`);
    }
    expect(throttle.retryAfter('1.1.1.1', 'other@x')).toBe(60);
    expect(throttle.retryAfter('2.2.2.2', 'other@x')).toBe(0);
    now = new Date('2026-01-01T00:01:00Z');
    expect(throttle.retryAfter('1.1.1.1', 'other@x')).toBe(0);
  });

  it('counts failures per account across addresses, and a success clears the account count', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const throttle = createLoginThrottle({ maxFailures: 2, windowMs: 60_000, now: () => now });
    throttle.recordFailure('1.1.1.1', 'ann@x');
    throttle.recordSuccess('ann@x');
    throttle.recordFailure('2.2.2.2', 'ann@x');
    expect(throttle.retryAfter('3.3.3.3', 'ann@x')).toBe(0);
    throttle.recordFailure('4.4.4.4', 'ann@x');
    expect(throttle.retryAfter('3.3.3.3', 'ann@x')).toBeGreaterThan(0);
  });
});
