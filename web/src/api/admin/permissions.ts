import type { PermissionAction, PermissionRow } from '../../../../common/src/helpdesk';
import { request } from '../client';
import { toQueryString } from '../items';

export const PERMISSION_ACTIONS: readonly PermissionAction[] = ['create', 'read', 'update', 'delete'];

export type PermissionInput = Omit<PermissionRow, 'id'>;

/** Every permission row of one role. */
export function listRolePermissions(roleId: string): Promise<PermissionRow[]> {
  return request<PermissionRow[]>('GET', `/permissions${toQueryString({ filter: { role: { _eq: roleId } }, limit: -1 })}`);
}

/** Every permission row on one collection, of every role. */
export function listCollectionPermissions(collection: string): Promise<PermissionRow[]> {
  return request<PermissionRow[]>('GET', `/permissions${toQueryString({ filter: { collection: { _eq: collection } }, limit: -1 })}`);
}

/** INVALID_PAYLOAD "Invalid rule: …" when a rule does not fit the collection's schema. */
export function createPermission(input: PermissionInput): Promise<PermissionRow> {
  return request<PermissionRow>('POST', '/permissions', input);
}

export function updatePermission(id: number, changes: Partial<PermissionInput>): Promise<PermissionRow> {
  return request<PermissionRow>('PATCH', `/permissions/${id}`, changes);
}

export function deletePermission(id: number): Promise<void> {
  return request('DELETE', `/permissions/${id}`);
}
