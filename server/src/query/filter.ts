import { invalidQuery } from '../errors.js';
import type { Schema } from '../schema/schema-registry.js';
import type { CollectionInfo, FieldInfo, FieldType } from '../schema/types.js';
import { isDynamicValue, parseDynamicValue } from './dynamic-values.js';
import { isCalendarDay, isStorableDate, parseDateTime } from './values.js';

/**
 * Filter rules (DESIGN §3) as a checked tree. Raw JSON from a query string or a permission row is normalised
 * against the schema once: unknown fields, operators and badly typed values are INVALID_QUERY here, so the SQL
 * compiler only ever sees valid input. Dynamic values ($CURRENT_USER, $NOW(-7 days)) stay symbolic until compile.
 */
export const OPERATORS = [
  '_eq',
  '_neq',
  '_lt',
  '_lte',
  '_gt',
  '_gte',
  '_in',
  '_nin',
  '_null',
  '_nnull',
  '_contains',
  '_ncontains',
  '_icontains',
  '_nicontains',
  '_starts_with',
  '_nstarts_with',
  '_istarts_with',
  '_ends_with',
  '_nends_with',
  '_iends_with',
  '_between',
  '_nbetween',
  '_empty',
  '_nempty',
] as const;
export type Operator = (typeof OPERATORS)[number];

const EVERY_TYPE: readonly Operator[] = ['_eq', '_neq', '_in', '_nin', '_null', '_nnull', '_empty', '_nempty'];
const ORDERED: readonly Operator[] = ['_lt', '_lte', '_gt', '_gte', '_between', '_nbetween'];
const TEXTUAL: readonly Operator[] = [
  '_contains',
  '_ncontains',
  '_icontains',
  '_nicontains',
  '_starts_with',
  '_nstarts_with',
  '_istarts_with',
  '_ends_with',
  '_nends_with',
  '_iends_with',
];

const OPERATORS_BY_TYPE: Record<FieldType, ReadonlySet<Operator>> = {
  integer: new Set([...EVERY_TYPE, ...ORDERED]),
  decimal: new Set([...EVERY_TYPE, ...ORDERED]),
  date: new Set([...EVERY_TYPE, ...ORDERED]),
  datetime: new Set([...EVERY_TYPE, ...ORDERED]),
  string: new Set([...EVERY_TYPE, ...ORDERED, ...TEXTUAL]),
  text: new Set([...EVERY_TYPE, ...ORDERED, ...TEXTUAL]),
  uuid: new Set([...EVERY_TYPE, ...ORDERED, ...TEXTUAL]),
  boolean: new Set(['_eq', '_neq', '_in', '_nin', '_null', '_nnull']),
  json: new Set(['_null', '_nnull']),
  alias: new Set(),
};

/** A filter value: a plain value, or a dynamic variable resolved when the filter is compiled. */
export type FilterValue = string | number | boolean | null | { dynamic: string };

export type FilterNode =
  | { kind: 'and' | 'or'; children: FilterNode[] }
  | { kind: 'condition'; field: FieldInfo; operator: Operator; value: FilterValue | FilterValue[] }
  /** `correlate`: compile as a lookup of each row's target (see CompileContext.correlate), for this relation only. */
  | { kind: 'm2o'; field: FieldInfo; target: CollectionInfo; node: FilterNode; correlate?: boolean }
  | { kind: 'o2m'; field: FieldInfo; target: CollectionInfo; quantifier: 'some' | 'none'; node: FilterNode; parentKey: string };

export const MATCH_ALL: FilterNode = { kind: 'and', children: [] };

/** Called for every field a filter touches (the permission engine refuses unreadable ones with 403). */
export type FieldGuard = (collection: CollectionInfo, field: FieldInfo, path: string) => void;

export interface NormalizeOptions {
  schema: Schema;
  guard?: FieldGuard;
  maxDepth?: number;
  maxConditions?: number;
  maxListLength?: number;
  /** Values over all conditions: each is a bound parameter, and SQLite binds at most 32,766 per statement. */
  maxValues?: number;
}

const DEFAULT_LIMITS = { maxDepth: 16, maxConditions: 500, maxListLength: 1000, maxValues: 10_000 };

