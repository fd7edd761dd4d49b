import type { FieldMeta } from '../../../common/src/helpdesk';

/**
 * Converting between a field's stored value (what /items sends and takes) and what its form input holds (text for
 * most inputs, a boolean for a checkbox), so forms can be built from field metadata alone.
 */

export type InputValue = string | boolean;

/** The input's value for a stored value: text, or a boolean for boolean fields. */
export function toInputValue(field: FieldMeta, value: unknown): InputValue {
  if (field.type === 'boolean') return value === true;
  if (value === null || value === undefined) return '';
  if (field.type === 'datetime' || field.type === 'timestamp') return toLocalDateTime(String(value));
  return String(value);
}

/**
 * The stored value for an input's value. An empty input means "no value": `undefined` when creating (leave the
 * field out) and `null` when updating (clear it). Numbers that do not parse are sent as typed, so the server's
 * FAILED_VALIDATION (type) explains the problem next to the field.
 */
export function toStoredValue(field: FieldMeta, input: InputValue, mode: 'create' | 'update'): unknown {
  if (field.type === 'boolean') return input === true;
  const text = typeof input === 'string' ? input : String(input);
  if (text.trim() === '') return mode === 'create' ? undefined : null;
  switch (field.type) {
    case 'integer':
    case 'bigInteger':
    case 'decimal':
    case 'float': {
      const number = Number(text);
      return Number.isFinite(number) ? number : text;
    }
    case 'datetime':
    case 'timestamp': {
      const date = new Date(text);
      return Number.isNaN(date.getTime()) ? text : date.toISOString();
    }
    default:
      return text;
  }
}

/** "2026-12-03T17:42" in the browser's time zone, the format of <input type="datetime-local">. */
function toLocalDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The changes between the values a form started with and its current values, as stored values (for PATCH). */
export function changedValues(fields: FieldMeta[], initial: Record<string, InputValue>, current: Record<string, InputValue>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const field of fields) {
    if (initial[field.field] === current[field.field]) continue;
    changes[field.field] = toStoredValue(field, current[field.field] ?? '', 'update');
  }
  return changes;
}
