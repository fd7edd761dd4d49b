import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { ActorAccess, CollectionAccess } from '../../access/access-control.js';
import type { Actor } from '../../access/actor.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/tables.js';
import { AppError, forbidden, forbiddenCollection, invalidPayload } from '../../errors.js';
import { appendEvent } from '../../events/outbox.js';
import { aggregateItems } from '../../query/aggregate.js';
import { column, compileFilter, table } from '../../query/compile-filter.js';
import { andFilters, isPlainObject, normalizeFilter } from '../../query/filter.js';
import type { ItemQuery } from '../../query/parse-query.js';
import {
  contexts,
  type Item,
  isKeyFilter,
  joinConditions,
  primaryKeyFilter,
  type QueryEnv,
  type ReadResult,
  readItem,
  readItems,
} from '../../query/read-items.js';
import { sql as fragment, runFragment } from '../../query/sql-fragment.js';
import { toOutputValue } from '../../query/values.js';
import type { CollectionInfo, FieldInfo } from '../../schema/types.js';
import { recordActivity } from '../activity/activity.repository.js';
import { validatePayload } from './items.validation.js';

/**
 * The items service: every read and write of /items goes through here, and every decision goes through the
 * permission engine. Writes run in one transaction with their activity and revision rows; a rule that fails
 * after the write (validation through relations) rolls everything back.
 */
/** What reads need; writes also run filter flows and wake the worker. */
export type ReadDeps = Pick<AppContext, 'database' | 'now' | 'accessControl'>;
type ListDeps = ReadDeps & Pick<AppContext, 'aggregateCache'>;
export type Deps = ReadDeps & Pick<AppContext, 'flows' | 'signals'>;

export type Key = string | number;
export type BatchTarget = { keys: Key[] } | { query: ItemQuery };

export async function environment(deps: ReadDeps, actor: Actor): Promise<QueryEnv> {
  const access = await deps.accessControl.forActor(actor);
  return { db: deps.database.db, dialect: deps.database.dialect, access, now: deps.now() };
}

export function itemCollection(access: ActorAccess, name: string): CollectionInfo {
  const collection = access.schema.collection(name);
  if (!collection || collection.system) throw forbiddenCollection(name);
  return collection;
}

/** Lists items, or aggregates them when the query asks for `aggregate`. */
export async function listItems(deps: ListDeps, actor: Actor, collectionName: string, query: ItemQuery): Promise<ReadResult> {
  const env = await environment(deps, actor);
  const collection = itemCollection(env.access, collectionName);
  if (query.aggregate) {
    const cached = deps.aggregateCache.get(actor, collection.collection, query);
    if (cached) return { data: cached };
    const data = await aggregateItems(env, collection, query);
    deps.aggregateCache.set(actor, collection.collection, query, data);
    return { data };
  }
  return readItems(env, collection, query);
}

/** One item; FORBIDDEN both when it does not exist and when the caller may not see it. */
export async function getItem(deps: ReadDeps, actor: Actor, collectionName: string, key: string, query: ItemQuery): Promise<Item> {
  const env = await environment(deps, actor);
  const collection = itemCollection(env.access, collectionName);
  env.access.require(collection.collection, 'read');
  const item = await readItem(env, collection, key, query);
  if (!item) throw forbidden();
  return item;
}

/**
 * Creates items. FORBIDDEN without create access, for fields outside the caller's list, for relations to items the
 * caller cannot see, and when the created item breaks the create rule's validation; nothing is stored then.
 * Returns the created keys.
 */
export async function createItems(
  deps: Deps,
  actor: Actor,
  collectionName: string,
  payloads: unknown[],
): Promise<{ env: QueryEnv; collection: CollectionInfo; keys: Key[] }> {
  const env = await environment(deps, actor);
  const collection = itemCollection(env.access, collectionName);
  const create = env.access.require(collection.collection, 'create');
  const filtered: unknown[] = [];
  for (const payload of payloads) filtered.push(await deps.flows.applyFilters('items.create', collection.collection, payload, actor));
  const rows = filtered.map((payload) => ({
    values: validatePayload(collection, payload, { mode: 'create', allowedFields: create.fields, presets: create.presets }),
  }));
  const timestamp = env.now.toISOString();
  const keys = await deps.database.db.transaction().execute(async (trx) => {
    const created: Key[] = [];
    for (const { values } of rows) {
      await assertRelationsVisible(trx, env, collection, values);
      const row: Record<string, unknown> = { ...values, ...serverFields(collection, 'create', actor, timestamp) };
      if (collection.primaryKeyType === 'uuid') row[collection.primaryKey] = randomUUID();
      const inserted = await untyped(trx)
        .insertInto(collection.table)
        .values(row)
        .returning(sql.ref(collection.primaryKey).as('key'))
        .executeTakeFirstOrThrow();
      const key = inserted.key as Key;
      await assertValidation(trx, env, collection, create, [key]);
      await recordActivity(trx, {
        action: 'create',
        ...auditOf(actor),
        collection: collection.collection,
        item: key,
        timestamp,
        data: { ...values },
        delta: { ...values },
      });
      // The item as stored (defaults and presets applied), so flows judge what was written, not what was sent.
      await appendEvent(trx, { event: 'items.create', collection: collection.collection, keys: [key], payload: { ...values } }, actor, timestamp);
      created.push(key);
    }
    return created;
  });
  deps.signals.notifyLocal('outbox');
  return { env, collection, keys };
}

