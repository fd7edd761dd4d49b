import { AppError, combineErrors, failedValidation, forbiddenField, invalidPayload } from '../../errors.js';
import { INTEGER_RANGE, isPlainObject } from '../../query/filter.js';
import { isCalendarDay, parseDateTime } from '../../query/values.js';
import type { CollectionInfo, FieldInfo } from '../../schema/types.js';

/**
 * Checks one create or update payload against the schema and the caller's field list, and converts values to
 * their stored form. Unknown and server-managed fields are FAILED_VALIDATION (400), fields outside the caller's
 * list are FORBIDDEN (403), and every value problem is reported at once, one FAILED_VALIDATION per field.
 */
export const DEFAULT_STRING_LENGTH = 255;
export const DEFAULT_TEXT_LENGTH = 100_000;
/** Characters that would let one value address several mailboxes or carry a display name into a mail header. */
const NOT_IN_EMAIL = /[\s,;<>"()[\]\\\p{Cc}]/u;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PayloadRules {
  mode: 'create' | 'update';
  allowedFields: ReadonlySet<string>;
  presets?: Readonly<Record<string, unknown>>;
}

export function validatePayload(collection: CollectionInfo, payload: unknown, rules: PayloadRules): Record<string, unknown> {
  if (!isPlainObject(payload)) throw invalidPayload('Each item must be a JSON object');
  const structural: AppError[] = [];
  for (const key of Object.keys(payload)) {
    const field = collection.fields.get(key);
    if (!field) structural.push(failedValidation(key, 'unknown', `Field "${key}" does not exist in collection "${collection.collection}".`));
    else if (field.special || field.type === 'alias') structural.push(failedValidation(key, 'readonly', 'The value is set by the server and cannot be sent.'));
  }
  if (structural.length > 0) throw combineErrors(structural);
  for (const key of Object.keys(payload)) if (!rules.allowedFields.has(key)) throw forbiddenField(key, collection.collection);

  const merged: Record<string, unknown> = rules.mode === 'create' ? { ...defaultsOf(collection), ...rules.presets, ...payload } : { ...payload };
  const values: Record<string, unknown> = {};
  const errors: AppError[] = [];
  for (const field of collection.fields.values()) {
    if (field.special || field.type === 'alias') continue;
    const present = Object.hasOwn(merged, field.field);
    if (!present) {
      if (rules.mode === 'create' && field.required) errors.push(failedValidation(field.field, 'required', 'Value is required.'));
      continue;
    }
    const result = checkValue(field, merged[field.field]);
    if (result instanceof AppError) errors.push(result);
    else values[field.field] = result;
  }
  if (errors.length > 0) throw combineErrors(errors);
  return values;
}

function defaultsOf(collection: CollectionInfo): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const field of collection.fields.values()) {
    if (field.defaultValue !== null && field.defaultValue !== undefined && !field.special) defaults[field.field] = field.defaultValue;
  }
  return defaults;
}

/** The stored form of one value, or the FAILED_VALIDATION describing what is wrong with it. */
export function checkValue(field: FieldInfo, value: unknown): unknown {
  const fail = (type: string, detail: string) => failedValidation(field.field, type, detail);
  if (value === null || value === undefined) return field.required ? fail('nnull', "Value can't be null.") : null;
  switch (field.type) {
    case 'string':
    case 'text': {
      if (typeof value !== 'string') return fail('type', 'Value has to be text.');
      if (value.includes('\u0000')) return fail('type', 'Value cannot contain NUL characters.');
      if (field.required && value.trim() === '') return fail('required', 'Value is required.');
      const max = field.maxLength ?? (field.type === 'string' ? DEFAULT_STRING_LENGTH : DEFAULT_TEXT_LENGTH);
      if ([...value].length > max) return fail('max_length', `Value can be at most ${max} characters long.`);
      if (field.validation === 'email') {
        // Stored like account emails (trimmed, lower case), so rules can compare it with $CURRENT_USER.email.
        const email = value.trim().toLowerCase();
        return isEmailAddress(email) ? email : fail('email', 'Value has to be a valid email address.');
      }
      if (field.choices && !field.choices.some((choice) => choice.value === value)) {
        return fail('choices', `Value has to be one of: ${field.choices.map((choice) => choice.value).join(', ')}.`);
      }
      return value;
    }
    case 'uuid':
      if (typeof value !== 'string' || !UUID.test(value)) return fail('type', 'Value has to be a UUID.');
      return value.toLowerCase();
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return fail('type', 'Value has to be an integer.');
      if (value < INTEGER_RANGE.min || value > INTEGER_RANGE.max) return fail('type', `Value has to be between ${INTEGER_RANGE.min} and ${INTEGER_RANGE.max}.`);
      return value;
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail('type', 'Value has to be a number.');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') return fail('type', 'Value has to be true or false.');
      return value;
    case 'date':
      if (typeof value !== 'string' || !isCalendarDay(value)) return fail('type', 'Value has to be a date such as 2026-12-03.');
      return value;
    case 'datetime': {
      const date = typeof value === 'string' ? parseDateTime(value) : null;
      if (!date) return fail('type', 'Value has to be a date and time between the years 1 and 9999, such as 2026-12-03T16:49:01Z.');
      return date.toISOString();
    }
    case 'json':
      return JSON.stringify(value);
    default:
      return fail('readonly', 'The value cannot be written.');
  }
}

/** Deliberately simple: one "@" after a non-empty local part, a domain of two or more non-empty labels, no NOT_IN_EMAIL. */
function isEmailAddress(value: string): boolean {
  if (NOT_IN_EMAIL.test(value)) return false;
  const at = value.indexOf('@');
  if (at < 1 || at !== value.lastIndexOf('@')) return false;
  const labels = value.slice(at + 1).split('.');
  return labels.length >= 2 && labels.every((label) => label !== '');
}
