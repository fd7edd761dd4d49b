import type { AcceptInviteInput, Me } from '../../../common/src/users';
import { request } from './client';

/** /users/me with its role expanded: `role` comes back as an object instead of an id. */
export interface MeWithRole extends Omit<Me, 'role' | 'role_name' | 'admin_access'> {
  role: { id: string; name: string; admin_access: boolean } | null;
}

/** The signed-in person, with their role's name and admin flag. 401 INVALID_CREDENTIALS when nobody is signed in. */
export async function getMe(): Promise<Me> {
  return toMe(await request<MeWithRole>('GET', '/users/me?fields=*,role.id,role.name,role.admin_access'));
}

/** Flattens the expanded role back into the `Me` shape: role id plus the role_name / admin_access hints. */
export function toMe(raw: MeWithRole): Me {
  const { role, ...user } = raw;
  return { ...user, role: role?.id ?? null, role_name: role?.name ?? null, admin_access: role?.admin_access ?? false };
}

/** Activates an invited account with its chosen password. INVALID_TOKEN when the link expired or was used. */
export function acceptInvite(input: AcceptInviteInput): Promise<void> {
  return request('POST', '/users/invite/accept', input);
}
