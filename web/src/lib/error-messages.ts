import type { ApiErrorCode } from '../api/client';
import { isApiError } from '../api/client';

/**
 * What a person reads for each error code. Keyed by every code, so a code added to common/src/error-codes.ts breaks
 * the web build until it has a message here. Pages pass overrides where they know better (a login form knows that
 * INVALID_CREDENTIALS means a wrong password).
 */
const MESSAGES: Record<ApiErrorCode, string> = {
  INVALID_PAYLOAD: 'Some of the information sent was not accepted. Check the form and try again.',
  INVALID_QUERY: 'The request was not understood. Reload the page and try again.',
  FAILED_VALIDATION: 'Some fields are not valid. Check the form and try again.',
  RECORD_NOT_UNIQUE: 'That already exists.',
  INVALID_FOREIGN_KEY: 'Something this refers to no longer exists. Reload the page and try again.',
  INVALID_CREDENTIALS: 'You are not signed in, or your session has ended. Sign in again.',
  TOKEN_EXPIRED: 'Your session has expired. Sign in again.',
  INVALID_TOKEN: 'This link has expired or was already used.',
  FORBIDDEN: "You don't have access to this, or it doesn't exist.",
  ROUTE_NOT_FOUND: 'This part of Parley is not available on this server yet.',
  CONTENT_TOO_LARGE: 'That is too large to send. Shorten it and try again.',
  UNSUPPORTED_MEDIA_TYPE: 'The request was not understood. Reload the page and try again.',
  REQUESTS_EXCEEDED: 'Too many attempts. Wait a moment and try again.',
  SERVICE_UNAVAILABLE: 'Parley is temporarily unavailable. Try again in a moment.',
  INTERNAL: 'Something went wrong on the server. Try again; if it keeps happening, tell your administrator.',
  NETWORK: 'Parley could not be reached. Check your connection and try again.',
  UNEXPECTED_RESPONSE: 'The server gave an unexpected answer. Try again in a moment.',
};

/** A readable sentence for any error a page caught; never the server's raw text or JSON. */
export function describeError(error: unknown, overrides: Partial<Record<ApiErrorCode, string>> = {}): string {
  if (!isApiError(error)) return MESSAGES.UNEXPECTED_RESPONSE;
  if (overrides[error.code]) return overrides[error.code] as string;
  if (error.code === 'REQUESTS_EXCEEDED' && error.retryAfterSeconds !== undefined) {
    return `Too many attempts. Try again in ${formatWait(error.retryAfterSeconds)}.`;
  }
  return MESSAGES[error.code];
}

/** "45 seconds", "1 minute", "15 minutes", "2 hours": rounded up, so nobody retries too early. */
export function formatWait(seconds: number): string {
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (seconds < 60) return plural(Math.max(1, Math.ceil(seconds)), 'second');
  if (seconds < 3600) return plural(Math.ceil(seconds / 60), 'minute');
  return plural(Math.ceil(seconds / 3600), 'hour');
}
