import { OPERATORS, type Operator } from '../../server/src/query/filter.js';

/**
 * A deliberately naive, in-memory evaluator of Parley filter rules (DESIGN §3) over plain arrays of rows, used as
 * the oracle of the differential filter test. It shares no code with the SQL compiler: it walks the raw JSON rule
 * and implements the semantics documented in server/src/query/filter.ts and compile-filter.ts directly:
 *
 * - `_and` / `_or` lists (empty `_and` matches everything, empty `_or` nothing); several keys in one object = AND;
 *   several operators on one field = AND.
 * - `_eq: null` is IS NULL and `_neq: null` IS NOT NULL; every other comparison, and every negative operator
 *   (_neq, _nin, _ncontains, _nicontains, _nstarts_with, _nends_with, _nbetween), never matches a NULL column.
 * - `_in` / `_nin` drop null entries; `_in: []` matches nothing, `_nin: []` everything (NULLs included).
 * - `_null` / `_nnull` / `_empty` / `_nempty` take a flag (false inverts); `_empty` on text means NULL or ''.
 * - Text order is Unicode code point order (UTF-8 bytes), not JavaScript's UTF-16 `<`.
 * - `_contains` / `_starts_with` / `_ends_with` are case-sensitive; the `_i…` forms fold every letter (Unicode
 *   lower case: ILIKE on PostgreSQL, the parley_i* functions on SQLite). An empty `_starts_with` / `_ends_with` matches every non-NULL value and its
 *   negation matches nothing.
 * - Many-to-one `{assigned_to: {team: …}}`: the foreign key is non-NULL and the referenced row matches.
 *   One-to-many `{messages: {_some: …}}` / `_none` (a bare nested rule means `_some`; `_some: {}` any child).
 * - Datetimes compare as instants (`new Date(value)`), booleans as true/false.
 *
 * Invalid rules (unknown fields or operators, bad values) throw: the generator must only produce valid ones.
 * Dynamic values ($CURRENT_USER, $NOW…) are not supported.
 */

export type FieldType = 'integer' | 'string' | 'text' | 'uuid' | 'datetime' | 'boolean';

export type FieldSpec = { kind: 'column'; type: FieldType; relatedCollection?: CollectionName } | { kind: 'o2m'; collection: CollectionName; field: string };

export type CollectionName = 'support_ticket' | 'ticket_message' | 'agents';

export interface TicketRow {
  id: number;
  customer_name: string | null;
  customer_email: string | null;
  issue_type: string | null;
  status: string | null;
  message: string | null;
  assigned_to: string | null;
  resolution: string | null;
  date_created: string;
}

export interface MessageRow {
  id: string;
  ticket: number;
  message: string | null;
  internal: boolean;
  date_created: string;
}

export interface AgentRow {
  id: string;
  user: string;
  team: string | null;
  available: boolean;
}

export interface ReferenceData {
  support_ticket: TicketRow[];
  ticket_message: MessageRow[];
  agents: AgentRow[];
}

type Row = Record<string, unknown>;
type Value = string | number | boolean | null;

/** The slice of the built-in schema (server/src/schema/builtin-collections.ts) the reference understands. */
export const REFERENCE_SCHEMA: Record<CollectionName, { primaryKey: string; fields: Record<string, FieldSpec> }> = {
  support_ticket: {
    primaryKey: 'id',
    fields: {
      id: { kind: 'column', type: 'integer' },
      customer_name: { kind: 'column', type: 'string' },
      customer_email: { kind: 'column', type: 'string' },
      issue_type: { kind: 'column', type: 'string' },
      status: { kind: 'column', type: 'string' },
      message: { kind: 'column', type: 'text' },
      assigned_to: { kind: 'column', type: 'uuid', relatedCollection: 'agents' },
      resolution: { kind: 'column', type: 'text' },
      date_created: { kind: 'column', type: 'datetime' },
      messages: { kind: 'o2m', collection: 'ticket_message', field: 'ticket' },
    },
  },
  ticket_message: {
    primaryKey: 'id',
    fields: {
      id: { kind: 'column', type: 'uuid' },
      ticket: { kind: 'column', type: 'integer', relatedCollection: 'support_ticket' },
      message: { kind: 'column', type: 'text' },
      internal: { kind: 'column', type: 'boolean' },
      date_created: { kind: 'column', type: 'datetime' },
    },
  },
  agents: {
    primaryKey: 'id',
    fields: {
      id: { kind: 'column', type: 'uuid' },
      user: { kind: 'column', type: 'uuid' },
      team: { kind: 'column', type: 'string' },
      available: { kind: 'column', type: 'boolean' },
      tickets: { kind: 'o2m', collection: 'support_ticket', field: 'assigned_to' },
    },
  },
};

const TEXTUAL_TYPES: ReadonlySet<FieldType> = new Set(['string', 'text', 'uuid']);

/** The rows of `collection` that `rule` selects, in their original order. */
export function referenceFilter<C extends CollectionName>(data: ReferenceData, collection: C, rule: unknown): ReferenceData[C] {
  return rowsOf(data, collection).filter((row) => matchesRule(data, collection, row, rule)) as unknown as ReferenceData[C];
}

