import type { Choice, FieldMeta } from '../../../../../common/src/helpdesk';
import type { CustomFieldType } from '../../../api/admin/fields';

export const TYPE_LABELS: Record<CustomFieldType, string> = {
  string: 'Short text',
  text: 'Long text',
  integer: 'Whole number',
  decimal: 'Decimal number',
  boolean: 'Yes / no',
  date: 'Date',
  datetime: 'Date and time',
  dropdown: 'Dropdown (choices)',
};

/** The form's type of an existing field: a text field with choices is a dropdown. */
export function formTypeOf(field: Pick<FieldMeta, 'type' | 'meta'>): CustomFieldType | undefined {
  if (field.meta.options?.choices) return 'dropdown';
  const type = { timestamp: 'datetime', float: 'decimal' }[field.type] ?? field.type;
  return type in TYPE_LABELS ? (type as CustomFieldType) : undefined;
}

/** A field's type in words, for the schema table. */
export function describeType(field: Pick<FieldMeta, 'type' | 'meta'>): string {
  if (field.type === 'alias') return 'List of related items';
  if (field.meta.related_collection) return `Link to ${field.meta.related_collection}`;
  const type = formTypeOf(field);
  return type ? TYPE_LABELS[type] : field.type;
}

/** One choice being edited: `value` is kept for existing choices (tickets store it) and follows the label for new ones. */
export interface ChoiceDraft {
  text: string;
  value: string | null;
}

export function choicesFromDrafts(drafts: ChoiceDraft[]): Choice[] {
  return drafts.filter((draft) => draft.text.trim() !== '').map((draft) => ({ text: draft.text.trim(), value: draft.value ?? draft.text.trim() }));
}

/** What is wrong with the choices, or null. */
export function choicesProblem(drafts: ChoiceDraft[]): string | null {
  const choices = choicesFromDrafts(drafts);
  if (choices.length === 0) return 'A dropdown needs at least one choice.';
  const values = choices.map((choice) => choice.value);
  if (new Set(values).size !== values.length) return 'Each choice must be different.';
  return null;
}

/** The default value typed in the form, as the field's type; undefined with a problem when it does not fit. */
export function parseDefault(type: CustomFieldType, text: string): { value: unknown; problem: string | null } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: null, problem: null };
  switch (type) {
    case 'integer':
      return /^-?\d+$/.test(trimmed) ? { value: Number(trimmed), problem: null } : { value: undefined, problem: 'Enter a whole number, or leave it empty.' };
    case 'decimal':
      return Number.isFinite(Number(trimmed)) ? { value: Number(trimmed), problem: null } : { value: undefined, problem: 'Enter a number, or leave it empty.' };
    case 'boolean':
      return { value: trimmed === 'true', problem: null };
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? { value: trimmed, problem: null } : { value: undefined, problem: 'Enter a date as YYYY-MM-DD.' };
    default:
      return { value: trimmed, problem: null };
  }
}

/** A stored default, as the form shows it. */
export function defaultText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value);
}
