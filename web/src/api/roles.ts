import type { Role } from '../../../common/src/users';
import { request } from './client';

/** One role. Admins only: everyone else gets 403 FORBIDDEN. */
export function getRole(id: string): Promise<Role> {
  return request<Role>('GET', `/roles/${encodeURIComponent(id)}`);
}
