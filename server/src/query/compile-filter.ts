import type { DialectName } from '../db/dialect.js';
import type { CollectionInfo, FieldInfo } from '../schema/types.js';
import { type DynamicContext, resolveDynamicValue } from './dynamic-values.js';
import type { FilterNode, FilterValue, Operator } from './filter.js';
import { type Fragment, sql } from './sql-fragment.js';

/**
 * Compiles a checked filter tree into one SQL boolean expression over `alias`. Every value is a bound parameter;
 * identifiers come only from the schema. Relational filters become subqueries (m2o: `fk IN (SELECT pk …)`,
 * o2m: `EXISTS (…)`), and each collection a subquery enters gets the caller's read rule for it (`entryFilter`),
 * so a filter can never observe rows the caller may not read.
 *
 * NULL handling is the same on both databases: a negative operator (_neq, _nin, _ncontains, …) never matches NULL,
 * and no NOT wraps a compound expression, so SQL's three-valued logic always reduces to plain true/false.
 */
export interface CompileContext {
  dialect: DialectName;
  dynamic: DynamicContext;
  nextAlias(): string;
  entryFilter?(collection: CollectionInfo): FilterNode | null;
  /**
   * The statement is keyed by primary key (a few rows): many-to-one filters then look up each row's target
   * (`EXISTS (… WHERE pk = fk …)`) instead of `fk IN (SELECT pk …)`, which SQLite materialises in full — an
   * agent's thousands of tickets, for every message written.
   */
  correlate?: boolean;
}

export function createAliasSequence(prefix = 'f'): () => string {
  let counter = 0;
  return () => `${prefix}${++counter}`;
}

const TRUE = sql`1 = 1`;
const FALSE = sql`1 = 0`;

export function compileFilter(node: FilterNode, alias: string, ctx: CompileContext): Fragment {
  switch (node.kind) {
    case 'and':
    case 'or': {
      if (node.children.length === 0) return node.kind === 'and' ? TRUE : FALSE;
      const parts = node.children.map((child) => compileFilter(child, alias, ctx));
      return sql`(${sql.join(parts, node.kind === 'and' ? sql` and ` : sql` or `)})`;
    }
    case 'condition':
      return compileCondition(node.field, node.operator, node.value, alias, ctx);
    case 'm2o': {
      const inner = ctx.nextAlias();
      const where = withEntryFilter(node.node, node.target, inner, ctx);
      if (ctx.correlate || node.correlate) {
        return sql`exists (select 1 from ${table(node.target, inner)} where ${column(inner, node.target.primaryKey)} = ${column(alias, node.field.field)} and ${where})`;
      }
      return sql`${column(alias, node.field.field)} in (select ${column(inner, node.target.primaryKey)} from ${table(node.target, inner)} where ${where})`;
    }
    case 'o2m': {
      const inner = ctx.nextAlias();
      const link = node.field.o2m as { collection: string; field: string };
      const where = withEntryFilter(node.node, node.target, inner, ctx);
      const parentKey = column(alias, node.parentKey);
      const exists = sql`exists (select 1 from ${table(node.target, inner)} where ${column(inner, link.field)} = ${parentKey} and ${where})`;
      return node.quantifier === 'some' ? exists : sql`not ${exists}`;
    }
  }
}

function withEntryFilter(node: FilterNode, target: CollectionInfo, alias: string, ctx: CompileContext): Fragment {
  const entry = ctx.entryFilter?.(target) ?? null;
  const compiled = compileFilter(node, alias, ctx);
  return entry ? sql`${compiled} and ${compileFilter(entry, alias, ctx)}` : compiled;
}

export function column(alias: string, name: string): Fragment {
  return sql.ref(`${alias}.${name}`);
}

export function table(collection: CollectionInfo, alias: string): Fragment {
  return sql`${sql.table(collection.table)} as ${sql.id(alias)}`;
}

/** A value to compare with: bound as a parameter, or (a field of the caller) a lookup in the same statement. */
type Resolved = string | number | boolean | null | Fragment;

function resolve(value: FilterValue, ctx: CompileContext): Resolved | undefined {
  if (value !== null && typeof value === 'object') {
    const resolved = resolveDynamicValue(value.dynamic, ctx.dynamic);
    if (resolved !== null && typeof resolved === 'object') {
      if (resolved.user === null) return undefined;
      return sql`(select ${sql.ref(`u.${resolved.field}`)} from ${sql.table('users')} as ${sql.id('u')} where ${sql.ref('u.id')} = ${resolved.user})`;
    }
    // An anonymous caller has no user or role: a rule comparing with them must match nothing.
    return resolved === null ? undefined : resolved;
  }
  return value;
}

