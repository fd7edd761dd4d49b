import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../common/src/error-codes';
import { ApiError } from '../api/client';
import { describeError, formatWait } from './error-messages';

describe('error messages', () => {
  it('has a sentence for every server code, never the raw message', () => {
    for (const code of ERROR_CODES) {
      const text = describeError(new ApiError({ code, status: 400, message: '{"raw":"json"}' }));
      expect(text, code).toMatch(/^[A-Z].*\.$/);
      expect(text).not.toContain('raw');
    }
  });

  it('prefers a page’s own wording, and says how long to wait when throttled', () => {
    const invalidToken = new ApiError({ code: 'INVALID_TOKEN', status: 403, message: 'Invalid token.' });
    expect(describeError(invalidToken, { INVALID_TOKEN: 'This link has expired.' })).toBe('This link has expired.');
    const throttled = new ApiError({ code: 'REQUESTS_EXCEEDED', status: 429, message: 'Too many', retryAfterSeconds: 600 });
    expect(describeError(throttled)).toBe('Too many attempts. Try again in 10 minutes.');
    expect(describeError(new Error('boom'))).toBe('The server gave an unexpected answer. Try again in a moment.');
  });

  it('rounds waits up', () => {
    expect(formatWait(0.2)).toBe('1 second');
    expect(formatWait(45)).toBe('45 seconds');
    expect(formatWait(61)).toBe('2 minutes');
    expect(formatWait(60)).toBe('1 minute');
    expect(formatWait(7200)).toBe('2 hours');
  });
});
