import type { Static } from 'typebox';
import { ACTIONS, toCollectionAccess } from '../../access/access-control.js';
import type { Actor } from '../../access/actor.js';
import type { AppContext } from '../../context.js';
import type { PermissionAction } from '../../db/tables.js';
import { AppError, forbidden, forbiddenCollection, invalidPayload } from '../../errors.js';
import type { ItemQuery } from '../../query/parse-query.js';
import type { Item, ReadResult } from '../../query/read-items.js';
import { recordSystemChange } from '../activity/activity.repository.js';
import { environment } from '../items/items.service.js';
import { getSystemItem, listSystemItems } from '../items/system-reads.js';
import type { CreatePermissionBody, UpdatePermissionBody } from './permissions.schemas.js';

type Deps = Pick<AppContext, 'database' | 'now' | 'accessControl' | 'schema' | 'signals'>;
type CreateInput = Static<typeof CreatePermissionBody>;
type UpdateInput = Static<typeof UpdatePermissionBody>;

const ONE: ItemQuery = { fields: ['*'], filter: null, sort: [], limit: 1, offset: 0, search: null, meta: [], aggregate: null, groupBy: [] };

export function listPermissions(deps: Deps, actor: Actor, query: ItemQuery): Promise<ReadResult> {
  return listSystemItems(deps, actor, 'permissions', query);
}

export function getPermission(deps: Deps, actor: Actor, id: string, query: ItemQuery = ONE): Promise<Item> {
  return getSystemItem(deps, actor, 'permissions', id, query);
}

/**
 * Creates a permission row (admins only). The rule is checked like a query against the collection's schema, so a
 * broken rule is refused (INVALID_PAYLOAD naming the problem) instead of locking people out later.
 */
export async function createPermission(deps: Deps, actor: Actor, input: CreateInput): Promise<Item> {
  requireAdmin(actor);
  const row = await checkedRow(deps, input);
  const inserted = await deps.database.db.transaction().execute(async (trx) => {
    const created = await trx.insertInto('permissions').values(row).returning('id').executeTakeFirstOrThrow();
    await recordSystemChange(trx, actor, {
      action: 'create',
      collection: 'permissions',
      item: created.id,
      delta: { ...input },
      timestamp: deps.now().toISOString(),
    });
    return created;
  });
  deps.signals.publish('permissions');
  return getPermission(deps, actor, String(inserted.id));
}

export async function updatePermission(deps: Deps, actor: Actor, id: string, input: UpdateInput): Promise<Item> {
  requireAdmin(actor);
  const existing = await deps.database.db
    .selectFrom('permissions')
    .selectAll()
    .where('id', '=', Number(id) || -1)
    .executeTakeFirst();
  if (!existing) throw forbidden();
  const merged = {
    role: input.role ?? existing.role,
    collection: input.collection ?? existing.collection,
    action: input.action ?? existing.action,
    permissions: input.permissions !== undefined ? input.permissions : parse(existing.permissions),
    validation: input.validation !== undefined ? input.validation : parse(existing.validation),
    presets: input.presets !== undefined ? input.presets : parse(existing.presets),
    fields: input.fields !== undefined ? input.fields : (parse(existing.fields) as string[] | null),
  } as CreateInput;
  const row = await checkedRow(deps, merged);
  await deps.database.db.transaction().execute(async (trx) => {
    await trx.updateTable('permissions').set(row).where('id', '=', existing.id).execute();
    await recordSystemChange(trx, actor, {
      action: 'update',
      collection: 'permissions',
      item: existing.id,
      delta: { ...input },
      timestamp: deps.now().toISOString(),
    });
  });
  deps.signals.publish('permissions');
  return getPermission(deps, actor, id);
}

export async function deletePermission(deps: Deps, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor);
  await deps.database.db
    .deleteFrom('permissions')
    .where('id', '=', Number(id) || -1)
    .execute();
  deps.signals.publish('permissions');
}

export type AccessLevel = { access: 'full' | 'partial' | 'none'; fields?: string[] };

/**
 * The caller's access per collection and action, in Directus's shape: "full" (every row), "partial" (a rule
 * limits the rows) or "none". For the web app to hide what cannot be done; the server decides on every request.
 */
export async function myPermissions(deps: Deps, actor: Actor): Promise<Record<string, Record<PermissionAction, AccessLevel>>> {
  const env = await environment(deps, actor);
  const schema = deps.schema.current();
  const result: Record<string, Record<PermissionAction, AccessLevel>> = {};
  const names = [...schema.itemCollections().map((c) => c.collection), 'users', 'roles', 'permissions', 'activity', 'revisions'];
  for (const name of names) {
    const entry = {} as Record<PermissionAction, AccessLevel>;
    let any = false;
    for (const action of ACTIONS) {
      const access = env.access.get(name, action);
      if (!access) {
        entry[action] = { access: 'none' };
        continue;
      }
      any = true;
      // A validation rule limits what may be written just as a filter limits which rows: both are "partial".
      entry[action] = { access: access.filter || access.validation ? 'partial' : 'full', fields: [...access.fields] };
    }
    if (any) result[name] = entry;
  }
  return result;
}

async function checkedRow(deps: Deps, input: CreateInput) {
  const role = await deps.database.db.selectFrom('roles').select(['id', 'admin_access']).where('id', '=', input.role).executeTakeFirst();
  if (!role) throw invalidPayload(`Role "${input.role}" does not exist`);
  const schema = deps.schema.current();
  const collection = schema.collection(input.collection);
  if (!collection) throw invalidPayload(`Collection "${input.collection}" does not exist`);
  if (collection.system && input.action !== 'read') throw invalidPayload(`Only "read" can be granted on system collection "${input.collection}"`);
  for (const name of input.fields ?? []) {
    if (name !== '*' && name !== '$custom' && !collection.fields.has(name))
      throw invalidPayload(`Field "${name}" does not exist in collection "${input.collection}"`);
  }
  for (const name of Object.keys(input.presets ?? {})) {
    if (!collection.fields.has(name)) throw invalidPayload(`Preset field "${name}" does not exist in collection "${input.collection}"`);
  }
  try {
    toCollectionAccess(
      { ...input, permissions: input.permissions ?? null, validation: input.validation ?? null, presets: input.presets ?? null, fields: input.fields ?? [] },
      collection,
      schema,
    );
  } catch (error) {
    if (error instanceof AppError) throw invalidPayload(`Invalid rule: ${String(error.extensions.reason ?? error.message)}`);
    throw error;
  }
  return {
    role: input.role,
    collection: input.collection,
    action: input.action,
    permissions: json(input.permissions),
    validation: json(input.validation),
    presets: json(input.presets),
    fields: JSON.stringify(input.fields ?? []),
  };
}

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

function parse(value: string | null): unknown {
  return value === null ? null : JSON.parse(value);
}

function requireAdmin(actor: Actor): void {
  if (!actor.admin) throw forbiddenCollection('permissions');
}
