import type { ActorAccess } from '../access/access-control.js';
import type { AnyDb, DialectName } from '../db/dialect.js';
import type { CollectionInfo, FieldInfo } from '../schema/types.js';
import { type CompileContext, column, compileFilter, createAliasSequence, table } from './compile-filter.js';
import { andFilters, type FilterNode, INTEGER_RANGE, normalizeFilter } from './filter.js';
import { inlineRelations } from './inline-relations.js';
import type { ItemQuery } from './parse-query.js';
import { compileSearch } from './search.js';
import { buildSelection, type SelectionNode } from './selection.js';
import { compileSort, type SortTerm } from './sort.js';
import { type Fragment, runFragment, selectArrays, sql } from './sql-fragment.js';
import { toOutputValue } from './values.js';

/**
 * Reads items: one parameterised statement for the list (many-to-one relations are LEFT JOINed with the target's
 * read rule in the join condition), one COUNT per requested meta count, and one batched statement per
 * one-to-many relation requested — never one query per row. Every statement carries the caller's read rule.
 */
export interface QueryEnv {
  db: AnyDb;
  dialect: DialectName;
  access: ActorAccess;
  now: Date;
}

export type Item = Record<string, unknown>;

export interface ReadResult {
  data: Item[];
  meta?: { total_count?: number; filter_count?: number };
}

/** GET /items/<collection>: FORBIDDEN without read access; INVALID_QUERY for a bad query; 403 for unreadable fields in filter/sort. */
export async function readItems(env: QueryEnv, collection: CollectionInfo, query: ItemQuery, extra: FilterNode | null = null): Promise<ReadResult> {
  const read = env.access.require(collection.collection, 'read');
  const userFilter = query.filter === null ? null : normalizeFilter(query.filter, collection, { schema: env.access.schema, guard: env.access.readGuard });
  const selection = buildSelection(query.fields, collection, env.access);
  const sort = parseSort(query.sort, collection, env);

  const keyed = extra !== null && isKeyFilter(extra, collection);
  const ctx = contexts(env, keyed);
  const root = 't0';
  const rule = read.filter && !keyed ? await inlineRelations(env.db, env, read.filter, pinnedFields(userFilter)) : read.filter;
  const permission = rule ? compileFilter(rule, root, ctx.trusted) : null;
  const conditions = [
    permission,
    userFilter ? compileFilter(userFilter, root, ctx.user) : null,
    query.search !== null ? compileSearch(query.search, collection, root, env) : null,
    extra ? compileFilter(extra, root, ctx.trusted) : null,
  ];
  const { items: data } = await selectRows(env, ctx, {
    node: selection,
    alias: root,
    where: joinConditions(conditions),
    sort,
    limit: query.limit,
    offset: query.offset,
  });

  if (query.meta.length === 0) return { data };
  const meta: NonNullable<ReadResult['meta']> = {};
  for (const key of query.meta) {
    meta[key] = await countRows(env, collection, root, joinConditions(key === 'total_count' ? [permission] : conditions));
  }
  return { meta, data };
}

/** One item by primary key, through the same read rule; undefined when it does not exist or is hidden. */
export async function readItem(env: QueryEnv, collection: CollectionInfo, key: string | number, query: ItemQuery): Promise<Item | undefined> {
  const keyFilter = primaryKeyFilter(collection, [key]);
  if (!keyFilter) return undefined;
  const result = await readItems(env, collection, { ...query, limit: 1, offset: 0, meta: [], search: null, sort: [] }, keyFilter);
  return result.data[0];
}

/** A trusted filter "primary key in keys"; null when no key has the primary key's type (such items cannot exist). */
export function primaryKeyFilter(collection: CollectionInfo, keys: Array<string | number>): FilterNode | null {
  const pk = collection.fields.get(collection.primaryKey) as FieldInfo;
  const values = keys.flatMap((key): Array<string | number> => {
    if (collection.primaryKeyType === 'integer') {
      const number = typeof key === 'number' ? key : /^-?\d{1,15}$/.test(key) ? Number(key) : Number.NaN;
      return Number.isSafeInteger(number) && number >= INTEGER_RANGE.min && number <= INTEGER_RANGE.max ? [number] : [];
    }
    return typeof key === 'string' && key.length <= 64 && !key.includes('\u0000') ? [key] : [];
  });
  if (values.length === 0) return null;
  return { kind: 'condition', field: pk, operator: '_in', value: values };
}

/** Whether `filter` limits rows to listed primary keys (alone or as one term of an `and`). */
export function isKeyFilter(filter: FilterNode, collection: CollectionInfo): boolean {
  if (filter.kind === 'and') return filter.children.some((child) => isKeyFilter(child, collection));
  return filter.kind === 'condition' && filter.operator === '_in' && filter.field.field === collection.primaryKey;
}

