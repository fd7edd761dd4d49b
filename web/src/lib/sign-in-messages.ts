import { isApiError } from '../api/client';
import { describeError, formatWait } from './error-messages';

/** Why a login failed, in words. The server tells inactive accounts apart only to someone with the right password. */
export function loginErrorMessage(error: unknown): string {
  if (isApiError(error) && error.code === 'INVALID_CREDENTIALS') {
    if (error.extensions.reason === 'suspended') return 'This account is suspended. Ask your administrator to reactivate it.';
    if (error.extensions.reason === 'invited') {
      return 'This account is not activated yet. Open the invitation link from your email to choose a password first.';
    }
    return 'Wrong email or password. Check both and try again.';
  }
  if (isApiError(error) && error.code === 'REQUESTS_EXCEEDED') {
    const wait = error.retryAfterSeconds === undefined ? 'a few minutes' : formatWait(error.retryAfterSeconds);
    return `Too many failed sign-in attempts. For your security, wait ${wait} and try again.`;
  }
  return describeError(error);
}
