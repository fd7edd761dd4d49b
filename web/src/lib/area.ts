import { API_PATH_PREFIXES } from '../../../common/src/api-paths';
import type { Me } from '../../../common/src/users';

/** The three audiences of the web app (STYLE §11), each with its own pages under areas/. */
export type Area = 'customer' | 'agent' | 'admin';

/** Where each area starts. Web routes never begin with an API path (common/src/api-paths.ts). */
export const AREA_HOME: Record<Area, string> = {
  customer: '/tickets',
  agent: '/agent/queue',
  admin: '/admin/tickets',
};

/**
 * The area a signed-in person sees, from the role on /users/me: admin access → the admin console, the Agent role →
 * the agent workspace, anyone else → the customer portal. Display only: the server checks every request itself.
 */
export function areaOf(me: Me): Area {
  if (me.admin_access === true) return 'admin';
  return me.role_name === 'Agent' ? 'agent' : 'customer';
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
