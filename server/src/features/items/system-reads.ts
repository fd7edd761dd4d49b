import type { Actor } from '../../access/actor.js';
import { forbidden, forbiddenCollection } from '../../errors.js';
import { aggregateItems } from '../../query/aggregate.js';
import type { ItemQuery } from '../../query/parse-query.js';
import { type Item, type QueryEnv, type ReadResult, readItem, readItems } from '../../query/read-items.js';
import type { CollectionInfo } from '../../schema/types.js';
import { environment, type ReadDeps } from './items.service.js';

/**
 * Reads of system collections (users, roles, permissions, activity, revisions) through the same query engine and
 * permission rules as items: the same filters, fields, sort and meta, and the same 403s.
 */
export async function listSystemItems(deps: ReadDeps, actor: Actor, collectionName: string, query: ItemQuery, env?: QueryEnv): Promise<ReadResult> {
  const context = env ?? (await environment(deps, actor));
  const collection = systemCollection(context, collectionName);
  if (query.aggregate) return { data: await aggregateItems(context, collection, query) };
  return readItems(context, collection, query);
}

export async function getSystemItem(
  deps: ReadDeps,
  actor: Actor,
  collectionName: string,
  key: string | number,
  query: ItemQuery,
  env?: QueryEnv,
): Promise<Item> {
  const context = env ?? (await environment(deps, actor));
  const collection = systemCollection(context, collectionName);
  context.access.require(collection.collection, 'read');
  const item = await readItem(context, collection, key, query);
  if (!item) throw forbidden();
  return item;
}

function systemCollection(env: QueryEnv, name: string): CollectionInfo {
  const collection = env.access.schema.collection(name);
  if (!collection?.system) throw forbiddenCollection(name);
  return collection;
}
