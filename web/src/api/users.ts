import type { AcceptInviteInput, Me } from '../../../common/src/users';
import { request } from './client';

/** The signed-in person. 401 INVALID_CREDENTIALS when nobody is signed in. */
export function getMe(): Promise<Me> {
  return request<Me>('GET', '/users/me');
}

/** Activates an invited account with its chosen password. INVALID_TOKEN when the link expired or was used. */
export function acceptInvite(input: AcceptInviteInput): Promise<void> {
  return request('POST', '/users/invite/accept', input);
}
