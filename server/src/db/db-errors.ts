import { AppError } from '../errors.js';

/**
 * Translates constraint violations from SQLite and PostgreSQL into client errors. Returns undefined for anything
 * else, which stays an internal error.
 */
export function translateDatabaseError(error: unknown): AppError | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { code, message, detail, constraint } = error as { code?: string; message?: string; detail?: string; constraint?: string };
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505') {
    const field = uniqueField(message, detail);
    return new AppError('RECORD_NOT_UNIQUE', field ? `Value for field "${field}" has to be unique.` : 'Value has to be unique.', {
      extensions: field ? { field } : {},
    });
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') {
    return new AppError('INVALID_FOREIGN_KEY', 'Invalid foreign key.', { extensions: constraint ? { constraint } : {} });
  }
  if (code === 'SQLITE_CONSTRAINT_NOTNULL' || code === '23502') {
    return new AppError('FAILED_VALIDATION', 'A required value is missing.', { extensions: { type: 'required' } });
  }
  // PostgreSQL class 22 "data exception": a value the column type cannot hold (out of range, NUL byte, bad
  // date). Validation refuses these earlier; this keeps any that slip through a client error, not a 500.
  if (typeof code === 'string' && code.startsWith('22') && code.length === 5) {
    return new AppError('INVALID_PAYLOAD', 'Invalid payload. A value does not fit its field.', { extensions: { reason: 'A value does not fit its field' } });
  }
  return undefined;
}

/**
 * The field a unique violation is about; for a constraint over several columns (operations: flow + key), the last
 * one, which is the one a caller chose (the others scope it).
 * SQLite: "UNIQUE constraint failed: operations.flow, operations.key"; PostgreSQL: "Key (flow, key)=(…) already exists."
 */
function uniqueField(message?: string, detail?: string): string | undefined {
  const sqlite = /UNIQUE constraint failed: (.+)$/.exec(message ?? '');
  const columns = sqlite
    ? sqlite[1]?.split(',').map((part) => part.trim().split('.').pop() ?? '')
    : /Key \(([^)]+)\)=/
        .exec(detail ?? '')?.[1]
        ?.split(',')
        .map((part) => part.trim());
  return columns?.at(-1) || undefined;
}