/** Turns a raw filter rule into a checked tree for `collection`. INVALID_QUERY for anything malformed. */
export function normalizeFilter(raw: unknown, collection: CollectionInfo, options: NormalizeOptions): FilterNode {
  const limits = { ...DEFAULT_LIMITS, ...options };
  const state = { conditions: 0, values: 0 };

  function visitRule(rule: unknown, current: CollectionInfo, depth: number, path: string): FilterNode {
    if (depth > limits.maxDepth) throw invalidQuery(`Filter is nested deeper than ${limits.maxDepth} levels`);
    if (!isPlainObject(rule)) throw invalidQuery(`Filter ${path ? `at "${path}" ` : ''}must be an object`);
    const children: FilterNode[] = [];
    for (const [key, value] of Object.entries(rule)) {
      if (key === '_and' || key === '_or') {
        const list = asList(value, key);
        children.push({ kind: key === '_and' ? 'and' : 'or', children: list.map((item) => visitRule(item, current, depth + 1, path)) });
        continue;
      }
      if (key.startsWith('_')) throw invalidQuery(`Unknown filter operator "${key}"${path ? ` at "${path}"` : ''}`);
      children.push(visitField(key, value, current, depth + 1, path));
    }
    return children.length === 1 ? (children[0] as FilterNode) : { kind: 'and', children };
  }

  function visitField(name: string, rule: unknown, current: CollectionInfo, depth: number, parentPath: string): FilterNode {
    const path = parentPath ? `${parentPath}.${name}` : name;
    const field = current.fields.get(name);
    if (!field) throw invalidQuery(`Field "${path}" does not exist in collection "${current.collection}"`);
    options.guard?.(current, field, path);
    if (!isPlainObject(rule)) throw invalidQuery(`Filter for field "${path}" must be an object such as {"_eq": …}`);

    if (field.o2m) return visitO2m(field, current, rule, depth, path);

    const parts: FilterNode[] = [];
    const nested: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(rule)) {
      if (key.startsWith('_')) parts.push(condition(field, key, value, path));
      else nested[key] = value;
    }
    if (Object.keys(nested).length > 0) {
      if (!field.relatedCollection) throw invalidQuery(`Field "${path}" is not relational; use an operator such as "_eq"`);
      const target = relatedCollection(field);
      parts.push({ kind: 'm2o', field, target, node: visitRule(nested, target, depth + 1, path) });
    }
    if (parts.length === 0) throw invalidQuery(`Filter for field "${path}" is empty`);
    return parts.length === 1 ? (parts[0] as FilterNode) : { kind: 'and', children: parts };
  }

  function visitO2m(field: FieldInfo, current: CollectionInfo, rule: Record<string, unknown>, depth: number, path: string): FilterNode {
    const target = options.schema.collection(field.o2m?.collection ?? '');
    if (!target) throw invalidQuery(`Relation "${path}" points at an unknown collection`);
    const keys = Object.keys(rule);
    if (keys.length === 1 && (keys[0] === '_some' || keys[0] === '_none')) {
      const inner = rule[keys[0]];
      const node = isPlainObject(inner) && Object.keys(inner).length === 0 ? MATCH_ALL : visitRule(inner, target, depth + 1, path);
      return { kind: 'o2m', field, target, quantifier: keys[0] === '_some' ? 'some' : 'none', node, parentKey: current.primaryKey };
    }
    if (keys.some((key) => key.startsWith('_') && key !== '_and' && key !== '_or')) {
      throw invalidQuery(`One-to-many field "${path}" takes "_some" or "_none"`);
    }
    return { kind: 'o2m', field, target, quantifier: 'some', node: visitRule(rule, target, depth + 1, path), parentKey: current.primaryKey };
  }

  function relatedCollection(field: FieldInfo): CollectionInfo {
    const target = options.schema.collection(field.relatedCollection ?? '');
    if (!target) throw invalidQuery(`Relation "${field.field}" points at an unknown collection`);
    return target;
  }

  function condition(field: FieldInfo, key: string, value: unknown, path: string): FilterNode {
    if (!(OPERATORS as readonly string[]).includes(key)) throw invalidQuery(`Unknown filter operator "${key}" for field "${path}"`);
    const operator = key as Operator;
    if (!OPERATORS_BY_TYPE[field.type].has(operator)) throw invalidQuery(`Operator "${operator}" cannot be used on ${field.type} field "${path}"`);
    state.conditions += 1;
    if (state.conditions > limits.maxConditions) throw invalidQuery(`Filter has more than ${limits.maxConditions} conditions`);
    const operand = coerceOperand(field, operator, value, path, limits.maxListLength);
    state.values += Array.isArray(operand) ? operand.length : 1;
    if (state.values > limits.maxValues) throw invalidQuery(`Filter has more than ${limits.maxValues} values; split the request`);
    return { kind: 'condition', field, operator, value: operand };
  }

  function asList(value: unknown, key: string): unknown[] {
    if (Array.isArray(value)) return value;
    // Bracket form turns arrays into objects with numeric keys: filter[_or][0][status][_eq]=Open
    if (isPlainObject(value) && Object.keys(value).every((k) => /^\d+$/.test(k))) return Object.values(value);
    throw invalidQuery(`"${key}" must be a list of filter rules`);
  }

  return visitRule(raw, collection, 0, '');
}

