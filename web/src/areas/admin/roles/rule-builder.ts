/**
 * The rule builder's model: a list of conditions (field path, operator, value) joined with AND, converted to and
 * from Directus filter rules. Rules the builder cannot show (OR, one-to-many _some/_none, nested groups) are edited
 * as JSON instead; conditionsFromRule() answers null for them.
 */
export interface Condition {
  /** A field, or a many-to-one path such as "assigned_to.user". */
  field: string;
  operator: string;
  /** As typed: "Open", "$CURRENT_USER", "5", "Billing, Technical Issue" for lists. */
  value: string;
}

export const OPERATORS: ReadonlyArray<{ value: string; label: string; takes: 'one' | 'list' | 'none' }> = [
  { value: '_eq', label: 'equals', takes: 'one' },
  { value: '_neq', label: 'does not equal', takes: 'one' },
  { value: '_in', label: 'is one of', takes: 'list' },
  { value: '_nin', label: 'is none of', takes: 'list' },
  { value: '_null', label: 'is not set', takes: 'none' },
  { value: '_nnull', label: 'is set', takes: 'none' },
  { value: '_empty', label: 'is empty', takes: 'none' },
  { value: '_nempty', label: 'is not empty', takes: 'none' },
  { value: '_contains', label: 'contains', takes: 'one' },
  { value: '_ncontains', label: 'does not contain', takes: 'one' },
  { value: '_icontains', label: 'contains (any case)', takes: 'one' },
  { value: '_starts_with', label: 'starts with', takes: 'one' },
  { value: '_ends_with', label: 'ends with', takes: 'one' },
  { value: '_lt', label: 'is less than', takes: 'one' },
  { value: '_lte', label: 'is at most', takes: 'one' },
  { value: '_gt', label: 'is greater than', takes: 'one' },
  { value: '_gte', label: 'is at least', takes: 'one' },
  { value: '_between', label: 'is between (two values)', takes: 'list' },
  { value: '_nbetween', label: 'is not between (two values)', takes: 'list' },
];

const OPERATOR_BY_VALUE = new Map(OPERATORS.map((operator) => [operator.value, operator]));
/** Field types whose values are always text, so "5" stays the text "5". */
const TEXT_TYPES = new Set(['string', 'text', 'uuid', 'date', 'datetime', 'timestamp']);

type Scalar = string | number | boolean | null;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Conditions of a rule the builder can show, or null when the rule needs the JSON editor. An empty rule has none. */
export function conditionsFromRule(rule: unknown): Condition[] | null {
  if (rule === null || rule === undefined) return [];
  if (!isPlainObject(rule)) return null;
  const parts: Record<string, unknown>[] = [];
  for (const [key, value] of Object.entries(rule)) {
    if (key === '_and') {
      if (!Array.isArray(value) || !value.every(isPlainObject)) return null;
      for (const part of value) {
        const inner = conditionsFromRule(part);
        if (inner === null) return null;
        parts.push(...inner.map((condition) => ({ __condition: condition })));
      }
    } else if (key.startsWith('_')) {
      return null;
    } else {
      parts.push({ [key]: value });
    }
  }
  const conditions: Condition[] = [];
  for (const part of parts) {
    if ('__condition' in part) {
      conditions.push(part.__condition as Condition);
      continue;
    }
    const condition = conditionFromPath(part);
    if (!condition) return null;
    conditions.push(condition);
  }
  return conditions;
}

/** {"a": {"b": {"_eq": 1}}} → a.b _eq 1; null when the object is not a single path ending in one known operator. */
function conditionFromPath(node: Record<string, unknown>): Condition | null {
  const path: string[] = [];
  let current: Record<string, unknown> = node;
  for (;;) {
    const keys = Object.keys(current);
    if (keys.length !== 1) return null;
    const key = keys[0] as string;
    const value = current[key];
    if (key.startsWith('_')) {
      const operator = OPERATOR_BY_VALUE.get(key);
      if (!operator || path.length === 0) return null;
      const text = valueText(operator.takes, value);
      return text === null ? null : { field: path.join('.'), operator: key, value: text };
    }
    if (!isPlainObject(value)) return null;
    path.push(key);
    current = value;
  }
}

