import type { ActorAccess } from '../access/access-control.js';
import type { DialectName } from '../db/dialect.js';
import type { CollectionInfo } from '../schema/types.js';
import { caseInsensitive, column } from './compile-filter.js';
import { TRIGRAM_INDEXES } from './search-index.js';
import { type Fragment, sql } from './sql-fragment.js';

/**
 * `search`: a case-insensitive substring match over the searchable text fields the caller may read (fields they
 * cannot read are simply not searched, so search reveals nothing hidden), plus an exact primary-key match.
 */
export function compileSearch(search: string, collection: CollectionInfo, alias: string, env: { dialect: DialectName; access: ActorAccess }): Fragment {
  const readable = env.access.get(collection.collection, 'read')?.fields ?? new Set<string>();
  const parts: Fragment[] = [];
  const index = TRIGRAM_INDEXES[collection.collection];
  const indexed = env.dialect === 'sqlite' && index && [...search].length >= 3 ? index.columns.filter((name) => readable.has(name)) : [];
  if (index && indexed.length > 0) {
    // The FTS query is one quoted phrase limited to the readable columns; only a double quote needs escaping.
    const match = `{${indexed.join(' ')}} : "${search.replaceAll('"', '""')}"`;
    const key = column(alias, collection.primaryKey);
    const queued = sql`(select id from ${sql.table(index.pending)})`;
    // Rows changed since they were last indexed are matched on their stored text; the index may hold old text.
    const stored = indexed.map((name) => caseInsensitive(column(alias, name), '_icontains', search, env.dialect));
    parts.push(
      sql`(${key} in (select rowid from ${sql.table(index.table)} where ${sql.table(index.table)} match ${match}) and ${key} not in ${queued})`,
      sql`(${key} in ${queued} and (${sql.join(stored, sql` or `)}))`,
    );
  }
  for (const field of collection.fields.values()) {
    if (!field.searchable || !readable.has(field.field) || (field.type !== 'string' && field.type !== 'text')) continue;
    if (indexed.includes(field.field)) continue;
    parts.push(caseInsensitive(column(alias, field.field), '_icontains', search, env.dialect));
  }
  const trimmed = search.trim();
  if (readable.has(collection.primaryKey)) {
    if (collection.primaryKeyType === 'integer' && /^\d{1,15}$/.test(trimmed)) parts.push(sql`${column(alias, collection.primaryKey)} = ${Number(trimmed)}`);
    if (collection.primaryKeyType === 'uuid' && /^[0-9a-f-]{36}$/i.test(trimmed))
      parts.push(sql`${column(alias, collection.primaryKey)} = ${trimmed.toLowerCase()}`);
  }
  if (parts.length === 0) return sql`1 = 0`;
  return sql`(${sql.join(parts, sql` or `)})`;
}
