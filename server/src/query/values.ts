import type { FieldInfo } from '../schema/types.js';

/** Stored value → API value: booleans from SQLite's 0/1, JSON documents parsed, everything else as stored. */
export function toOutputValue(field: FieldInfo, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'boolean':
      return value === true || value === 1 || value === '1';
    case 'json':
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value);
      } catch {
        return value;
      }
    case 'integer':
    case 'decimal':
      return typeof value === 'number' ? value : Number(value);
    default:
      return value;
  }
}
