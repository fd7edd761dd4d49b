import { randomUUID } from 'node:crypto';
import type { Actor } from '../../access/actor.js';
import type { AppContext } from '../../context.js';
import { AppError, forbidden, forbiddenCollection, invalidPayload } from '../../errors.js';
import type { ItemQuery } from '../../query/parse-query.js';
import type { Item, ReadResult } from '../../query/read-items.js';
import { recordSystemChange } from '../activity/activity.repository.js';
import { getSystemItem, listSystemItems } from '../items/system-reads.js';
import * as repo from './roles.repository.js';
import type { CreateRoleInput, UpdateRoleInput } from './roles.types.js';

type Deps = Pick<AppContext, 'database' | 'now' | 'accessControl' | 'signals'>;

const ONE: ItemQuery = { fields: ['*'], filter: null, sort: [], limit: 1, offset: 0, search: null, meta: [], aggregate: null, groupBy: [] };

function requireAdmin(actor: Actor): void {
  if (!actor.admin) throw forbiddenCollection('roles');
}

/** Lists roles through the permission engine (admins only, unless a role's rules grant read on roles). */
export async function listRoles(deps: Deps, actor: Actor, query: ItemQuery): Promise<ReadResult> {
  return listSystemItems(deps, actor, 'roles', query);
}

export async function getRole(deps: Deps, actor: Actor, id: string, query: ItemQuery = ONE): Promise<Item> {
  return getSystemItem(deps, actor, 'roles', id, query);
}

/** Creates a role (admins only). RECORD_NOT_UNIQUE for a taken name. */
export async function createRole(deps: Deps, actor: Actor, input: CreateRoleInput): Promise<Item> {
  requireAdmin(actor);
  await assertNameFree(deps, input.name);
  const id = randomUUID();
  const timestamp = deps.now().toISOString();
  await deps.database.db.transaction().execute(async (trx) => {
    await repo.insertRole(trx, {
      id,
      name: input.name.trim(),
      icon: input.icon ?? null,
      description: input.description ?? null,
      admin_access: input.admin_access ?? false,
      app_access: input.app_access ?? true,
      date_created: timestamp,
    });
    await recordSystemChange(trx, actor, { action: 'create', collection: 'roles', item: id, delta: { ...input }, timestamp });
  });
  return getRole(deps, actor, id);
}

export async function updateRole(deps: Deps, actor: Actor, id: string, input: UpdateRoleInput): Promise<Item> {
  requireAdmin(actor);
  const existing = await repo.findRoleById(deps.database.db, id);
  if (!existing) throw forbidden();
  if (input.name !== undefined && input.name.trim() !== existing.name) await assertNameFree(deps, input.name);
  if (input.admin_access === false && existing.admin_access && actor.role === id) {
    throw invalidPayload('You cannot remove admin access from your own role');
  }
  await deps.database.db.transaction().execute(async (trx) => {
    await repo.updateRole(trx, id, { ...input, ...(input.name !== undefined ? { name: input.name.trim() } : {}) });
    await recordSystemChange(trx, actor, { action: 'update', collection: 'roles', item: id, delta: { ...input }, timestamp: deps.now().toISOString() });
  });
  deps.signals.publish('permissions');
  return getRole(deps, actor, id);
}

/** Deletes a role (admins only) unless users still hold it. */
export async function deleteRole(deps: Deps, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor);
  const holders = await repo.countUsersWithRole(deps.database.db, id);
  if (holders > 0) throw invalidPayload(`The role is held by ${holders} user${holders === 1 ? '' : 's'}; give them another role first`);
  await deps.database.db.transaction().execute(async (trx) => {
    await repo.deleteRole(trx, id);
    await recordSystemChange(trx, actor, { action: 'delete', collection: 'roles', item: id, delta: null, timestamp: deps.now().toISOString() });
  });
  deps.signals.publish('permissions');
}

async function assertNameFree(deps: Deps, name: string): Promise<void> {
  if (await repo.findRoleByName(deps.database.db, name.trim())) {
    throw new AppError('RECORD_NOT_UNIQUE', 'Value for field "name" has to be unique.', { extensions: { field: 'name' } });
  }
}
