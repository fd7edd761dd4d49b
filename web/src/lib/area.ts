import { API_PATH_PREFIXES } from '../../../common/src/api-paths';
import type { Me, Role } from '../../../common/src/users';
import { isApiError } from '../api/client';

/** The three audiences of the web app (STYLE §11), each with its own pages under areas/. */
export type Area = 'customer' | 'agent' | 'admin';

/** Where each area starts. Web routes never begin with an API path (common/src/api-paths.ts). */
export const AREA_HOME: Record<Area, string> = {
  customer: '/tickets',
  agent: '/agent/queue',
  admin: '/admin/tickets',
};

/** Decides which area a signed-in person sees. Display only: the server checks every request itself. */
export type AreaResolver = (me: Me) => Promise<Area>;

/** The area the hints on /users/me point to (admin_access, role_name), or undefined when the server sends none. */
export function areaFromHints(me: Me): Area | undefined {
  if (me.admin_access === true) return 'admin';
  if (typeof me.role_name === 'string') return me.role_name === 'Agent' ? 'agent' : 'customer';
  if (me.admin_access === false) return 'customer';
  return undefined;
}

/**
 * Hints first. Without them (servers before the /users/me hints of issue #4), the person's role is read: only admins
 * may read roles, so a 403 means "not an admin" and, for now, the customer area. Agents are told apart once the
 * hints (or GET /permissions/me) arrive.
 */
export function createAreaResolver(deps: { getRole(id: string): Promise<Role> }): AreaResolver {
  return async (me) => {
    const hinted = areaFromHints(me);
    if (hinted) return hinted;
    if (!me.role) return 'customer';
    try {
      const role = await deps.getRole(me.role);
      if (role.admin_access) return 'admin';
      return role.name === 'Agent' ? 'agent' : 'customer';
    } catch (error) {
      if (isApiError(error) && error.code === 'FORBIDDEN') return 'customer';
      throw error;
    }
  };
}

/** Pages for people who are not signed in; never a place to return to after signing in. */
export const SIGN_IN_PATHS = ['/login', '/accept-invite', '/forgot-password', '/reset-password'];

/**
 * A `next` path from the query string, if it is safe to go to after signing in: a page of this web app, never
 * another origin (`//evil.example`, `https://…`), an API path, or a sign-in page (which would loop).
 */
export function safeNextPath(next: string | null): string | undefined {
  if (!next?.startsWith('/') || next.startsWith('//') || next.includes('\\')) return undefined;
  const pathname = next.split(/[?#]/)[0] as string;
  const first = pathname.split('/')[1] ?? '';
  if ((API_PATH_PREFIXES as readonly string[]).includes(first)) return undefined;
  if (SIGN_IN_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`))) return undefined;
  return next;
}