function coerceOperand(field: FieldInfo, operator: Operator, value: unknown, path: string, maxList: number): FilterValue | FilterValue[] {
  switch (operator) {
    case '_null':
    case '_nnull':
    case '_empty':
    case '_nempty':
      return coerceFlag(value, operator, path);
    case '_in':
    case '_nin': {
      // NULL never matches inside IN (SQL semantics), so null entries are dropped here.
      const list = toList(value).filter((item) => item !== null);
      if (list.length > maxList) throw invalidQuery(`"${operator}" on "${path}" takes at most ${maxList} values`);
      return list.map((item) => coerceValue(field, item, path));
    }
    case '_between':
    case '_nbetween': {
      const list = toList(value);
      if (list.length !== 2) throw invalidQuery(`"${operator}" on "${path}" takes exactly two values`);
      return list.map((item) => coerceValue(field, item, path));
    }
    case '_eq':
    case '_neq':
      return value === null ? null : coerceValue(field, value, path);
    default:
      if (TEXTUAL.includes(operator)) {
        if (typeof value !== 'string' && typeof value !== 'number') throw invalidQuery(`"${operator}" on "${path}" takes a text value`);
        return checkText(String(value), path);
      }
      if (value === null) throw invalidQuery(`"${operator}" on "${path}" needs a value`);
      return coerceValue(field, value, path);
  }
}

function coerceFlag(value: unknown, operator: Operator, path: string): boolean {
  if (value === true || value === 'true' || value === 1 || value === '1' || value === '' || value === null) return true;
  if (value === false || value === 'false' || value === 0 || value === '0') return false;
  throw invalidQuery(`"${operator}" on "${path}" takes true or false`);
}

function toList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isPlainObject(value) && Object.keys(value).every((k) => /^\d+$/.test(k))) return Object.values(value);
  if (typeof value === 'string') return value === '' ? [] : value.split(',');
  return [value];
}

/** Checks and converts one comparison value to the field's storage form (ISO timestamps, numbers, booleans). */
export function coerceValue(field: FieldInfo, value: unknown, path: string): FilterValue {
  if (typeof value === 'string' && isDynamicValue(value)) {
    const dynamic = parseDynamicValue(value);
    if (!dynamic) throw invalidQuery(`Unknown dynamic value "${value}" for field "${path}"`);
    const fits =
      dynamic.variable === 'now'
        ? field.type === 'datetime' || field.type === 'date'
        : dynamic.variable === 'user_field'
          ? field.type === 'string' || field.type === 'text'
          : ['uuid', 'string', 'text'].includes(field.type);
    if (!fits) throw invalidQuery(`Dynamic value "${value}" cannot be compared with ${field.type} field "${path}"`);
    return { dynamic: value };
  }
  const bad = (expected: string) => invalidQuery(`Value ${JSON.stringify(value)} for field "${path}" is not ${expected}`);
  switch (field.type) {
    case 'integer': {
      const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
      if (!Number.isSafeInteger(number)) throw bad('an integer');
      if (number < INTEGER_RANGE.min || number > INTEGER_RANGE.max) throw bad(`an integer from ${INTEGER_RANGE.min} to ${INTEGER_RANGE.max}`);
      return number;
    }
    case 'decimal': {
      const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      if (!Number.isFinite(number)) throw bad('a number');
      return number;
    }
    case 'boolean':
      if (value === true || value === 'true' || value === 1 || value === '1') return true;
      if (value === false || value === 'false' || value === 0 || value === '0') return false;
      throw bad('true or false');
    case 'datetime': {
      // Numbers are epoch milliseconds; text has to be an ISO 8601 date (and time) that exists on the calendar.
      const date = typeof value === 'string' ? parseDateTime(value) : typeof value === 'number' ? new Date(value) : null;
      if (!date || !isStorableDate(date)) throw bad('a date and time between the years 1 and 9999, such as 2026-12-03T16:49:01Z');
      return date.toISOString();
    }
    case 'date':
      if (typeof value !== 'string' || !isCalendarDay(value)) throw bad('a date such as 2026-12-03');
      return value;
    case 'string':
    case 'text':
    case 'uuid':
      if (typeof value === 'string') return checkText(value, path);
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      throw bad('text');
    default:
      throw bad(`comparable (${field.type})`);
  }
}

/** Integer columns are 32-bit on PostgreSQL; wider values are refused up front on both databases. */
export const INTEGER_RANGE = { min: -2_147_483_648, max: 2_147_483_647 };

/** PostgreSQL text cannot hold NUL characters. */
function checkText(value: string, path: string): string {
  if (value.includes('\u0000')) throw invalidQuery(`Value for field "${path}" contains a NUL character`);
  return value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Combines filters with AND, skipping absent ones; null when none is left (no restriction). */
export function andFilters(...nodes: Array<FilterNode | null | undefined>): FilterNode | null {
  const present = nodes.filter((node): node is FilterNode => Boolean(node));
  if (present.length === 0) return null;
  return present.length === 1 ? (present[0] as FilterNode) : { kind: 'and', children: present };
}