/** Root fields the filter holds to listed values in every match (`field = v` or `field in (…)`, alone or and-ed). */
function pinnedFields(filter: FilterNode | null): Set<string> {
  const pinned = new Set<string>();
  const visit = (node: FilterNode) => {
    if (node.kind === 'and') node.children.forEach(visit);
    else if (node.kind === 'condition' && (node.operator === '_eq' || node.operator === '_in') && node.value !== null) pinned.add(node.field.field);
  };
  if (filter) visit(filter);
  return pinned;
}

interface Contexts {
  /** For permission rules: trusted, no extra rules when they cross relations. */
  trusted: CompileContext;
  /** For caller-written filters: each collection entered adds the caller's read rule for it. */
  user: CompileContext;
}

/** `keyed`: the statement is limited to a few primary keys (see CompileContext.correlate). */
export function contexts(env: QueryEnv, keyed = false): Contexts {
  const nextAlias = createAliasSequence('f');
  const dynamic = { user: env.access.actor.user, role: env.access.actor.role, now: env.now };
  const base = { dialect: env.dialect, dynamic, nextAlias, correlate: keyed };
  return { trusted: base, user: { ...base, entryFilter: (collection) => env.access.readFilter(collection) } };
}

export function joinConditions(conditions: Array<Fragment | null>): Fragment | null {
  const present = conditions.filter((condition): condition is Fragment => condition !== null);
  if (present.length === 0) return null;
  return present.length === 1 ? (present[0] as Fragment) : sql`${sql.join(present, sql` and `)}`;
}

function parseSort(sort: string[], collection: CollectionInfo, env: QueryEnv): SortTerm[] {
  return sort.map((entry) => {
    const descending = entry.startsWith('-');
    const path = descending ? entry.slice(1) : entry;
    return { path, descending, collection, access: env.access };
  });
}

interface SelectPlan {
  node: SelectionNode;
  alias: string;
  where: Fragment | null;
  sort: SortTerm[];
  limit: number | null;
  offset: number;
  /** A column of the root selected last, apart from the items (the parent key that one-to-many children group by). */
  groupBy?: string;
}

async function selectRows(env: QueryEnv, ctx: Contexts, plan: SelectPlan): Promise<{ items: Item[]; groups: unknown[] }> {
  const columns: Fragment[] = [];
  const joins: Fragment[] = [];
  const joinAlias = createAliasSequence('j');
  const assemble = planNode(plan.node, plan.alias, columns, joins, joinAlias, ctx);
  const collection = plan.node.collection;

  // A space cannot occur in a field name, so this alias never collides with a selected column's.
  if (plan.groupBy) columns.push(sql`${column(plan.alias, plan.groupBy)} as ${sql.id(`${plan.alias} group`)}`);
  const order = compileSort(plan.sort, collection, plan.alias, ctx.trusted, env);
  let statement = sql`select ${sql.join(columns)} from ${table(collection, plan.alias)}`;
  if (joins.length > 0) statement = sql`${statement} ${sql.join(joins, sql` `)}`;
  if (plan.where) statement = sql`${statement} where ${plan.where}`;
  statement = sql`${statement} order by ${order}`;
  if (plan.limit !== null) statement = sql`${statement} limit ${plan.limit} offset ${plan.offset}`;
  const rows = await selectArrays(env.db, statement, env.dialect);
  const items = rows.map((row) => assemble.build(row) as Item);
  await fillOneToMany(env, ctx, assemble.oneToMany, items, rows);
  return { items, groups: plan.groupBy ? rows.map((row) => row[columns.length - 1]) : [] };
}

/** A result row: column values in the order the statement selects them. */
type Row = unknown[];

interface NodeAssembly {
  build(row: Row): Item | null;
  oneToMany: Array<{ field: FieldInfo; node: SelectionNode; idsOnly: boolean; keyIndex: number; path: string[] }>;
}

/** Adds the node's columns and joins to the statement and returns how to turn a result row into nested items. */
function planNode(
  node: SelectionNode,
  alias: string,
  columns: Fragment[],
  joins: Fragment[],
  joinAlias: () => string,
  ctx: Contexts,
  path: string[] = [],
): NodeAssembly {
  const collection = node.collection;
  // Column aliases are unique per statement so that keyed rows (PostgreSQL's driver) keep every column.
  const pkIndex = columns.length;
  columns.push(sql`${column(alias, collection.primaryKey)} as ${sql.id(`${alias}__${collection.primaryKey}`)}`);
  const names: string[] = [];
  const values: Array<(row: Row) => unknown> = [];
  const oneToMany: NodeAssembly['oneToMany'] = [];

  for (const entry of node.entries) {
    const name = entry.field.field;
    if (entry.kind === 'column') {
      const index = name === collection.primaryKey ? pkIndex : columns.length;
      if (name !== collection.primaryKey) columns.push(sql`${column(alias, name)} as ${sql.id(`${alias}__${name}`)}`);
      names.push(name);
      values.push((row) => toOutputValue(entry.field, row[index]));
    } else if (entry.kind === 'm2o') {
      const target = entry.node.collection;
      const child = joinAlias();
      const permission = ctx.user.entryFilter?.(target) ?? null;
      const on = sql`${column(child, target.primaryKey)} = ${column(alias, name)}`;
      joins.push(
        permission
          ? sql`left join ${table(target, child)} on ${on} and ${compileFilter(permission, child, ctx.trusted)}`
          : sql`left join ${table(target, child)} on ${on}`,
      );
      const nested = planNode(entry.node, child, columns, joins, joinAlias, ctx, [...path, name]);
      oneToMany.push(...nested.oneToMany);
      names.push(name);
      values.push(nested.build);
    } else {
      oneToMany.push({ field: entry.field, node: entry.node, idsOnly: entry.idsOnly, keyIndex: pkIndex, path: [...path, name] });
    }
  }

  return { oneToMany, build: itemBuilder(names)(values, pkIndex) };
}

