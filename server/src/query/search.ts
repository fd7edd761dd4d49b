import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { ActorAccess } from '../access/access-control.js';
import type { DialectName } from '../db/dialect.js';
import type { CollectionInfo } from '../schema/types.js';
import { caseInsensitive, column } from './compile-filter.js';

/**
 * `search`: a case-insensitive substring match over the searchable text fields the caller may read (fields they
 * cannot read are simply not searched, so search reveals nothing hidden), plus an exact primary-key match.
 */
export function compileSearch(
  search: string,
  collection: CollectionInfo,
  alias: string,
  env: { dialect: DialectName; access: ActorAccess },
): RawBuilder<SqlBool> {
  const readable = env.access.get(collection.collection, 'read')?.fields ?? new Set<string>();
  const parts: RawBuilder<SqlBool>[] = [];
  for (const field of collection.fields.values()) {
    if (!field.searchable || !readable.has(field.field) || (field.type !== 'string' && field.type !== 'text')) continue;
    parts.push(caseInsensitive(column(alias, field.field), '_icontains', search, env.dialect));
  }
  const trimmed = search.trim();
  if (readable.has(collection.primaryKey)) {
    if (collection.primaryKeyType === 'integer' && /^\d{1,15}$/.test(trimmed))
      parts.push(sql<SqlBool>`${column(alias, collection.primaryKey)} = ${Number(trimmed)}`);
    if (collection.primaryKeyType === 'uuid' && /^[0-9a-f-]{36}$/i.test(trimmed))
      parts.push(sql<SqlBool>`${column(alias, collection.primaryKey)} = ${trimmed.toLowerCase()}`);
  }
  if (parts.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}