/** The primary keys `rule` selects from `collection`, sorted ascending (numbers numerically, strings by code point). */
export function referenceIds(data: ReferenceData, collection: CollectionName, rule: unknown): Array<string | number> {
  const key = REFERENCE_SCHEMA[collection].primaryKey;
  return rowsOf(data, collection)
    .filter((row) => matchesRule(data, collection, row, rule))
    .map((row) => row[key] as string | number)
    .sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : compareText(String(a), String(b))));
}

export function matchesRule(data: ReferenceData, collection: CollectionName, row: Row, rule: unknown): boolean {
  if (!isPlainObject(rule)) throw new Error(`reference: a filter rule must be an object, got ${JSON.stringify(rule)}`);
  for (const [key, value] of Object.entries(rule)) {
    if (key === '_and') {
      if (!asRules(value, key).every((child) => matchesRule(data, collection, row, child))) return false;
    } else if (key === '_or') {
      if (!asRules(value, key).some((child) => matchesRule(data, collection, row, child))) return false;
    } else if (key.startsWith('_')) {
      throw new Error(`reference: unknown logical operator ${key}`);
    } else if (!matchesField(data, collection, row, key, value)) {
      return false;
    }
  }
  return true;
}

function matchesField(data: ReferenceData, collection: CollectionName, row: Row, name: string, rule: unknown): boolean {
  const spec = REFERENCE_SCHEMA[collection].fields[name];
  if (!spec) throw new Error(`reference: unknown field ${collection}.${name}`);
  if (!isPlainObject(rule)) throw new Error(`reference: field rule for ${name} must be an object`);

  if (spec.kind === 'o2m') {
    // `{messages: {}}` (like `{_some: {}}`) means "has any child".
    const keys = Object.keys(rule);
    let quantifier: 'some' | 'none' = 'some';
    let inner: unknown = rule;
    if (keys.length === 1 && (keys[0] === '_some' || keys[0] === '_none')) {
      quantifier = keys[0] === '_some' ? 'some' : 'none';
      inner = rule[keys[0]];
    }
    const parentKey = row[REFERENCE_SCHEMA[collection].primaryKey];
    const children = rowsOf(data, spec.collection).filter((child) => child[spec.field] !== null && child[spec.field] === parentKey);
    const any = children.some((child) => matchesRule(data, spec.collection, child, inner));
    return quantifier === 'some' ? any : !any;
  }

  if (Object.keys(rule).length === 0) throw new Error(`reference: field rule for ${name} is empty`);
  const nested: Row = {};
  for (const [key, operand] of Object.entries(rule)) {
    if (key.startsWith('_')) {
      if (!matchesCondition(spec.type, row[name] as Value, key, operand)) return false;
    } else {
      nested[key] = operand;
    }
  }
  if (Object.keys(nested).length === 0) return true;
  if (!spec.relatedCollection) throw new Error(`reference: ${name} is not relational`);
  const foreignKey = row[name];
  if (foreignKey === null || foreignKey === undefined) return false;
  const target = spec.relatedCollection;
  const targetKey = REFERENCE_SCHEMA[target].primaryKey;
  const referenced = rowsOf(data, target).find((candidate) => candidate[targetKey] === foreignKey);
  return referenced !== undefined && matchesRule(data, target, referenced, nested);
}

type ConditionEvaluator = (type: FieldType, column: Value, operand: unknown) => boolean;

const negate =
  (positive: ConditionEvaluator): ConditionEvaluator =>
  (type, column, operand) =>
    column !== null && !positive(type, column, operand);

const ordered =
  (test: (order: number) => boolean): ConditionEvaluator =>
  (type, column, operand) =>
    column !== null && test(compareValues(type, column, toValue(type, requireValue(operand))));

const textual =
  (test: (column: string, operand: string) => boolean, fold = false): ConditionEvaluator =>
  (_type, column, operand) => {
    if (column === null) return false;
    const text = toText(column);
    const value = toTextOperand(operand);
    return fold ? test(foldCase(text), foldCase(value)) : test(text, value);
  };

const contains = (text: string, value: string) => text.includes(value);
const startsWith = (text: string, value: string) => text.startsWith(value);
const endsWith = (text: string, value: string) => text.endsWith(value);

const isEmpty = (type: FieldType, column: Value) => column === null || (TEXTUAL_TYPES.has(type) && column === '');

const inList: ConditionEvaluator = (type, column, operand) => {
  const list = toList(operand);
  return column !== null && list.some((item) => compareValues(type, column, toValue(type, item)) === 0);
};

const between: ConditionEvaluator = (type, column, operand) => {
  const list = toList(operand);
  if (list.length !== 2 || column === null) return false;
  const [low, high] = list.map((item) => toValue(type, item)) as [Value, Value];
  return compareValues(type, column, low) >= 0 && compareValues(type, column, high) <= 0;
};

