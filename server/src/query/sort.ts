import type { ActorAccess } from '../access/access-control.js';
import { invalidQuery } from '../errors.js';
import type { CollectionInfo, FieldInfo } from '../schema/types.js';
import { type CompileContext, column, compileFilter, table } from './compile-filter.js';
import { type Fragment, sql } from './sql-fragment.js';

export interface SortTerm {
  path: string;
  descending: boolean;
  collection: CollectionInfo;
  access: ActorAccess;
  /** Server-chosen orders (such as a thread's date order) skip the caller's field check. */
  trusted?: boolean;
}

/**
 * ORDER BY for a list. Sorting by a field the caller cannot read is refused (403) — a sort order would reveal its
 * values. A many-to-one path (assigned_to.user.email) sorts by a correlated subquery that applies the target's
 * read rule. NULLs sort first ascending and last descending on both databases, and the primary key breaks ties
 * so pages are stable and identical on SQLite and PostgreSQL.
 */
export function compileSort(
  terms: SortTerm[],
  collection: CollectionInfo,
  alias: string,
  ctx: CompileContext,
  env: { dialect: 'sqlite' | 'postgres' },
): Fragment {
  const parts: Fragment[] = [];
  let hasPrimaryKey = false;
  for (const term of terms) {
    const { expression, field } = sortExpression(term, collection, alias, ctx);
    if (field.field === collection.primaryKey && !term.path.includes('.')) hasPrimaryKey = true;
    parts.push(direction(expression, term.descending, field, env.dialect));
  }
  if (!hasPrimaryKey) {
    const last = terms[terms.length - 1];
    parts.push(sql`${column(alias, collection.primaryKey)} ${sql.raw(last?.descending ? 'desc' : 'asc')}`);
  }
  return sql.join(parts);
}

function direction(expression: Fragment, descending: boolean, field: FieldInfo, dialect: 'sqlite' | 'postgres'): Fragment {
  const order = sql.raw(descending ? 'desc' : 'asc');
  // SQLite already sorts NULLs first ascending / last descending; PostgreSQL needs to be told.
  if (dialect === 'sqlite' || field.special === 'primary-key' || field.special === 'date-created') return sql`${expression} ${order}`;
  return sql`${expression} ${order} ${sql.raw(descending ? 'nulls last' : 'nulls first')}`;
}

function sortExpression(term: SortTerm, collection: CollectionInfo, alias: string, ctx: CompileContext): { expression: Fragment; field: FieldInfo } {
  const segments = term.path.split('.');
  if (segments.some((segment) => !segment) || segments.length > 4) throw invalidQuery(`Invalid sort field "${term.path}"`);
  return walk(segments, collection, alias, term, ctx, '');
}

function walk(
  segments: string[],
  collection: CollectionInfo,
  alias: string,
  term: SortTerm,
  ctx: CompileContext,
  prefix: string,
): { expression: Fragment; field: FieldInfo } {
  const [name, ...rest] = segments as [string, ...string[]];
  const path = `${prefix}${name}`;
  const field = collection.fields.get(name);
  if (!field) throw invalidQuery(`Sort field "${path}" does not exist in collection "${collection.collection}"`);
  if (!term.trusted) term.access.readGuard(collection, field, path);
  if (field.type === 'alias' || field.type === 'json') throw invalidQuery(`Cannot sort by "${path}"`);
  if (rest.length === 0) return { expression: column(alias, name), field };
  const target = field.relatedCollection ? term.access.schema.collection(field.relatedCollection) : undefined;
  if (!target) throw invalidQuery(`Sort field "${path}" is not a many-to-one relation`);
  const inner = ctx.nextAlias();
  const nested = walk(rest, target, inner, term, ctx, `${path}.`);
  const permission = term.access.readFilter(target);
  const link = sql`${column(inner, target.primaryKey)} = ${column(alias, name)}`;
  const where = permission ? sql`${link} and ${compileFilter(permission, inner, ctx)}` : link;
  return { expression: sql`(select ${nested.expression} from ${table(target, inner)} where ${where})`, field: nested.field };
}
