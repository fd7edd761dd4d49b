import { invalidQuery } from '../errors.js';
import { isPlainObject } from './filter.js';

export const AGGREGATE_FUNCTIONS = ['count', 'countDistinct', 'sum', 'sumDistinct', 'avg', 'avgDistinct', 'min', 'max'] as const;
export type AggregateFunction = (typeof AGGREGATE_FUNCTIONS)[number];
export type MetaKey = 'total_count' | 'filter_count';

/** The read parameters of DESIGN §3, syntactically checked; field names are checked later against the schema. */
export interface ItemQuery {
  fields: string[];
  filter: unknown;
  sort: string[];
  /** Resolved: never above the configured maximum. */
  limit: number;
  offset: number;
  search: string | null;
  meta: MetaKey[];
  aggregate: Partial<Record<AggregateFunction, string[]>> | null;
  groupBy: string[];
}

export interface QueryLimits {
  limitDefault: number;
  limitMax: number;
}

const MAX_LIST = 200;
const MAX_FILTER_JSON = 64 * 1024;
const MAX_SEARCH = 500;

/**
 * Parses Directus read parameters from a query-string object (as `qs` produces it, so bracket forms such as
 * `filter[status][_eq]=Open` arrive as nested objects) or from a SEARCH body's `query` object.
 */
export function parseItemQuery(raw: Record<string, unknown>, limits: QueryLimits): ItemQuery {
  const limit = parseLimit(raw.limit, limits);
  const offset = parseNonNegative(raw.offset, 'offset') ?? 0;
  const page = parseNonNegative(raw.page, 'page');
  return {
    fields: parseList(raw.fields, 'fields') ?? ['*'],
    filter: parseFilter(raw.filter),
    sort: parseList(raw.sort, 'sort') ?? [],
    limit,
    offset: page !== undefined && page > 1 ? (page - 1) * limit : offset,
    search: parseSearch(raw.search),
    meta: parseMeta(raw.meta),
    aggregate: parseAggregate(raw.aggregate),
    groupBy: parseList(raw.groupBy, 'groupBy') ?? [],
  };
}

function parseLimit(value: unknown, limits: QueryLimits): number {
  if (value === undefined || value === '') return limits.limitDefault;
  const number = toInteger(value, 'limit');
  if (number < -1) throw invalidQuery('"limit" must be greater than or equal to -1');
  if (number === -1) return limits.limitMax;
  return Math.min(number, limits.limitMax);
}

function parseNonNegative(value: unknown, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const number = toInteger(value, name);
  if (number < 0) throw invalidQuery(`"${name}" must be greater than or equal to 0`);
  return number;
}

function toInteger(value: unknown, name: string): number {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^-?\d{1,15}$/.test(text.trim())) throw invalidQuery(`"${name}" must be a number`);
  return Number(text);
}

/** "a,b", ["a","b"] or ["a,b"] → ["a","b"]. */
function parseList(value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === '') return undefined;
  const parts = (Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : [value]).flatMap((item) => {
    if (typeof item !== 'string') throw invalidQuery(`"${name}" must be a list of field names`);
    return item.split(',');
  });
  const names = parts.map((part) => part.trim()).filter(Boolean);
  if (names.length > MAX_LIST) throw invalidQuery(`"${name}" may list at most ${MAX_LIST} entries`);
  return names;
}

function parseFilter(value: unknown): unknown {
  if (value === undefined || value === '') return null;
  if (typeof value === 'string') {
    if (value.length > MAX_FILTER_JSON) throw invalidQuery(`Filter is larger than ${MAX_FILTER_JSON / 1024} KB`);
    try {
      return JSON.parse(value);
    } catch {
      throw invalidQuery('Invalid JSON for filter object');
    }
  }
  if (!isPlainObject(value)) throw invalidQuery('Filter must be an object');
  return value;
}

function parseSearch(value: unknown): string | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string') throw invalidQuery('"search" must be text');
  if (value.length > MAX_SEARCH) throw invalidQuery(`"search" may be at most ${MAX_SEARCH} characters`);
  if (value.includes('\u0000')) throw invalidQuery('"search" cannot contain NUL characters');
  return value;
}

function parseMeta(value: unknown): MetaKey[] {
  const names = parseList(value, 'meta') ?? [];
  if (names.includes('*')) return ['total_count', 'filter_count'];
  names.forEach((name, index) => {
    if (name !== 'total_count' && name !== 'filter_count') throw invalidQuery(`"meta[${index}]" must be one of [total_count, filter_count]`);
  });
  return [...new Set(names)] as MetaKey[];
}

function parseAggregate(value: unknown): ItemQuery['aggregate'] {
  if (value === undefined || value === '') return null;
  let object = value;
  if (typeof value === 'string') {
    try {
      object = JSON.parse(value);
    } catch {
      throw invalidQuery('Invalid JSON for aggregate object');
    }
  }
  if (!isPlainObject(object)) throw invalidQuery('"aggregate" must be an object such as aggregate[count]=*');
  const result: Partial<Record<AggregateFunction, string[]>> = {};
  for (const [fn, fields] of Object.entries(object)) {
    if (!(AGGREGATE_FUNCTIONS as readonly string[]).includes(fn)) {
      throw invalidQuery(`Unknown aggregate function "${fn}"; use one of ${AGGREGATE_FUNCTIONS.join(', ')}`);
    }
    result[fn as AggregateFunction] = parseList(fields, `aggregate[${fn}]`) ?? [];
  }
  return result;
}