/** One entry per operator: the Record type makes the compiler insist that every operator in OPERATORS is covered. */
const CONDITIONS: Record<Operator, ConditionEvaluator> = {
  _eq: (type, column, operand) => (operand === null ? column === null : column !== null && compareValues(type, column, toValue(type, operand)) === 0),
  _neq: (type, column, operand) => (operand === null ? column !== null : column !== null && compareValues(type, column, toValue(type, operand)) !== 0),
  _lt: ordered((order) => order < 0),
  _lte: ordered((order) => order <= 0),
  _gt: ordered((order) => order > 0),
  _gte: ordered((order) => order >= 0),
  _in: inList,
  // `_nin: []` (after dropping nulls) matches every row, NULLs included; otherwise NULL never matches.
  _nin: (type, column, operand) => toList(operand).length === 0 || negate(inList)(type, column, operand),
  _null: (_type, column, operand) => (column === null) === toFlag(operand),
  _nnull: (_type, column, operand) => (column !== null) === toFlag(operand),
  _empty: (type, column, operand) => isEmpty(type, column) === toFlag(operand),
  _nempty: (type, column, operand) => !isEmpty(type, column) === toFlag(operand),
  _contains: textual(contains),
  _ncontains: negate(textual(contains)),
  _icontains: textual(contains, true),
  _nicontains: negate(textual(contains, true)),
  _starts_with: textual(startsWith),
  _nstarts_with: negate(textual(startsWith)),
  _istarts_with: textual(startsWith, true),
  _ends_with: textual(endsWith),
  _nends_with: negate(textual(endsWith)),
  _iends_with: textual(endsWith, true),
  _between: between,
  _nbetween: negate(between),
};

function matchesCondition(type: FieldType, column: Value, operator: string, operand: unknown): boolean {
  if (!(OPERATORS as readonly string[]).includes(operator)) throw new Error(`reference: unknown operator ${operator}`);
  const evaluate = CONDITIONS[operator as Operator];
  return evaluate(type, column === undefined ? null : column, operand);
}

/** Text comparison by Unicode code point: UTF-8 byte order, which is what SQLite's BINARY collation and C collations use. */
export function compareText(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function compareValues(type: FieldType, column: Value, value: Value): number {
  if (value === null) throw new Error('reference: cannot compare with null');
  const left = toValue(type, column);
  switch (type) {
    case 'integer':
      return Math.sign((left as number) - (value as number));
    case 'datetime':
      return Math.sign((left as number) - (value as number));
    case 'boolean':
      return left === value ? 0 : left ? 1 : -1;
    default:
      return compareText(left as string, value as string);
  }
}

/** A value in its comparable form: integers as numbers, datetimes as epoch milliseconds, booleans, text. */
function toValue(type: FieldType, value: unknown): Value {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && (value.startsWith('$CURRENT_') || value.startsWith('$NOW'))) {
    throw new Error(`reference: dynamic value ${value} is not supported`);
  }
  switch (type) {
    case 'integer': {
      const number = typeof value === 'number' ? value : Number(value);
      if (!Number.isSafeInteger(number)) throw new Error(`reference: ${JSON.stringify(value)} is not an integer`);
      return number;
    }
    case 'datetime': {
      const time = new Date(value as string | number).getTime();
      if (Number.isNaN(time)) throw new Error(`reference: ${JSON.stringify(value)} is not a datetime`);
      return time;
    }
    case 'boolean':
      if (value === true || value === 1 || value === 'true' || value === '1') return true;
      if (value === false || value === 0 || value === 'false' || value === '0') return false;
      throw new Error(`reference: ${JSON.stringify(value)} is not a boolean`);
    default:
      return String(value);
  }
}

function requireValue(operand: unknown): unknown {
  if (operand === null || operand === undefined) throw new Error('reference: operator needs a value');
  return operand;
}

function toText(column: Value): string {
  return String(column);
}

function toTextOperand(operand: unknown): string {
  if (typeof operand !== 'string' && typeof operand !== 'number') throw new Error(`reference: ${JSON.stringify(operand)} is not text`);
  return String(operand);
}

/** List operands as the server reads them (arrays, or comma-separated text), without null entries. */
function toList(operand: unknown): unknown[] {
  const list = Array.isArray(operand) ? operand : typeof operand === 'string' ? (operand === '' ? [] : operand.split(',')) : [operand];
  return list.filter((item) => item !== null && item !== undefined);
}

function toFlag(operand: unknown): boolean {
  if (operand === true || operand === 'true' || operand === 1 || operand === '1' || operand === '' || operand === null) return true;
  if (operand === false || operand === 'false' || operand === 0 || operand === '0') return false;
  throw new Error(`reference: ${JSON.stringify(operand)} is not a flag`);
}

/** Unicode lower case, as PostgreSQL's ILIKE and SQLite's parley_i* functions fold. */
export function foldCase(text: string): string {
  return text.toLowerCase();
}

function asRules(value: unknown, key: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`reference: ${key} must be a list`);
  return value;
}

function rowsOf(data: ReferenceData, collection: CollectionName): Row[] {
  return data[collection] as unknown as Row[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
