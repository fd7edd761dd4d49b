import type { FieldMeta, PermissionRow } from '../../../../../common/src/helpdesk';

/** The role whose permissions decide what customers see. */
export const CUSTOMER_ROLE_NAME = 'Customer';

export interface CustomerVisibility {
  shown: boolean;
  /** Why the toggle cannot change this field here, or null when it can. */
  locked: string | null;
}

function covers(row: PermissionRow, field: Pick<FieldMeta, 'field'> & { meta: Pick<FieldMeta['meta'], 'custom'> }): { covered: boolean; byWildcard: boolean } {
  const names = row.fields ?? [];
  const byWildcard = names.includes('*') || (field.meta.custom && names.includes('$custom'));
  return { covered: byWildcard || names.includes(field.field), byWildcard };
}

/**
 * Whether customers see a field: it is shown when the Customer role may both read it on their tickets and set it on
 * the new-ticket form, i.e. it is in the `fields` of the role's support_ticket read and create permissions.
 */
export function customerVisibility(
  field: Pick<FieldMeta, 'field'> & { meta: Pick<FieldMeta['meta'], 'custom'> },
  rows: { read?: PermissionRow; create?: PermissionRow },
): CustomerVisibility {
  if (!rows.read || !rows.create) {
    return { shown: false, locked: 'The Customer role has no read or create permission on tickets; set them under Roles & permissions.' };
  }
  const read = covers(rows.read, field);
  const create = covers(rows.create, field);
  const shown = read.covered && create.covered;
  if (shown && (read.byWildcard || create.byWildcard)) {
    return { shown, locked: 'Customers see every custom field: the Customer role’s ticket permissions use “all fields” or “all custom fields”.' };
  }
  return { shown, locked: null };
}

/** The field list a row gets when the field is shown (added) or hidden (removed), without names of deleted fields. */
export function withField(row: PermissionRow, field: string, shown: boolean, knownFields: Set<string>): string[] {
  const kept = (row.fields ?? []).filter((name) => name !== field && (name === '*' || name === '$custom' || knownFields.has(name)));
  return shown ? [...kept, field] : kept;
}
