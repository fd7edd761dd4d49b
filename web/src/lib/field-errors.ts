import type { FieldMeta } from '../../../common/src/helpdesk';
import { isApiError } from '../api/client';

/**
 * A FAILED_VALIDATION response split per field, in words, so each message can sit under its input. Problems with
 * fields that are not on the form (or errors without a field) go to `other`, to show above the form.
 */
export interface FieldErrors {
  byField: Record<string, string>;
  other: string[];
}

/** Field errors of a failed save, or undefined when the error is not a FAILED_VALIDATION. */
export function fieldErrorsFrom(error: unknown, fields: FieldMeta[], onForm: ReadonlySet<string>): FieldErrors | undefined {
  if (!isApiError(error) || error.code !== 'FAILED_VALIDATION') return undefined;
  const result: FieldErrors = { byField: {}, other: [] };
  for (const item of error.all) {
    if (item.code !== 'FAILED_VALIDATION') continue;
    const field = typeof item.extensions.field === 'string' ? item.extensions.field : undefined;
    const type = typeof item.extensions.type === 'string' ? item.extensions.type : '';
    const meta = fields.find((candidate) => candidate.field === field);
    const sentence = validationMessage(type, meta);
    if (field && onForm.has(field)) {
      result.byField[field] ??= sentence;
    } else {
      result.other.push(field ? `${field.replace(/_/g, ' ')}: ${sentence}` : sentence);
    }
  }
  return result;
}

/** What a person reads for one kind of validation failure (extensions.type). */
export function validationMessage(type: string, field?: FieldMeta): string {
  switch (type) {
    case 'required':
    case 'nnull':
      return 'This is required.';
    case 'email':
      return 'Enter a valid email address, like name@example.com.';
    case 'choices':
      return 'Choose one of the options in the list.';
    case 'max_length': {
      const max = field?.schema?.max_length;
      return max ? `This is too long: use at most ${max} characters.` : 'This is too long. Shorten it and try again.';
    }
    case 'type':
      return typeHint(field?.type);
    default:
      return 'This value is not accepted.';
  }
}

function typeHint(type: string | undefined): string {
  switch (type) {
    case 'integer':
      return 'Enter a whole number.';
    case 'decimal':
    case 'float':
      return 'Enter a number.';
    case 'date':
      return 'Enter a date.';
    case 'datetime':
    case 'timestamp':
      return 'Enter a date and time.';
    case 'boolean':
      return 'Choose yes or no.';
    default:
      return 'This value has the wrong form.';
  }
}
