import type { Role, User, UserStatus } from '../../../../common/src/users';
import { request, requestWithMeta } from '../client';
import { type ListResult, toQueryString } from '../items';

/** A user row of the admin list, with the role's name expanded. */
export type AdminUser = Omit<User, 'role'> & { role: Pick<Role, 'id' | 'name'> | null };

export interface UserListFilters {
  search?: string;
  status?: UserStatus;
  role?: string;
  page: number;
  pageSize: number;
}

/** One page of users, sorted by email, with the number matching the filters. */
export function listUsers(filters: UserListFilters): Promise<ListResult<AdminUser>> {
  const rules: Record<string, unknown>[] = [];
  if (filters.status) rules.push({ status: { _eq: filters.status } });
  if (filters.role) rules.push({ role: { _eq: filters.role } });
  const query = toQueryString({
    fields: ['*', 'role.id', 'role.name'],
    filter: rules.length === 0 ? undefined : rules.length === 1 ? rules[0] : { _and: rules },
    sort: ['email'],
    search: filters.search?.trim() || undefined,
    limit: filters.pageSize,
    page: filters.page,
    meta: ['filter_count'],
  });
  return requestWithMeta<AdminUser[]>('GET', `/users${query}`);
}

/** Every user's id, email and name (for pickers), sorted by email. */
export async function listAllUsers(): Promise<Array<Pick<User, 'id' | 'email' | 'first_name' | 'last_name' | 'status'>>> {
  return request('GET', `/users${toQueryString({ fields: ['id', 'email', 'first_name', 'last_name', 'status'], sort: ['email'], limit: -1 })}`);
}

/** The user with this email (case-insensitive on the server), or undefined. */
export async function findUserByEmail(email: string): Promise<Pick<User, 'id' | 'email' | 'status'> | undefined> {
  const users = await request<Array<Pick<User, 'id' | 'email' | 'status'>>>(
    'GET',
    `/users${toQueryString({ fields: ['id', 'email', 'status'], filter: { email: { _eq: email.trim().toLowerCase() } }, limit: 1 })}`,
  );
  return users[0];
}

/**
 * Invites someone by email with a role: mails them a link to choose a password. Inviting an invited user again
 * sends a fresh link (the old one stops working); inviting an active user changes nothing.
 */
export function inviteUser(email: string, role: string): Promise<void> {
  return request('POST', '/users/invite', { email: email.trim(), role });
}

export function updateUser(id: string, changes: Partial<Pick<User, 'status' | 'role' | 'first_name' | 'last_name'>>): Promise<User> {
  return request<User>('PATCH', `/users/${encodeURIComponent(id)}`, changes);
}

/** "First Last", or the email when the person has no name. */
export function userName(user: Pick<User, 'first_name' | 'last_name' | 'email'>): string {
  return [user.first_name, user.last_name].filter(Boolean).join(' ').trim() || user.email;
}
