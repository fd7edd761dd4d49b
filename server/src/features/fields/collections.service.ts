import type { Actor } from '../../access/actor.js';
import type { AppContext } from '../../context.js';
import { forbiddenCollection } from '../../errors.js';
import type { CollectionInfo } from '../../schema/types.js';
import { environment } from '../items/items.service.js';

type Deps = Pick<AppContext, 'database' | 'now' | 'accessControl' | 'schema'>;

export interface CollectionOutput {
  collection: string;
  meta: Record<string, unknown>;
  schema: { name: string };
}

function toOutput(collection: CollectionInfo): CollectionOutput {
  return {
    collection: collection.collection,
    meta: {
      collection: collection.collection,
      icon: collection.icon,
      note: collection.note,
      hidden: false,
      singleton: false,
      system: collection.system,
      accountability: 'all',
      primary_key: collection.primaryKey,
    },
    schema: { name: collection.table },
  };
}

/** Item collections the caller can do anything with (admins: all collections, system ones included). */
export async function listCollections(deps: Deps, actor: Actor): Promise<CollectionOutput[]> {
  const env = await environment(deps, actor);
  const schema = deps.schema.current();
  const names = [
    ...schema.itemCollections().map((collection) => collection.collection),
    ...(actor.admin ? ['users', 'roles', 'permissions', 'activity', 'revisions'] : []),
  ];
  return names
    .map((name) => schema.collection(name) as CollectionInfo)
    .filter((collection) => (['create', 'read', 'update', 'delete'] as const).some((action) => env.access.get(collection.collection, action)))
    .map(toOutput);
}

export async function getCollection(deps: Deps, actor: Actor, name: string): Promise<CollectionOutput> {
  const found = (await listCollections(deps, actor)).find((collection) => collection.collection === name);
  if (!found) throw forbiddenCollection(name);
  return found;
}