function compileCondition(field: FieldInfo, operator: Operator, raw: FilterValue | FilterValue[], alias: string, ctx: CompileContext): Fragment {
  const col = column(alias, field.field);
  if (Array.isArray(raw)) return compileList(col, operator, raw, ctx);
  if (typeof raw === 'boolean' && ['_null', '_nnull', '_empty', '_nempty'].includes(operator)) return compileFlag(col, field, operator, raw);
  const value = resolve(raw, ctx);
  if (value === undefined) return operator === '_neq' ? sql`${col} is not null` : FALSE;
  switch (operator) {
    case '_eq':
      return value === null ? sql`${col} is null` : sql`${col} = ${value}`;
    case '_neq':
      return value === null ? sql`${col} is not null` : sql`${col} <> ${value}`;
    case '_lt':
      return sql`${col} < ${value}`;
    case '_lte':
      return sql`${col} <= ${value}`;
    case '_gt':
      return sql`${col} > ${value}`;
    case '_gte':
      return sql`${col} >= ${value}`;
    default:
      return compileText(col, operator, String(value), ctx.dialect);
  }
}

function compileList(col: Fragment, operator: Operator, raw: FilterValue[], ctx: CompileContext): Fragment {
  // NULLs never match inside IN lists (SQL semantics), so they are dropped rather than left to poison NOT IN.
  const values = raw.map((value) => resolve(value, ctx)).filter((value): value is Exclude<Resolved, null> => value !== undefined && value !== null);
  switch (operator) {
    case '_in':
      return values.length === 0 ? FALSE : sql`${col} in (${sql.join(values)})`;
    case '_nin':
      return values.length === 0 ? TRUE : sql`${col} not in (${sql.join(values)})`;
    case '_between':
    case '_nbetween': {
      if (values.length !== 2) return FALSE;
      const [low, high] = values;
      return operator === '_between' ? sql`${col} between ${low} and ${high}` : sql`${col} not between ${low} and ${high}`;
    }
    default:
      throw new Error(`operator ${operator} does not take a list`);
  }
}

function compileFlag(col: Fragment, field: FieldInfo, operator: Operator, flag: boolean): Fragment {
  const wantsEmpty = (operator === '_null' || operator === '_empty') === flag;
  const textual = field.type === 'string' || field.type === 'text' || field.type === 'uuid';
  if (operator === '_empty' || operator === '_nempty') {
    if (textual) return wantsEmpty ? sql`(${col} is null or ${col} = '')` : sql`(${col} is not null and ${col} <> '')`;
  }
  return wantsEmpty ? sql`${col} is null` : sql`${col} is not null`;
}

function compileText(col: Fragment, operator: Operator, value: string, dialect: DialectName): Fragment {
  const length = [...value].length;
  const position = dialect === 'postgres' ? sql`strpos(${col}, ${value})` : sql`instr(${col}, ${value})`;
  const tail = dialect === 'postgres' ? sql`right(${col}, ${length})` : sql`substr(${col}, ${-length})`;
  switch (operator) {
    case '_contains':
      return sql`${position} > 0`;
    case '_ncontains':
      return sql`${position} = 0`;
    case '_icontains':
    case '_nicontains':
    case '_istarts_with':
    case '_iends_with':
      return caseInsensitive(col, operator, value, dialect);
    case '_starts_with':
      return length === 0 ? sql`${col} is not null` : sql`substr(${col}, 1, ${length}) = ${value}`;
    case '_nstarts_with':
      return length === 0 ? FALSE : sql`substr(${col}, 1, ${length}) <> ${value}`;
    case '_ends_with':
      return length === 0 ? sql`${col} is not null` : sql`${tail} = ${value}`;
    case '_nends_with':
      return length === 0 ? FALSE : sql`${tail} <> ${value}`;
    default:
      throw new Error(`unsupported operator ${operator}`);
  }
}

/**
 * Case-insensitive matching folds every letter on both databases: ILIKE on PostgreSQL, and on SQLite (whose LIKE
 * folds ASCII only) the parley_i* functions registered in db/database.ts.
 */
export function caseInsensitive(
  col: Fragment,
  operator: '_icontains' | '_nicontains' | '_istarts_with' | '_iends_with',
  value: string,
  dialect: DialectName,
): Fragment {
  if (dialect === 'sqlite') {
    const fn = { _icontains: 'parley_icontains', _nicontains: 'parley_icontains', _istarts_with: 'parley_istarts_with', _iends_with: 'parley_iends_with' }[
      operator
    ];
    return sql`${sql.raw(fn)}(${col}, ${value}) = ${operator === '_nicontains' ? 0 : 1}`;
  }
  const escaped = escapeLike(value);
  const pattern = { _icontains: `%${escaped}%`, _nicontains: `%${escaped}%`, _istarts_with: `${escaped}%`, _iends_with: `%${escaped}` }[operator];
  return operator === '_nicontains' ? sql`${col} not ilike ${pattern} escape '\\'` : sql`${col} ilike ${pattern} escape '\\'`;
}

/** LIKE patterns treat % and _ as wildcards; user text is matched literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}