function valueText(takes: 'one' | 'list' | 'none', value: unknown): string | null {
  if (takes === 'none') return value === true ? '' : null;
  if (takes === 'list') {
    if (!Array.isArray(value) || !value.every(isScalar)) return null;
    return value.map((item) => scalarText(item)).join(', ');
  }
  return isScalar(value) ? scalarText(value) : null;
}

function isScalar(value: unknown): value is Scalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** How a value is typed in the builder: text as is, unless it would read as a number, true/false or null. */
function scalarText(value: Scalar): string {
  if (typeof value !== 'string') return String(value);
  return readsAsNonText(value) ? JSON.stringify(value) : value;
}

function readsAsNonText(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed !== 'string' && typeof parsed !== 'object';
  } catch {
    return false;
  }
}

/** The value a typed text stands for: text for text fields; otherwise a number, true/false or null where it reads as one. */
export function parseValue(text: string, fieldType: string | undefined): Scalar {
  const trimmed = text.trim();
  if (trimmed.startsWith('"') && trimmed.endsWith('"') && trimmed.length >= 2) {
    try {
      return JSON.parse(trimmed) as string;
    } catch {
      return trimmed;
    }
  }
  if (fieldType && TEXT_TYPES.has(fieldType)) return trimmed;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (isScalar(parsed)) return parsed;
  } catch {
    // plain text
  }
  return trimmed;
}

/** A Directus rule from the builder's conditions: one condition as is, several joined with _and. */
export function ruleFromConditions(conditions: Condition[], fieldTypes: Record<string, string> = {}): Record<string, unknown> {
  const parts = conditions.map((condition) => {
    const operator = OPERATOR_BY_VALUE.get(condition.operator);
    const type = condition.field.includes('.') ? undefined : fieldTypes[condition.field];
    let value: unknown;
    if (!operator || operator.takes === 'none') value = true;
    else if (operator.takes === 'list')
      value = condition.value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
        .map((item) => parseValue(item, type));
    else value = parseValue(condition.value, type);
    const path = condition.field.split('.').map((segment) => segment.trim());
    let node: Record<string, unknown> = { [condition.operator]: value };
    for (const segment of [...path].reverse()) node = { [segment]: node };
    return node;
  });
  if (parts.length === 0) return {};
  return parts.length === 1 ? (parts[0] as Record<string, unknown>) : { _and: parts };
}

/** What is wrong with a condition before it is sent, or null. */
export function conditionProblem(condition: Condition): string | null {
  if (!/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$/i.test(condition.field.trim())) return 'Choose a field (or a path such as assigned_to.user).';
  const operator = OPERATOR_BY_VALUE.get(condition.operator);
  if (!operator) return 'Choose an operator.';
  if (operator.takes === 'one' && condition.value.trim() === '') return 'Enter a value.';
  if (operator.takes === 'list') {
    const count = condition.value.split(',').filter((item) => item.trim()).length;
    if (count === 0) return 'Enter one or more values, separated by commas.';
    if ((condition.operator === '_between' || condition.operator === '_nbetween') && count !== 2) return 'Enter two values, separated by a comma.';
  }
  return null;
}

/**
 * Reads a JSON object typed by an admin (a rule, presets, validation). Empty text means "none" (null). Returns a
 * readable problem instead of throwing.
 */
export function parseJsonObject(text: string): { value: Record<string, unknown> | null; problem: null } | { value: undefined; problem: string } {
  if (text.trim() === '') return { value: null, problem: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { value: undefined, problem: `This is not valid JSON (${error instanceof Error ? error.message : 'syntax error'}).` };
  }
  if (!isPlainObject(parsed)) return { value: undefined, problem: 'This must be a JSON object, such as {"status": {"_eq": "Open"}}.' };
  return { value: parsed, problem: null };
}
