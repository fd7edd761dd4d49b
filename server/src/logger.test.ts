import { describe, expect, it } from 'vitest';
import { redactUrl } from './logger.js';

describe('redactUrl', () => {
  it('hides credentials in query strings and keeps the rest', () => {
    expect(redactUrl('/users/me?access_token=abc.def&fields=id')).toBe('/users/me?access_token=[redacted]&fields=id');
    expect(redactUrl('/accept?x=1&token=secret')).toBe('/accept?x=1&token=[redacted]');
    expect(redactUrl('/items/support_ticket?limit=5')).toBe('/items/support_ticket?limit=5');
  });
});
