import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { describeAdminError } from './admin-errors';

describe('admin error messages', () => {
  it('shows the server’s reason for a refused payload, such as an invalid rule', () => {
    const error = new ApiError({
      code: 'INVALID_PAYLOAD',
      status: 400,
      message: 'Invalid payload. Invalid rule: Field "nope" does not exist in collection "ticket_message".',
      extensions: { reason: 'Invalid rule: Field "nope" does not exist in collection "ticket_message"' },
    });
    expect(describeAdminError(error)).toBe('Invalid rule: Field "nope" does not exist in collection "ticket_message".');
  });

  it('falls back to the app’s sentence when the server gives no reason, and never shows JSON', () => {
    const bare = new ApiError({ code: 'INVALID_PAYLOAD', status: 400, message: '{"x":1}' });
    expect(describeAdminError(bare)).toBe('Some of the information sent was not accepted. Check the form and try again.');
    expect(describeAdminError(new ApiError({ code: 'FORBIDDEN', status: 403, message: '{"x":1}' }))).not.toContain('{');
  });

  it('names the taken field of a duplicate, and lists every validation failure', () => {
    const duplicate = new ApiError({ code: 'RECORD_NOT_UNIQUE', status: 400, message: 'x', extensions: { field: 'user' } });
    expect(describeAdminError(duplicate)).toBe('Another record already has this user.');
    const invalid = new ApiError({
      code: 'FAILED_VALIDATION',
      status: 400,
      message: 'a',
      all: [
        { code: 'FAILED_VALIDATION', message: 'Validation failed for field "a"', extensions: {} },
        { code: 'FAILED_VALIDATION', message: 'Validation failed for field "b".', extensions: {} },
      ],
    });
    expect(describeAdminError(invalid)).toBe('Validation failed for field "a". Validation failed for field "b".');
  });
});