type ItemBuilderFactory = (values: Array<(row: Row) => unknown>, pkIndex: number) => (row: Row) => Item | null;
const itemBuilders = new Map<string, ItemBuilderFactory>();

/**
 * `(row) => item` with every field in one object literal, so that all items of a page share one shape. Assigning
 * field by field (one store site for every name) cost ~14 µs per 50-row page against ~2 µs, and slowed
 * JSON.stringify. The names are schema field names (lower-case identifiers starting with a letter, so never
 * `__proto__`), JSON-quoted into the source; values are only read through `values`. Compiled once per field list.
 */
function itemBuilder(names: string[]): ItemBuilderFactory {
  const key = names.join(',');
  let factory = itemBuilders.get(key);
  if (!factory) {
    const literal = names.map((name, index) => `${JSON.stringify(name)}: values[${index}](row)`).join(', ');
    factory = new Function(
      'values',
      'pkIndex',
      `return (row) => row[pkIndex] === null || row[pkIndex] === undefined ? null : { ${literal} };`,
    ) as ItemBuilderFactory;
    if (itemBuilders.size >= 500) itemBuilders.clear();
    itemBuilders.set(key, factory);
  }
  return factory;
}

/** One statement per one-to-many relation: children of every parent on the page, under the children's read rule. */
const PARENT_KEYS_PER_STATEMENT = 5000;

async function fillOneToMany(env: QueryEnv, ctx: Contexts, relations: NodeAssembly['oneToMany'], items: Item[], rows: Row[]) {
  for (const relation of relations) {
    const link = relation.field.o2m as { collection: string; field: string };
    const target = relation.node.collection;
    const targets = rows.map((row, index) => ({ key: row[relation.keyIndex], holder: holderOf(items[index] as Item, relation.path) }));
    const keys = [...new Set(targets.map((entry) => entry.key).filter((key): key is string | number => key !== null && key !== undefined))];
    const grouped = new Map<unknown, Item[]>();
    const read = env.access.get(target.collection, 'read');
    const alias = 'c0';
    const rule = read?.filter && keys.length > 0 ? compileFilter(await inlineRelations(env.db, env, read.filter), alias, ctx.trusted) : null;
    const sort: SortTerm[] = target.fields.has('date_created')
      ? [{ path: 'date_created', descending: false, collection: target, access: env.access, trusted: true }]
      : [];
    // Parents in slices: a statement binds at most 32,766 values on SQLite (an admin's agents with all their tickets).
    for (let start = 0; start < keys.length; start += PARENT_KEYS_PER_STATEMENT) {
      const slice = keys.slice(start, start + PARENT_KEYS_PER_STATEMENT);
      const where = joinConditions([rule, sql`${column(alias, link.field)} in (${sql.join(slice)})`]);
      const children = await selectRows(env, ctx, { node: relation.node, alias, where, sort, limit: null, offset: 0, groupBy: link.field });
      children.items.forEach((child, index) => {
        const parent = children.groups[index];
        const list = grouped.get(parent) ?? [];
        list.push(relation.idsOnly ? (child[target.primaryKey] as Item) : child);
        grouped.set(parent, list);
      });
    }
    for (const { key, holder } of targets) {
      if (holder) holder[relation.field.field] = grouped.get(key) ?? [];
    }
  }
}

/** The nested object (reached through joined many-to-one keys) that holds a one-to-many field, if present. */
function holderOf(item: Item, path: string[]): Item | null {
  let current: unknown = item;
  for (const key of path.slice(0, -1)) current = current && typeof current === 'object' ? (current as Item)[key] : null;
  return current && typeof current === 'object' ? (current as Item) : null;
}

async function countRows(env: QueryEnv, collection: CollectionInfo, alias: string, where: Fragment | null): Promise<number> {
  const statement = where
    ? sql`select count(*) as ${sql.id('count')} from ${table(collection, alias)} where ${where}`
    : sql`select count(*) as ${sql.id('count')} from ${table(collection, alias)}`;
  const rows = await runFragment<{ count: number }>(env.db, statement, env.dialect);
  return Number(rows[0]?.count ?? 0);
}

export { andFilters };
