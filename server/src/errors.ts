import type { ErrorCode } from '../../common/src/error-codes.js';

export type { ErrorCode };

/** The one place a code becomes an HTTP status. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  INVALID_PAYLOAD: 400,
  INVALID_QUERY: 400,
  FAILED_VALIDATION: 400,
  RECORD_NOT_UNIQUE: 400,
  INVALID_FOREIGN_KEY: 400,
  INVALID_CREDENTIALS: 401,
  TOKEN_EXPIRED: 401,
  INVALID_TOKEN: 403,
  FORBIDDEN: 403,
  ROUTE_NOT_FOUND: 404,
  CONTENT_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  REQUESTS_EXCEEDED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/**
 * An error the client may see. `extensions` are copied into the wire shape next to `code`
 * (for example `field` and `type` of a FAILED_VALIDATION).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly extensions: Record<string, unknown>;
  /** Further errors reported in the same response (several failing fields). */
  readonly siblings: AppError[];

  constructor(code: ErrorCode, message: string, options: { extensions?: Record<string, unknown>; cause?: unknown; siblings?: AppError[] } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.extensions = options.extensions ?? {};
    this.siblings = options.siblings ?? [];
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export function forbidden(message = "You don't have permission to access this."): AppError {
  return new AppError('FORBIDDEN', message);
}

export function forbiddenCollection(collection: string, path = 'root'): AppError {
  const reason = `You don't have permission to access collection "${collection}" or it does not exist. Queried in ${path}.`;
  return new AppError('FORBIDDEN', reason, { extensions: { reason } });
}

export function forbiddenField(field: string, collection: string, path = 'root'): AppError {
  const reason = `You don't have permission to access field "${field}" in collection "${collection}" or it does not exist. Queried in ${path}.`;
  return new AppError('FORBIDDEN', reason, { extensions: { reason } });
}

export function invalidPayload(reason: string): AppError {
  return new AppError('INVALID_PAYLOAD', `Invalid payload. ${reason}.`, { extensions: { reason } });
}

export function invalidQuery(reason: string): AppError {
  return new AppError('INVALID_QUERY', `Invalid query. ${reason}.`, { extensions: { reason } });
}

export function invalidCredentials(): AppError {
  return new AppError('INVALID_CREDENTIALS', 'Invalid user credentials.');
}

export function invalidToken(): AppError {
  return new AppError('INVALID_TOKEN', 'Invalid token.');
}

export function tokenExpired(): AppError {
  return new AppError('TOKEN_EXPIRED', 'Token expired.');
}

export function requestsExceeded(retryAfterSeconds?: number): AppError {
  return new AppError('REQUESTS_EXCEEDED', 'Too many requests, retry later.', {
    extensions: retryAfterSeconds === undefined ? {} : { retry_after: retryAfterSeconds },
  });
}

/** One FAILED_VALIDATION per field; `type` names the rule (required, nnull, email, choices, max_length, …). */
export function failedValidation(field: string, type: string, detail: string): AppError {
  return new AppError('FAILED_VALIDATION', `Validation failed for field "${field}". ${detail}`, {
    extensions: { field, path: [], type },
  });
}

/** Combines several errors into one response (the first carries the rest). */
export function combineErrors(errors: AppError[]): AppError {
  const [first, ...rest] = errors;
  if (!first) throw new Error('combineErrors needs at least one error');
  return new AppError(first.code, first.message, {
    extensions: first.extensions,
    siblings: [...first.siblings, ...rest],
  });
}