/**
 * Applies one or more updates atomically: each is `data` for the items with `keys` (or matching `query`).
 * FORBIDDEN when any target item is outside the caller's update rule — nothing changes then — or when a result
 * breaks the rule's validation. Returns every updated key.
 */
export async function updateItems(
  deps: Deps,
  actor: Actor,
  collectionName: string,
  changes: Array<{ target: BatchTarget; data: unknown }>,
): Promise<{ env: QueryEnv; collection: CollectionInfo; keys: Key[] }> {
  const env = await environment(deps, actor);
  const collection = itemCollection(env.access, collectionName);
  const update = env.access.require(collection.collection, 'update');
  const checked: Array<{ target: BatchTarget; payload: unknown; values: Record<string, unknown> }> = [];
  for (const change of changes) {
    const keys = 'keys' in change.target ? change.target.keys : undefined;
    const payload = await deps.flows.applyFilters('items.update', collection.collection, change.data, actor, keys);
    checked.push({ target: change.target, payload, values: validatePayload(collection, payload, { mode: 'update', allowedFields: update.fields }) });
  }
  const timestamp = env.now.toISOString();
  const keys = await deps.database.db.transaction().execute(async (trx) => {
    const updated: Key[] = [];
    for (const { target, payload, values } of checked) {
      const keys =
        'keys' in target ? await permittedKeys(trx, env, collection, update, target.keys) : await keysMatching(trx, env, collection, update, target.query);
      if (keys.length === 0) continue;
      await assertRelationsVisible(trx, env, collection, values);
      const before = await rowsByKey(trx, collection, keys);
      const written = { ...values, ...serverFields(collection, 'update', actor, timestamp) };
      await untyped(trx).updateTable(collection.table).set(written).where(collection.primaryKey, 'in', keys).execute();
      await assertValidation(trx, env, collection, update, keys);
      for (const key of keys) {
        const data = { ...before.get(String(key)), ...written };
        await recordActivity(trx, { action: 'update', ...auditOf(actor), collection: collection.collection, item: key, timestamp, data, delta: written });
      }
      await appendEvent(trx, { event: 'items.update', collection: collection.collection, keys, payload }, actor, timestamp);
      updated.push(...keys);
    }
    return updated;
  });
  if (keys.length > 0) deps.signals.notifyLocal('outbox');
  return { env, collection, keys };
}

/** Deletes the items with `keys` (or matching `query`); FORBIDDEN when any is outside the caller's delete rule. */
export async function deleteItems(deps: Deps, actor: Actor, collectionName: string, target: BatchTarget): Promise<Key[]> {
  const env = await environment(deps, actor);
  const collection = itemCollection(env.access, collectionName);
  const remove = env.access.require(collection.collection, 'delete');
  if ('keys' in target) await deps.flows.applyFilters('items.delete', collection.collection, target.keys, actor, target.keys);
  const timestamp = env.now.toISOString();
  const deleted = await deps.database.db.transaction().execute(async (trx) => {
    const keys =
      'keys' in target ? await permittedKeys(trx, env, collection, remove, target.keys) : await keysMatching(trx, env, collection, remove, target.query);
    if (keys.length === 0) return keys;
    const before = await rowsByKey(trx, collection, keys);
    await releaseReferences(trx, env, collection, keys, actor, timestamp);
    await untyped(trx).deleteFrom(collection.table).where(collection.primaryKey, 'in', keys).execute();
    for (const key of keys) {
      await recordActivity(trx, {
        action: 'delete',
        ...auditOf(actor),
        collection: collection.collection,
        item: key,
        timestamp,
        data: before.get(String(key)) ?? null,
        delta: null,
      });
    }
    await appendEvent(trx, { event: 'items.delete', collection: collection.collection, keys, payload: keys }, actor, timestamp);
    return keys;
  });
  if (deleted.length > 0) deps.signals.notifyLocal('outbox');
  return deleted;
}

