import type { PermissionAction } from '../db/tables.js';
import { normalizeFilter } from '../query/filter.js';
import type { ActorAccess, CollectionAccess } from './access-control.js';

/** What everyone may read about themselves through /users/me, whatever their role's rules say. */
export const SELF_USER_FIELDS = [
  'id',
  'email',
  'first_name',
  'last_name',
  'status',
  'role',
  'email_notifications',
  'last_access',
  'date_created',
  'date_updated',
];
export const SELF_ROLE_FIELDS = ['id', 'name', 'icon', 'description', 'admin_access', 'app_access'];

/**
 * The caller's access plus read access to their own user row and their own role — the view /users/me works on.
 * Admins already read everything, so their access is returned unchanged.
 */
export function withSelfAccess(access: ActorAccess): ActorAccess {
  if (access.actor.admin) return access;
  const schema = access.schema;
  const users = schema.collection('users');
  const roles = schema.collection('roles');
  if (!users || !roles) return access;
  const own: Record<string, CollectionAccess> = {
    users: {
      filter: normalizeFilter({ id: { _eq: '$CURRENT_USER' } }, users, { schema }),
      fields: new Set(SELF_USER_FIELDS),
      validation: null,
      presets: {},
      full: false,
    },
    roles: {
      filter: normalizeFilter({ id: { _eq: '$CURRENT_ROLE' } }, roles, { schema }),
      fields: new Set(SELF_ROLE_FIELDS),
      validation: null,
      presets: {},
      full: false,
    },
  };
  const get = (collection: string, action: PermissionAction) => (action === 'read' && own[collection] ? own[collection] : access.get(collection, action));
  return {
    ...access,
    get,
    require(collection, action) {
      return get(collection, action) ?? access.require(collection, action);
    },
    readFilter(collection) {
      return get(collection.collection, 'read')?.filter ?? null;
    },
    readGuard: access.readGuard,
  };
}
