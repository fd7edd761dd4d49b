import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { loginErrorMessage } from './sign-in-messages';

const invalidCredentials = (extensions: Record<string, unknown> = {}) =>
  new ApiError({ code: 'INVALID_CREDENTIALS', status: 401, message: 'Invalid user credentials.', extensions });

describe('why a login failed', () => {
  it('tells a wrong password, a suspended account and an account not yet activated apart', () => {
    expect(loginErrorMessage(invalidCredentials())).toBe('Wrong email or password. Check both and try again.');
    expect(loginErrorMessage(invalidCredentials({ reason: 'suspended' }))).toContain('suspended');
    expect(loginErrorMessage(invalidCredentials({ reason: 'invited' }))).toContain('invitation link');
  });

  it('says how long to wait after too many attempts', () => {
    const throttled = new ApiError({ code: 'REQUESTS_EXCEEDED', status: 429, message: 'Too many', retryAfterSeconds: 840 });
    expect(loginErrorMessage(throttled)).toBe('Too many failed sign-in attempts. For your security, wait 14 minutes and try again.');
    const noWait = new ApiError({ code: 'REQUESTS_EXCEEDED', status: 429, message: 'Too many' });
    expect(loginErrorMessage(noWait)).toContain('wait a few minutes');
  });

  it('falls back to the general sentence for other failures', () => {
    expect(loginErrorMessage(new ApiError({ code: 'NETWORK', status: 0, message: 'Failed to fetch' }))).toContain('could not be reached');
  });
});