/**
 * Items that point at deleted items through an optional many-to-one (a ticket's assigned agent) are set to null
 * as ordinary updates — with activity and an items.update event — instead of silently by the foreign key.
 */
async function releaseReferences(
  trx: Transaction<Database>,
  env: QueryEnv,
  deleted: CollectionInfo,
  keys: Key[],
  actor: Actor,
  timestamp: string,
): Promise<void> {
  for (const referrer of env.access.schema.itemCollections()) {
    for (const field of referrer.fields.values()) {
      if (field.relatedCollection !== deleted.collection || field.required || field.special) continue;
      const rows = (await untyped(trx).selectFrom(referrer.table).select(referrer.primaryKey).where(field.field, 'in', keys).execute()) as Record<
        string,
        Key
      >[];
      const referring = rows.map((row) => row[referrer.primaryKey] as Key);
      if (referring.length === 0) continue;
      const written = { [field.field]: null, ...serverFields(referrer, 'update', actor, timestamp) };
      await untyped(trx).updateTable(referrer.table).set(written).where(referrer.primaryKey, 'in', referring).execute();
      for (const key of referring) {
        await recordActivity(trx, { action: 'update', ...auditOf(actor), collection: referrer.collection, item: key, timestamp, data: null, delta: written });
      }
      await appendEvent(trx, { event: 'items.update', collection: referrer.collection, keys: referring, payload: { [field.field]: null } }, actor, timestamp);
    }
  }
}

/** Reads back what a write touched, as the caller may see it; undefined when they may not read it. */
export async function readBack(env: QueryEnv, collection: CollectionInfo, keys: Key[], query: ItemQuery): Promise<Item[] | undefined> {
  if (!env.access.get(collection.collection, 'read')) return undefined;
  const filter = primaryKeyFilter(collection, keys);
  if (!filter) return [];
  const pk = collection.primaryKey;
  const keepKey = query.fields.some((field) => field === pk || field.startsWith('*'));
  const fields = keepKey ? query.fields : [...query.fields, pk];
  const result = await readItems(env, collection, { ...query, fields, filter: null, search: null, meta: [], limit: keys.length, offset: 0, sort: [] }, filter);
  const byKey = new Map(result.data.map((item) => [String(item[pk]), item]));
  // In the caller's order; items hidden from the caller are left out.
  return keys.flatMap((key) => {
    const item = byKey.get(String(key));
    if (!item) return [];
    if (!keepKey) delete item[pk];
    return [item];
  });
}

/** Item tables carry admin-defined columns, so they are queried without the static table types. */
function untyped(trx: Transaction<Database>): Transaction<AnyRecord> {
  return trx as unknown as Transaction<AnyRecord>;
}

// biome-ignore lint/suspicious/noExplicitAny: item tables are dynamic (custom fields)
type AnyRecord = Record<string, any>;

function serverFields(collection: CollectionInfo, mode: 'create' | 'update', actor: Actor, timestamp: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of collection.fields.values()) {
    if (mode === 'create' && field.special === 'date-created') values[field.field] = timestamp;
    if (mode === 'create' && field.special === 'user-created') values[field.field] = actor.user;
    if (mode === 'update' && field.special === 'date-updated') values[field.field] = timestamp;
    if (mode === 'update' && field.special === 'user-updated') values[field.field] = actor.user;
  }
  return values;
}

function auditOf(actor: Actor) {
  return { user: actor.user, ip: actor.ip, userAgent: actor.userAgent };
}

/** The subset of `keys` the rule allows; FORBIDDEN unless it is all of them (existence never leaks). */
async function permittedKeys(trx: Transaction<Database>, env: QueryEnv, collection: CollectionInfo, access: CollectionAccess, keys: Key[]): Promise<Key[]> {
  if (keys.length === 0) return [];
  const unique = [...new Set(keys.map(String))];
  const keyFilter = primaryKeyFilter(collection, unique);
  if (!keyFilter || unique.length > 1000) throw forbidden();
  const found = await selectKeys(trx, env, collection, andFilters(keyFilter, access.filter), null);
  if (found.length !== unique.length) throw forbidden();
  return found;
}

async function keysMatching(trx: Transaction<Database>, env: QueryEnv, collection: CollectionInfo, access: CollectionAccess, query: ItemQuery): Promise<Key[]> {
  const userFilter = query.filter === null ? null : normalizeFilter(query.filter, collection, { schema: env.access.schema, guard: env.access.readGuard });
  return selectKeys(trx, env, collection, andFilters(access.filter, env.access.get(collection.collection, 'read')?.filter), userFilter, query.limit);
}

