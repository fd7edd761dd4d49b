import type { Kysely } from 'kysely';
import { parseJsonColumn } from '../db/json-column.js';
import type { Database, PermissionAction } from '../db/tables.js';
import { forbiddenCollection, forbiddenField } from '../errors.js';
import { type FieldGuard, type FilterNode, normalizeFilter } from '../query/filter.js';
import type { Schema, SchemaRegistry } from '../schema/schema-registry.js';
import type { CollectionInfo } from '../schema/types.js';
import type { Actor } from './actor.js';

/**
 * The permission engine (DESIGN §4): the only place that decides access. Permission rows are data, one per
 * role × collection × action; a role without a row has no access. Rows are loaded per role, normalised against
 * the current schema and cached until a permission, role or schema change invalidates them.
 */
export const ACTIONS: readonly PermissionAction[] = ['create', 'read', 'update', 'delete'];

/** What one role may do with one collection for one action. */
export interface CollectionAccess {
  /** Rows the action may touch; null means every row. */
  filter: FilterNode | null;
  /** Fields the action may read or write. */
  fields: ReadonlySet<string>;
  /** Rule a created or updated item must satisfy; null means none. */
  validation: FilterNode | null;
  /** Default values applied to created items. */
  presets: Readonly<Record<string, unknown>>;
  /** True when the action is unrestricted (admins), so callers may skip work. */
  full: boolean;
}

export interface ActorAccess {
  readonly actor: Actor;
  readonly schema: Schema;
  /** Access for one action, or null when the caller has none. */
  get(collection: string, action: PermissionAction): CollectionAccess | null;
  /** Like get(), but FORBIDDEN (as if the collection did not exist) when there is no access. */
  require(collection: string, action: PermissionAction): CollectionAccess;
  /** Guard for filters, sorts, searches and aggregates: every field they touch must be readable (403 otherwise). */
  readGuard: FieldGuard;
  /** The read rule of a collection a relational query enters. */
  readFilter(collection: CollectionInfo): FilterNode | null;
}

export interface AccessControl {
  forActor(actor: Actor): Promise<ActorAccess>;
  /** Forgets cached rules (after a permission or role change). */
  invalidate(): void;
}

export interface PermissionRowInput {
  collection: string;
  action: PermissionAction;
  permissions: unknown;
  validation: unknown;
  presets: unknown;
  fields: unknown;
}

type RoleRules = Map<string, CollectionAccess>;

export function createAccessControl(deps: { db: Kysely<Database>; schema: SchemaRegistry }): AccessControl {
  const cache = new Map<string, { version: number; rules: Promise<RoleRules> }>();

  async function rulesFor(role: string, schema: Schema): Promise<RoleRules> {
    const cached = cache.get(role);
    if (cached && cached.version === schema.version) return cached.rules;
    const rules = loadRoleRules(deps.db, role, schema);
    cache.set(role, { version: schema.version, rules });
    rules.catch(() => cache.delete(role));
    return rules;
  }

  return {
    async forActor(actor) {
      const schema = deps.schema.current();
      const rules = actor.admin || !actor.role ? new Map<string, CollectionAccess>() : await rulesFor(actor.role, schema);
      return createActorAccess(actor, schema, (collection, action) => {
        if (actor.admin) return schema.collection(collection) ? fullAccess(schema.collection(collection) as CollectionInfo) : null;
        return rules.get(`${collection}:${action}`) ?? null;
      });
    },
    invalidate() {
      cache.clear();
    },
  };
}

function createActorAccess(actor: Actor, schema: Schema, lookup: (collection: string, action: PermissionAction) => CollectionAccess | null): ActorAccess {
  const get = (collection: string, action: PermissionAction) => (schema.collection(collection) ? lookup(collection, action) : null);
  return {
    actor,
    schema,
    get,
    require(collection, action) {
      const access = get(collection, action);
      if (!access) throw forbiddenCollection(collection);
      return access;
    },
    readGuard(collection, field, path) {
      const read = get(collection.collection, 'read');
      const where = path.includes('.') ? `"${path.slice(0, path.lastIndexOf('.'))}"` : 'root';
      if (!read) throw forbiddenCollection(collection.collection, where);
      if (!read.fields.has(field.field)) throw forbiddenField(field.field, collection.collection, where);
    },
    readFilter(collection) {
      return get(collection.collection, 'read')?.filter ?? null;
    },
  };
}

/** Per schema snapshot (a changed schema brings new CollectionInfo objects); asked for on every admin access check. */
const fullAccessCache = new WeakMap<CollectionInfo, CollectionAccess>();

function fullAccess(collection: CollectionInfo): CollectionAccess {
  let access = fullAccessCache.get(collection);
  if (!access) {
    access = Object.freeze({ filter: null, fields: new Set(collection.fields.keys()), validation: null, presets: Object.freeze({}), full: true });
    fullAccessCache.set(collection, access);
  }
  return access;
}

async function loadRoleRules(db: Kysely<Database>, role: string, schema: Schema): Promise<RoleRules> {
  const rows = await db.selectFrom('permissions').selectAll().where('role', '=', role).execute();
  const rules: RoleRules = new Map();
  for (const row of rows) {
    const collection = schema.collection(row.collection);
    if (!collection) continue;
    rules.set(
      `${row.collection}:${row.action}`,
      toCollectionAccess(
        {
          collection: row.collection,
          action: row.action,
          permissions: parseJsonColumn<unknown>(row.permissions, null),
          validation: parseJsonColumn<unknown>(row.validation, null),
          presets: parseJsonColumn<unknown>(row.presets, null),
          fields: parseJsonColumn<unknown>(row.fields, null),
        },
        collection,
        schema,
      ),
    );
  }
  return rules;
}

/** Normalises one permission row; also used to validate rows admins submit (INVALID_QUERY for a bad rule). */
export function toCollectionAccess(row: PermissionRowInput, collection: CollectionInfo, schema: Schema): CollectionAccess {
  const filter = row.permissions && !isEmptyObject(row.permissions) ? normalizeFilter(row.permissions, collection, { schema }) : null;
  const validation = row.validation && !isEmptyObject(row.validation) ? normalizeFilter(row.validation, collection, { schema }) : null;
  return {
    filter,
    validation,
    presets: row.presets && typeof row.presets === 'object' && !Array.isArray(row.presets) ? (row.presets as Record<string, unknown>) : {},
    fields: resolveFieldList(row.fields, collection),
    full: false,
  };
}

/**
 * Field lists name fields explicitly, or use "*" (every field) and "$custom" (every admin-defined field, so a new
 * custom field is covered without editing the rule). Names of deleted fields are ignored.
 */
export function resolveFieldList(value: unknown, collection: CollectionInfo): Set<string> {
  const names = Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  const fields = new Set<string>();
  for (const name of names) {
    if (name === '*') for (const field of collection.fields.keys()) fields.add(field);
    else if (name === '$custom') for (const field of collection.fields.values()) field.custom && fields.add(field.field);
    else if (collection.fields.has(name)) fields.add(name);
  }
  return fields;
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}
