import type { ActorAccess } from '../access/access-control.js';
import { invalidQuery } from '../errors.js';
import type { Schema } from '../schema/schema-registry.js';
import type { CollectionInfo, FieldInfo } from '../schema/types.js';

/**
 * The shape of a read: which columns of which collection, which many-to-one relations are joined in and which
 * one-to-many relations are fetched by a batched second query. Built from `fields` (`*`, `*.*`, dot paths) and
 * cut down to what the caller may read: unreadable fields and relations into unreadable collections are silently
 * left out (Directus's behaviour); unknown fields are INVALID_QUERY.
 */
export type SelectionEntry =
  | { kind: 'column'; field: FieldInfo }
  | { kind: 'm2o'; field: FieldInfo; node: SelectionNode }
  | { kind: 'o2m'; field: FieldInfo; node: SelectionNode; idsOnly: boolean };

export interface SelectionNode {
  collection: CollectionInfo;
  entries: SelectionEntry[];
}

type PathTree = Map<string, PathTree>;

const MAX_DEPTH = 6;

export function buildSelection(fields: string[], collection: CollectionInfo, access: ActorAccess): SelectionNode {
  const tree: PathTree = new Map();
  for (const path of fields) {
    const segments = path.split('.');
    if (segments.length > MAX_DEPTH) throw invalidQuery(`Field path "${path}" is deeper than ${MAX_DEPTH} levels`);
    let level = tree;
    for (const segment of segments) {
      if (!segment) throw invalidQuery(`Invalid field path "${path}"`);
      let next = level.get(segment);
      if (!next) {
        next = new Map();
        level.set(segment, next);
      }
      level = next;
    }
  }
  return buildNode(tree, collection, access, access.schema, '');
}

function buildNode(tree: PathTree, collection: CollectionInfo, access: ActorAccess, schema: Schema, prefix: string): SelectionNode {
  const readable = access.get(collection.collection, 'read')?.fields ?? new Set<string>();
  const requested = new Map<string, PathTree | null>();

  const wildcard = tree.get('*');
  if (wildcard) {
    const expandRelations = wildcard.has('*');
    for (const field of collection.fields.values()) {
      if (field.type === 'alias' && !expandRelations) continue;
      requested.set(field.field, expandRelations && (field.relatedCollection || field.o2m) ? new Map([['*', new Map()]]) : null);
    }
  }
  for (const [name, sub] of tree) {
    if (name === '*') continue;
    const field = collection.fields.get(name);
    if (!field) throw invalidQuery(`Field "${prefix}${name}" does not exist in collection "${collection.collection}"`);
    requested.set(name, sub.size > 0 ? sub : (requested.get(name) ?? null));
  }

  const entries: SelectionEntry[] = [];
  for (const [name, sub] of requested) {
    const field = collection.fields.get(name) as FieldInfo;
    if (!readable.has(name)) continue;
    const related = field.relatedCollection ?? field.o2m?.collection;
    if (!related) {
      if (sub && sub.size > 0) throw invalidQuery(`Field "${prefix}${name}" is not relational`);
      entries.push({ kind: 'column', field });
      continue;
    }
    const target = schema.collection(related);
    if (!target) continue;
    const targetReadable = access.get(target.collection, 'read') !== null;
    if (field.o2m) {
      if (!targetReadable) continue;
      const childTree: PathTree = sub && sub.size > 0 ? sub : new Map([[target.primaryKey, new Map()]]);
      entries.push({ kind: 'o2m', field, node: buildNode(childTree, target, access, schema, `${prefix}${name}.`), idsOnly: !sub || sub.size === 0 });
      continue;
    }
    if (!sub || sub.size === 0) {
      entries.push({ kind: 'column', field });
      continue;
    }
    if (!targetReadable) continue;
    entries.push({ kind: 'm2o', field, node: buildNode(sub, target, access, schema, `${prefix}${name}.`) });
  }
  return { collection, entries };
}