async function selectKeys(
  trx: Transaction<Database>,
  env: QueryEnv,
  collection: CollectionInfo,
  trusted: ReturnType<typeof andFilters>,
  user: ReturnType<typeof andFilters>,
  limit?: number,
): Promise<Key[]> {
  const ctx = contexts(env, trusted !== null && isKeyFilter(trusted, collection));
  const alias = 't0';
  const where = joinConditions([trusted ? compileFilter(trusted, alias, ctx.trusted) : null, user ? compileFilter(user, alias, ctx.user) : null]);
  let statement = fragment`select ${column(alias, collection.primaryKey)} as ${fragment.id('key')} from ${table(collection, alias)}`;
  if (where) statement = fragment`${statement} where ${where}`;
  statement = fragment`${statement} order by ${column(alias, collection.primaryKey)}`;
  if (limit !== undefined) statement = fragment`${statement} limit ${limit}`;
  const rows = await runFragment<{ key: Key }>(trx, statement, env.dialect);
  return rows.map((row) => row.key);
}

async function rowsByKey(trx: Transaction<Database>, collection: CollectionInfo, keys: Key[]): Promise<Map<string, Record<string, unknown>>> {
  const rows = (await untyped(trx).selectFrom(collection.table).selectAll().where(collection.primaryKey, 'in', keys).execute()) as Record<string, unknown>[];
  const byKey = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const item: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(row)) {
      const field = collection.fields.get(name);
      item[name] = field ? toOutputValue(field, value) : value;
    }
    byKey.set(String(row[collection.primaryKey]), item);
  }
  return byKey;
}

/** The rule's validation must hold for the stored result; it may look through relations, so it is checked in SQL. */
async function assertValidation(trx: Transaction<Database>, env: QueryEnv, collection: CollectionInfo, access: CollectionAccess, keys: Key[]): Promise<void> {
  if (!access.validation) return;
  const keyFilter = primaryKeyFilter(collection, keys);
  const ctx = contexts(env, true);
  const alias = 't0';
  const where = compileFilter(andFilters(keyFilter, access.validation) as NonNullable<ReturnType<typeof andFilters>>, alias, ctx.trusted);
  const rows = await runFragment<{ count: number }>(
    trx,
    fragment`select count(*) as ${fragment.id('count')} from ${table(collection, alias)} where ${where}`,
    env.dialect,
  );
  if (Number(rows[0]?.count ?? 0) !== new Set(keys.map(String)).size) throw forbidden();
}

/**
 * A many-to-one value must point at an item the caller can see: otherwise FORBIDDEN, the same answer whether the
 * target is hidden or missing, so foreign keys cannot be used to probe for other customers' items.
 */
async function assertRelationsVisible(trx: Transaction<Database>, env: QueryEnv, collection: CollectionInfo, values: Record<string, unknown>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const field = collection.fields.get(name) as FieldInfo;
    if (!field.relatedCollection || value === null) continue;
    const target = env.access.schema.collection(field.relatedCollection);
    if (!target) continue;
    const keyFilter = primaryKeyFilter(target, [value as Key]);
    const read = env.access.get(target.collection, 'read');
    const visible = keyFilter && read ? await selectKeys(trx, env, target, andFilters(keyFilter, read.filter), null) : [];
    if (visible.length === 0) {
      if (env.access.actor.admin) {
        throw new AppError('INVALID_FOREIGN_KEY', `Invalid foreign key: no ${target.collection} item with key ${JSON.stringify(value)}.`, {
          extensions: { field: name },
        });
      }
      throw forbidden();
    }
  }
}

/** Body of a batch PATCH/DELETE: an array of keys, {keys}, or {query}. */
/** `also`: the other keys the body may hold (`data` for PATCH); anything else is refused, as everywhere. */
export function parseBatchTarget(body: unknown, parseQuery: (raw: Record<string, unknown>) => ItemQuery, also: string[] = []): BatchTarget {
  if (Array.isArray(body)) return { keys: body.map(toKey) };
  if (isPlainObject(body)) {
    const unknown = Object.keys(body).find((name) => name !== 'keys' && name !== 'query' && !also.includes(name));
    if (unknown !== undefined) throw invalidPayload(`Unknown key "${unknown}" in the body`);
    if ('keys' in body && 'query' in body) throw invalidPayload('Send either "keys" or "query", not both');
  }
  if (isPlainObject(body) && Array.isArray(body.keys)) return { keys: body.keys.map(toKey) };
  if (isPlainObject(body) && isPlainObject(body.query)) return { query: parseQuery(body.query) };
  throw invalidPayload('Send an array of keys, {"keys": [...]} or {"query": {...}}');
}

function toKey(value: unknown): Key {
  if (typeof value === 'string' || typeof value === 'number') return value;
  throw invalidPayload('Keys must be strings or numbers');
}
