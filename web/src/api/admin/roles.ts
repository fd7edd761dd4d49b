import type { Role } from '../../../../common/src/users';
import { request } from '../client';

export type RoleInput = Pick<Role, 'name'> & Partial<Pick<Role, 'description' | 'admin_access' | 'app_access' | 'icon'>>;

/** Every role, sorted by name. */
export function listRoles(): Promise<Role[]> {
  return request<Role[]>('GET', '/roles?sort=name&limit=-1');
}

export function createRole(input: RoleInput): Promise<Role> {
  return request<Role>('POST', '/roles', input);
}

export function updateRole(id: string, changes: Partial<RoleInput>): Promise<Role> {
  return request<Role>('PATCH', `/roles/${encodeURIComponent(id)}`, changes);
}

/** INVALID_PAYLOAD (with the server's reason) while users still hold the role. */
export function deleteRole(id: string): Promise<void> {
  return request('DELETE', `/roles/${encodeURIComponent(id)}`);
}
