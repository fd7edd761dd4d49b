import type { ActorAccess } from '../access/access-control.js';
import type { DialectName } from '../db/dialect.js';
import type { CollectionInfo } from '../schema/types.js';
import { caseInsensitive, column } from './compile-filter.js';
import { type Fragment, sql } from './sql-fragment.js';

/**
 * Full-text indexes by collection (migration 202612032000): on SQLite an FTS5 trigram table over these columns
 * answers substring searches of three or more characters without scanning; PostgreSQL's pg_trgm indexes serve the
 * plain ILIKE form.
 */
const TRIGRAM_INDEXES: Record<string, { table: string; columns: readonly string[] }> = {
  support_ticket: { table: 'support_ticket_search', columns: ['customer_name', 'customer_email', 'message', 'resolution'] },
};

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
    parts.push(sql`${column(alias, collection.primaryKey)} in (select rowid from ${sql.table(index.table)} where ${sql.table(index.table)} match ${match})`);
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
