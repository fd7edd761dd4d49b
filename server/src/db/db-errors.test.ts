import { describe, expect, it } from 'vitest';
import { translateDatabaseError } from './db-errors.js';

describe('translateDatabaseError', () => {
  it('names the field of a unique violation on both databases, the chosen column of a composite one', () => {
    expect(translateDatabaseError({ code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: users.email' })?.extensions).toEqual({
      field: 'email',
    });
    expect(
      translateDatabaseError({ code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: operations.flow, operations.key' })?.extensions,
    ).toEqual({ field: 'key' });
    expect(translateDatabaseError({ code: '23505', detail: 'Key (flow, key)=(f1, webhook) already exists.' })?.extensions).toEqual({ field: 'key' });
    expect(translateDatabaseError({ code: '23505', detail: 'Key (email)=(a@b.c) already exists.' })?.code).toBe('RECORD_NOT_UNIQUE');
  });

  it('turns foreign keys and PostgreSQL data exceptions into client errors, and leaves the rest alone', () => {
    expect(translateDatabaseError({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' })?.code).toBe('INVALID_FOREIGN_KEY');
    expect(translateDatabaseError({ code: '22021' })?.code).toBe('INVALID_PAYLOAD');
    expect(translateDatabaseError({ code: 'ECONNRESET' })).toBeUndefined();
    expect(translateDatabaseError(new Error('boom'))).toBeUndefined();
  });
});
