import type { LoginInput, PasswordRequestInput, PasswordResetInput } from '../../../common/src/auth';
import { request } from './client';

/** Signs in with the HttpOnly session cookie (the web app never sees a token). */
export function login(input: Omit<LoginInput, 'mode'>): Promise<void> {
  return request<unknown>('POST', '/auth/login', { ...input, mode: 'session' }).then(() => undefined);
}

/** Ends the session and clears its cookie; succeeds even when the session was already gone. */
export function logout(): Promise<void> {
  return request('POST', '/auth/logout', { mode: 'session' });
}

/** Asks for a reset link. The server answers the same whether or not the address has an account. */
export function requestPasswordReset(input: PasswordRequestInput): Promise<void> {
  return request('POST', '/auth/password/request', input);
}

/** Sets a new password from a reset link's token. INVALID_TOKEN when the link expired or was used. */
export function resetPassword(input: PasswordResetInput): Promise<void> {
  return request('POST', '/auth/password/reset', input);
}
