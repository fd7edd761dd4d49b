import { invalidQuery } from '../errors.js';
import type { CollectionInfo, FieldInfo, FieldType } from '../schema/types.js';
import { column, compileFilter, table } from './compile-filter.js';
import { normalizeFilter } from './filter.js';
import { inlineRelations } from './inline-relations.js';
import type { AggregateFunction, ItemQuery } from './parse-query.js';
import { contexts, type Item, joinConditions, type QueryEnv } from './read-items.js';
import { compileSearch } from './search.js';
import { type Fragment, runFragment, sql } from './sql-fragment.js';
import { toOutputValue } from './values.js';

const NUMERIC: ReadonlySet<FieldType> = new Set(['integer', 'decimal']);
const ORDERED: ReadonlySet<FieldType> = new Set(['integer', 'decimal', 'date', 'datetime', 'string', 'text', 'uuid']);

const SQL_FUNCTION: Record<AggregateFunction, (expression: Fragment) => Fragment> = {
  count: (e) => sql`count(${e})`,
  countDistinct: (e) => sql`count(distinct ${e})`,
  sum: (e) => sql`sum(${e})`,
  sumDistinct: (e) => sql`sum(distinct ${e})`,
  avg: (e) => sql`avg(${e})`,
  avgDistinct: (e) => sql`avg(distinct ${e})`,
  min: (e) => sql`min(${e})`,
  max: (e) => sql`max(${e})`,
};

/**
 * `aggregate` + `groupBy` in Directus's output shape: group values flattened next to the aggregates; `count=*` is
 * a plain number, an aggregate of a field is `{field: value}`. Only rows the caller may read are aggregated, and
 * every aggregated or grouped field must be readable (403 otherwise), so counts reveal nothing hidden.
 */
export async function aggregateItems(env: QueryEnv, collection: CollectionInfo, query: ItemQuery): Promise<Item[]> {
  const read = env.access.require(collection.collection, 'read');
  const alias = 't0';
  const groups = query.groupBy.map((name) => checkedField(collection, name, env, 'groupBy'));
  const selects: Fragment[] = groups.map((field) => sql`${column(alias, field.field)} as ${sql.id(`g__${field.field}`)}`);
  const outputs: Array<{ fn: AggregateFunction; field: FieldInfo | '*'; key: string }> = [];
  for (const [fn, names] of Object.entries(query.aggregate ?? {}) as Array<[AggregateFunction, string[]]>) {
    for (const name of names.length ? names : ['*']) {
      const key = `a__${outputs.length}`;
      if (name === '*') {
        if (fn !== 'count') throw invalidQuery(`"${fn}" needs a field name, not *`);
        selects.push(sql`count(*) as ${sql.id(key)}`);
        outputs.push({ fn, field: '*', key });
        continue;
      }
      const field = checkedField(collection, name, env, `aggregate[${fn}]`);
      if ((fn.startsWith('sum') || fn.startsWith('avg')) && !NUMERIC.has(field.type))
        throw invalidQuery(`"${fn}" needs a numeric field; "${name}" is ${field.type}`);
      if ((fn === 'min' || fn === 'max') && !ORDERED.has(field.type)) throw invalidQuery(`"${fn}" cannot be used on ${field.type} field "${name}"`);
      selects.push(sql`${SQL_FUNCTION[fn](column(alias, field.field))} as ${sql.id(key)}`);
      outputs.push({ fn, field, key });
    }
  }
  if (outputs.length === 0) throw invalidQuery('"aggregate" needs at least one function, such as aggregate[count]=*');

  const ctx = contexts(env);
  const userFilter = query.filter === null ? null : normalizeFilter(query.filter, collection, { schema: env.access.schema, guard: env.access.readGuard });
  const where = joinConditions([
    read.filter ? compileFilter(await inlineRelations(env.db, env, read.filter), alias, ctx.trusted) : null,
    userFilter ? compileFilter(userFilter, alias, ctx.user) : null,
    query.search !== null ? compileSearch(query.search, collection, alias, env) : null,
  ]);

  let statement = sql`select ${sql.join(selects)} from ${table(collection, alias)}`;
  if (where) statement = sql`${statement} where ${where}`;
  if (groups.length > 0) {
    statement = sql`${statement} group by ${sql.join(groups.map((field) => column(alias, field.field)))}`;
    statement = sql`${statement} order by ${sql.join(groupOrder(query.sort, groups, env.dialect, alias))}`;
    statement = sql`${statement} limit ${query.limit} offset ${query.offset}`;
  }
  const rows = await runFragment<Record<string, unknown>>(env.db, statement, env.dialect);
  return rows.map((row) => {
    const item: Item = {};
    for (const field of groups) item[field.field] = toOutputValue(field, row[`g__${field.field}`]);
    for (const output of outputs) {
      const raw = row[output.key];
      const value =
        raw === null || raw === undefined
          ? null
          : output.fn.startsWith('count')
            ? Number(raw)
            : output.field === '*'
              ? raw
              : toAggregateValue(output.fn, output.field, raw);
      if (output.field === '*') item[output.fn] = value;
      else item[output.fn] = { ...((item[output.fn] as Item) ?? {}), [output.field.field]: value };
    }
    return item;
  });
}

function toAggregateValue(fn: AggregateFunction, field: FieldInfo, raw: unknown): unknown {
  if (fn.startsWith('avg') || fn.startsWith('sum')) return Number(raw);
  return toOutputValue(field, raw);
}

function checkedField(collection: CollectionInfo, name: string, env: QueryEnv, where: string): FieldInfo {
  const field = collection.fields.get(name);
  if (!field) throw invalidQuery(`${where}: field "${name}" does not exist in collection "${collection.collection}"`);
  if (field.type === 'alias' || field.type === 'json') throw invalidQuery(`${where}: field "${name}" cannot be aggregated or grouped`);
  env.access.readGuard(collection, field, name);
  return field;
}

/** Groups sort by the requested group fields (others are refused), then by every group field for a stable order. */
function groupOrder(sort: string[], groups: FieldInfo[], dialect: 'sqlite' | 'postgres', alias: string): Fragment[] {
  const names = new Set(groups.map((field) => field.field));
  const parts: Fragment[] = [];
  const nulls = (descending: boolean) => (dialect === 'postgres' ? sql.raw(descending ? ' nulls last' : ' nulls first') : sql.raw(''));
  for (const entry of sort) {
    const descending = entry.startsWith('-');
    const name = descending ? entry.slice(1) : entry;
    if (!names.has(name)) throw invalidQuery(`Aggregated results can only be sorted by a groupBy field; "${name}" is not one`);
    parts.push(sql`${column(alias, name)} ${sql.raw(descending ? 'desc' : 'asc')}${nulls(descending)}`);
  }
  for (const field of groups) parts.push(sql`${column(alias, field.field)} asc${nulls(false)}`);
  return parts;
}
