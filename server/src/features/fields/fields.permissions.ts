import type { Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';
import { invalidPayload } from '../../errors.js';

/*
 * What deleting a custom field means for permission rows (DESIGN §4): rules that name it refuse the deletion, field
 * lists and presets forget it.
 */

/**
 * A filter or validation rule naming a deleted field would fail every request of its role (the rule no longer
 * compiles), so the admin changes the rule first. The scan is deliberately conservative: any key of that name at
 * any depth, in rules of every collection (a rule reaches this collection through relations, e.g.
 * {"ticket": {"c_field": …}}), so a rule naming a same-named field of another collection also counts.
 */
export async function refuseFieldInRules(trx: Transaction<Database>, field: string): Promise<void> {
  const rows = await trx
    .selectFrom('permissions')
    .leftJoin('roles', 'roles.id', 'permissions.role')
    .select([
      'permissions.id',
      'permissions.role',
      'roles.name as role_name',
      'permissions.collection',
      'permissions.action',
      'permissions.permissions',
      'permissions.validation',
    ])
    .orderBy('permissions.id')
    .execute();
  const using = rows.filter((row) => usesKey(row.permissions, field) || usesKey(row.validation, field));
  if (using.length === 0) return;
  const rules = using.map((row) => `role "${row.role_name ?? row.role}" ${row.collection} ${row.action} (permission ${row.id})`);
  throw invalidPayload(`Field "${field}" is used in the filter or validation of ${rules.join(', ')}; change those rules first`);
}

function usesKey(json: string | null, key: string): boolean {
  if (json === null) return false;
  let rule: unknown;
  try {
    rule = JSON.parse(json);
  } catch {
    return json.includes(JSON.stringify(key));
  }
  const pending: unknown[] = [rule];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) pending.push(...node);
    else if (node !== null && typeof node === 'object') {
      if (Object.hasOwn(node, key)) return true;
      pending.push(...Object.values(node));
    }
  }
  return false;
}

/**
 * A deleted field leaves every permission row's field list and presets, so rows stay valid and a later field of the
 * same name does not silently inherit the old access.
 */
export async function forgetFieldInPermissions(trx: Transaction<Database>, collection: string, field: string): Promise<void> {
  const rows = await trx.selectFrom('permissions').select(['id', 'fields', 'presets']).where('collection', '=', collection).execute();
  for (const row of rows) {
    const fields = row.fields ? (JSON.parse(row.fields) as unknown[]) : null;
    const presets = row.presets ? (JSON.parse(row.presets) as Record<string, unknown>) : null;
    const keepsField = Array.isArray(fields) && fields.includes(field);
    const keepsPreset = presets !== null && Object.hasOwn(presets, field);
    if (!keepsField && !keepsPreset) continue;
    if (presets) delete presets[field];
    await trx
      .updateTable('permissions')
      .set({
        fields: Array.isArray(fields) ? JSON.stringify(fields.filter((name) => name !== field)) : row.fields,
        presets: presets ? JSON.stringify(presets) : null,
      })
      .where('id', '=', row.id)
      .execute();
  }
}
