import { request } from '../client';

/** One collection from GET /collections (Directus's shape, the parts the console reads). */
export interface CollectionMeta {
  collection: string;
  meta: { note: string | null; system: boolean; icon: string | null } | null;
}

/** The item collections (support_ticket, ticket_message, agents) and the system ones (users, roles, …). */
export function listCollections(): Promise<CollectionMeta[]> {
  return request<CollectionMeta[]>('GET', '/collections');
}

/**
 * Fields of the system collections, which GET /fields does not describe (it answers only for item collections).
 * Mirrors server/src/schema/builtin-collections.ts.
 */
export const SYSTEM_COLLECTION_FIELDS: Record<string, string[]> = {
  users: ['id', 'email', 'first_name', 'last_name', 'status', 'role', 'email_notifications', 'last_access', 'date_created', 'date_updated', 'agents'],
  roles: ['id', 'name', 'icon', 'description', 'admin_access', 'app_access', 'date_created', 'users'],
  permissions: ['id', 'role', 'collection', 'action', 'permissions', 'validation', 'presets', 'fields'],
  activity: ['id', 'action', 'user', 'timestamp', 'ip', 'user_agent', 'collection', 'item', 'revisions'],
  revisions: ['id', 'activity', 'collection', 'item', 'data', 'delta'],
};
