import type { ApiErrorCode } from '../../api/client';
import { isApiError } from '../../api/client';
import { describeError } from '../../lib/error-messages';

/**
 * A readable sentence for a failed admin action. Admins need the server's reason where it explains what to fix (a
 * rule that names an unknown field, a role still held by users), so INVALID_PAYLOAD shows the reason the server put
 * in its extensions and FAILED_VALIDATION the per-field sentences; every other code gets the app's own wording.
 */
export function describeAdminError(error: unknown, overrides: Partial<Record<ApiErrorCode, string>> = {}): string {
  if (!isApiError(error) || overrides[error.code]) return describeError(error, overrides);
  switch (error.code) {
    case 'INVALID_PAYLOAD': {
      const reason = error.extensions.reason;
      return typeof reason === 'string' && reason.trim() ? asSentence(reason) : describeError(error);
    }
    case 'FAILED_VALIDATION': {
      const messages = error.all.map((item) => item.message.trim()).filter(Boolean);
      return messages.length > 0 ? messages.map(asSentence).join(' ') : describeError(error);
    }
    case 'RECORD_NOT_UNIQUE': {
      const field = error.extensions.field;
      return typeof field === 'string' ? `Another record already has this ${field.replace(/_/g, ' ')}.` : describeError(error);
    }
    default:
      return describeError(error);
  }
}

function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
