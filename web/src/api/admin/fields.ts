import type { Choice, FieldMeta } from '../../../../common/src/helpdesk';
import { request } from '../client';

/** The types an admin can give a custom field ("dropdown" is a text field with choices). */
export const CUSTOM_FIELD_TYPES = ['string', 'text', 'integer', 'decimal', 'boolean', 'date', 'datetime', 'dropdown'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export interface NewFieldInput {
  field: string;
  type: CustomFieldType;
  choices?: Choice[];
  required: boolean;
  note: string | null;
  defaultValue: unknown;
}

/** Adds a custom field (a real column). INVALID_PAYLOAD with the server's reason for a bad definition. */
export function createField(collection: string, input: NewFieldInput): Promise<FieldMeta> {
  return request<FieldMeta>('POST', `/fields/${collection}`, {
    field: input.field,
    type: input.type,
    meta: { ...(input.choices ? { options: { choices: input.choices } } : {}), required: input.required, note: input.note },
    schema: { default_value: input.defaultValue },
  });
}

export interface FieldChanges {
  choices?: Choice[];
  required?: boolean;
  note?: string | null;
  defaultValue?: unknown;
}

/** Edits choices, the required flag, the note and the default; the name and type never change. */
export function updateField(collection: string, field: string, changes: FieldChanges): Promise<FieldMeta> {
  const meta: Record<string, unknown> = {};
  if (changes.choices !== undefined) meta.options = { choices: changes.choices };
  if (changes.required !== undefined) meta.required = changes.required;
  if (changes.note !== undefined) meta.note = changes.note;
  return request<FieldMeta>('PATCH', `/fields/${collection}/${encodeURIComponent(field)}`, {
    meta,
    ...(changes.defaultValue !== undefined ? { schema: { default_value: changes.defaultValue } } : {}),
  });
}

/** Deletes a custom field and its data. Built-in fields answer INVALID_PAYLOAD. */
export function deleteField(collection: string, field: string): Promise<void> {
  return request('DELETE', `/fields/${collection}/${encodeURIComponent(field)}`);
}
