/**
 * Evaluates a filter rule (DESIGN §3 syntax) against a flow's data chain in memory, for the `condition`
 * operation, e.g. {"$trigger": {"payload": {"internal": {"_neq": true}}}}. Comparison values may be templates
 * ("{{$accountability.user}}"); they are rendered before the rule is evaluated.
 */
export class RuleError extends Error {}

export function matchesRule(value: unknown, rule: unknown): boolean {
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) throw new RuleError('A condition rule must be an object');
  return Object.entries(rule as Record<string, unknown>).every(([key, inner]) => {
    if (key === '_and' || key === '_or') {
      if (!Array.isArray(inner)) throw new RuleError(`"${key}" must be a list`);
      return key === '_and' ? inner.every((item) => matchesRule(value, item)) : inner.some((item) => matchesRule(value, item));
    }
    if (key.startsWith('_')) return compare(value, key, inner);
    const child = value && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
    return matchesRule(child, inner);
  });
}

function compare(actual: unknown, operator: string, expected: unknown): boolean {
  const isEmpty = actual === null || actual === undefined || actual === '' || (Array.isArray(actual) && actual.length === 0);
  switch (operator) {
    case '_eq':
      return expected === null ? actual === null || actual === undefined : looselyEqual(actual, expected);
    case '_neq':
      return expected === null ? actual !== null && actual !== undefined : !looselyEqual(actual, expected);
    case '_null':
      return (actual === null || actual === undefined) === truthy(expected);
    case '_nnull':
      return (actual !== null && actual !== undefined) === truthy(expected);
    case '_empty':
      return isEmpty === truthy(expected);
    case '_nempty':
      return !isEmpty === truthy(expected);
    case '_in':
      return toList(expected).some((item) => looselyEqual(actual, item));
    case '_nin':
      return !toList(expected).some((item) => looselyEqual(actual, item));
    case '_lt':
    case '_lte':
    case '_gt':
    case '_gte':
      return ordered(actual, expected, operator);
    case '_between': {
      const [low, high] = toList(expected);
      return ordered(actual, low, '_gte') && ordered(actual, high, '_lte');
    }
    case '_contains':
      return containsValue(actual, expected, false);
    case '_ncontains':
      return !containsValue(actual, expected, false);
    case '_icontains':
      return containsValue(actual, expected, true);
    case '_starts_with':
      return typeof actual === 'string' && actual.startsWith(String(expected));
    case '_ends_with':
      return typeof actual === 'string' && actual.endsWith(String(expected));
    default:
      throw new RuleError(`Unknown operator "${operator}"`);
  }
}

function containsValue(actual: unknown, expected: unknown, ignoreCase: boolean): boolean {
  if (Array.isArray(actual)) return actual.some((item) => looselyEqual(item, expected));
  if (typeof actual !== 'string') return false;
  const needle = String(expected);
  return ignoreCase ? actual.toLowerCase().includes(needle.toLowerCase()) : actual.includes(needle);
}

/** Templates render to text, so "5" equals 5 and "true" equals true. */
function looselyEqual(actual: unknown, expected: unknown): boolean {
  if (actual === expected) return true;
  if (actual === null || actual === undefined || expected === null || expected === undefined) return false;
  if (typeof actual === 'object' || typeof expected === 'object') return JSON.stringify(actual) === JSON.stringify(expected);
  return String(actual) === String(expected);
}

function ordered(actual: unknown, expected: unknown, operator: string): boolean {
  if (actual === null || actual === undefined) return false;
  const bothNumbers = !Number.isNaN(Number(actual)) && !Number.isNaN(Number(expected)) && actual !== '' && expected !== '';
  const a = bothNumbers ? Number(actual) : String(actual);
  const b = bothNumbers ? Number(expected) : String(expected);
  if (operator === '_lt') return a < b;
  if (operator === '_lte') return a <= b;
  if (operator === '_gt') return a > b;
  return a >= b;
}

function truthy(value: unknown): boolean {
  return value === true || value === 'true' || value === 1 || value === '1';
}

function toList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value.split(',');
  return [value];
}
