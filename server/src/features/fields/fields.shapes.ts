import type { DialectName } from '../../db/dialect.js';
import type { Choice, CollectionInfo, FieldInfo } from '../../schema/types.js';

/** The body of POST/PATCH /fields/<collection>, in Directus's shape (plus the "dropdown" type shorthand). */
export interface FieldInput {
  field: string;
  type: string;
  meta?: {
    interface?: string;
    options?: { choices?: unknown };
    required?: boolean;
    note?: string | null;
    hidden?: boolean;
    sort?: number;
  };
  schema?: { default_value?: unknown; max_length?: number; is_indexed?: boolean };
}

/** A field as GET /fields returns it: Directus's {collection, field, type, schema, meta}. */
export interface FieldOutput {
  collection: string;
  field: string;
  type: string;
  schema: Record<string, unknown> | null;
  meta: Record<string, unknown>;
}

const DIRECTUS_TYPES: Record<string, string> = { datetime: 'timestamp', decimal: 'float', alias: 'alias' };
const SPECIALS: Record<string, string[]> = {
  'primary-key': [],
  'date-created': ['date-created'],
  'date-updated': ['date-updated'],
  'user-created': ['user-created'],
  'user-updated': ['user-updated'],
};

export function toFieldOutput(field: FieldInfo, collection: CollectionInfo, dialect: DialectName): FieldOutput {
  const special = field.o2m
    ? ['o2m']
    : field.special
      ? (SPECIALS[field.special] ?? [])
      : field.type === 'uuid' && field.field === collection.primaryKey
        ? ['uuid']
        : null;
  return {
    collection: collection.collection,
    field: field.field,
    type: DIRECTUS_TYPES[field.type] ?? field.type,
    schema:
      field.type === 'alias'
        ? null
        : {
            name: field.field,
            table: collection.table,
            data_type: dataType(field, dialect),
            default_value: field.defaultValue,
            max_length: field.maxLength,
            is_nullable: !field.required && field.special !== 'primary-key',
            is_primary_key: field.field === collection.primaryKey,
            has_auto_increment: field.field === collection.primaryKey && collection.primaryKeyType === 'integer',
            foreign_key_table: field.relatedCollection,
            foreign_key_column: field.relatedCollection ? 'id' : null,
          },
    meta: {
      collection: collection.collection,
      field: field.field,
      special,
      interface: field.interface,
      options: field.choices ? { choices: field.choices as Choice[] } : null,
      readonly: field.readonly,
      hidden: field.hidden,
      sort: field.sort,
      note: field.note,
      required: field.required,
      validation: field.validation ? { _regex: field.validation } : null,
      searchable: field.searchable,
      custom: field.custom,
      builtin: field.builtin,
      related_collection: field.relatedCollection ?? field.o2m?.collection ?? null,
    },
  };
}

function dataType(field: FieldInfo, dialect: DialectName): string {
  const types: Record<string, [string, string]> = {
    integer: ['integer', 'integer'],
    decimal: ['real', 'double precision'],
    string: ['text', 'text'],
    text: ['text', 'text'],
    boolean: ['boolean', 'boolean'],
    date: ['date', 'date'],
    datetime: ['datetime', 'timestamp with time zone'],
    uuid: ['text', 'text'],
    json: ['json', 'text'],
  };
  const pair = types[field.type] ?? ['text', 'text'];
  return dialect === 'postgres' ? pair[1] : pair[0];
}
