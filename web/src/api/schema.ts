import type { FieldMeta, MyPermissions } from '../../../common/src/helpdesk';
import { request } from './client';

/** Field metadata the caller may work with (choices, required flags, custom fields) of one collection. */
export function readFields(collection: string): Promise<FieldMeta[]> {
  return request<FieldMeta[]>('GET', `/fields/${collection}`);
}

/** What the caller may do, per collection and action, to show only the buttons that will work. */
export function readMyPermissions(): Promise<MyPermissions> {
  return request<MyPermissions>('GET', '/permissions/me');
}
