/**
 * Parley's picture of its collections: what the query compiler, the permission engine, validation and the
 * /fields API all read. Built-in item collections and admin-defined custom fields come from the `fields` table;
 * system collections (users, roles, …) are defined in code.
 */
export type FieldType = 'integer' | 'decimal' | 'string' | 'text' | 'boolean' | 'date' | 'datetime' | 'uuid' | 'json' | 'alias';

/** Fields the server sets; a client that sends them gets FAILED_VALIDATION. */
export type FieldSpecial = 'primary-key' | 'date-created' | 'date-updated' | 'user-created' | 'user-updated';

export interface Choice {
  text: string;
  value: string;
}

export interface FieldInfo {
  collection: string;
  field: string;
  type: FieldType;
  /** Editing widget for the web app (input, textarea, select-dropdown, boolean, datetime, …). */
  interface: string;
  required: boolean;
  readonly: boolean;
  hidden: boolean;
  note: string | null;
  /** Allowed values of a dropdown; null when the field is free. */
  choices: Choice[] | null;
  defaultValue: unknown;
  maxLength: number | null;
  special: FieldSpecial | null;
  /** Extra value rule checked on writes. */
  validation: 'email' | null;
  /** Included in `search`. */
  searchable: boolean;
  /** Part of Parley itself: cannot be deleted (its choices can still be edited). */
  builtin: boolean;
  /** Admin-defined column (custom field). */
  custom: boolean;
  sort: number;
  /** Many-to-one: this column holds the primary key of `relatedCollection`. */
  relatedCollection: string | null;
  /** One-to-many alias: rows of `o2m.collection` whose `o2m.field` points at this item. */
  o2m: { collection: string; field: string } | null;
}

export interface CollectionInfo {
  collection: string;
  /** Table name (equal to the collection name). */
  table: string;
  primaryKey: string;
  primaryKeyType: 'integer' | 'uuid';
  /** Item collections are served by /items; system collections by their own endpoints. */
  system: boolean;
  /** Fields in display order (aliases included). */
  fields: Map<string, FieldInfo>;
  icon: string | null;
  note: string | null;
}

export function isColumn(field: FieldInfo): boolean {
  return field.type !== 'alias';
}

export function isRelational(field: FieldInfo): boolean {
  return field.relatedCollection !== null || field.o2m !== null;
}
