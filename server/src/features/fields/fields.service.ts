import { sql } from 'kysely';
import type { Actor } from '../../access/actor.js';
import type { AppContext } from '../../context.js';
import { columnTypes } from '../../db/dialect.js';
import { AppError, failedValidation, forbidden, forbiddenCollection, invalidPayload } from '../../errors.js';
import type { Schema } from '../../schema/schema-registry.js';
import type { Choice, CollectionInfo, FieldInfo, FieldType } from '../../schema/types.js';
import { recordSystemChange } from '../activity/activity.repository.js';
import { environment } from '../items/items.service.js';
import { checkValue, DEFAULT_STRING_LENGTH } from '../items/items.validation.js';
import { forgetFieldInPermissions, refuseFieldInRules } from './fields.permissions.js';
import { type FieldInput, type FieldOutput, toFieldOutput } from './fields.shapes.js';

/**
 * The ticket schema (DESIGN §2): admins add custom fields (real columns, added by DDL at run time), edit choices,
 * required flags, defaults and notes, and delete custom fields. Built-in fields cannot be deleted, but their
 * choices (issue types, statuses) can be edited. Schema changes never rewrite stored values.
 */
type Deps = Pick<AppContext, 'database' | 'now' | 'accessControl' | 'schema' | 'signals'>;

const FIELD_NAME = /^[a-z][a-z0-9_]{0,59}$/;
/**
 * Column names the databases keep for themselves: PostgreSQL's system columns (adding one is an error there) and
 * SQLite's row id aliases (a column of that name hides the row id). Refused on both, so a schema moves between them.
 */
const RESERVED_FIELD_NAMES = new Set(['oid', 'tableoid', 'xmin', 'xmax', 'cmin', 'cmax', 'ctid', 'rowid', '_rowid_']);
const CUSTOM_TYPES: Record<string, FieldType> = {
  string: 'string',
  text: 'text',
  integer: 'integer',
  decimal: 'decimal',
  float: 'decimal',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  timestamp: 'datetime',
  dropdown: 'string',
};

/** Field metadata of the collections the caller can work with, limited to the fields they may read or write. */
export async function listFields(deps: Deps, actor: Actor, collectionName?: string): Promise<FieldOutput[]> {
  const env = await environment(deps, actor);
  const schema = deps.schema.current();
  const collections = collectionName ? [readableCollection(schema, collectionName)] : schema.itemCollections();
  const result: FieldOutput[] = [];
  for (const collection of collections) {
    const visible = visibleFields(env.access, collection);
    if (!visible) {
      if (collectionName) throw forbiddenCollection(collectionName);
      continue;
    }
    for (const field of collection.fields.values()) if (visible.has(field.field)) result.push(toFieldOutput(field, collection, deps.database.dialect));
  }
  return result;
}

export async function getField(deps: Deps, actor: Actor, collectionName: string, fieldName: string): Promise<FieldOutput> {
  const fields = await listFields(deps, actor, collectionName);
  const found = fields.find((field) => field.field === fieldName);
  if (!found) throw forbidden();
  return found;
}

function visibleFields(access: Awaited<ReturnType<typeof environment>>['access'], collection: CollectionInfo): Set<string> | null {
  const names = new Set<string>();
  let any = false;
  for (const action of ['read', 'create', 'update'] as const) {
    const rule = access.get(collection.collection, action);
    if (!rule) continue;
    any = true;
    for (const name of rule.fields) names.add(name);
  }
  return any ? names : null;
}

/** Reads cover system collections too (read-only), so the permission editor can list users' or roles' fields. */
function readableCollection(schema: Schema, name: string): CollectionInfo {
  const collection = schema.collection(name);
  if (!collection) throw forbiddenCollection(name);
  return collection;
}

function requireCollection(schema: Schema, name: string): CollectionInfo {
  const collection = schema.collection(name);
  if (!collection || collection.system) throw forbiddenCollection(name);
  return collection;
}

function requireAdmin(actor: Actor): void {
  if (!actor.admin) throw forbiddenCollection('fields');
}

/** Adds a custom field: the column and its metadata in one transaction. INVALID_PAYLOAD for a bad definition. */
export async function createField(deps: Deps, actor: Actor, collectionName: string, input: FieldInput): Promise<FieldOutput> {
  requireAdmin(actor);
  const schema = deps.schema.current();
  const collection = requireCollection(schema, collectionName);
  const name = input.field;
  if (RESERVED_FIELD_NAMES.has(name.toLowerCase())) throw invalidPayload(`Field name "${name}" is reserved by the database; choose another name`);
  if (!FIELD_NAME.test(name))
    throw invalidPayload('Field names use lower-case letters, digits and underscores, start with a letter, and have at most 60 characters');
  if (collection.fields.has(name)) throw invalidPayload(`Field "${name}" already exists in collection "${collectionName}"`);
  const type = CUSTOM_TYPES[input.type];
  if (!type) throw invalidPayload(`Type "${input.type}" is not supported; use one of ${Object.keys(CUSTOM_TYPES).join(', ')}`);
  const meta = input.meta ?? {};
  const choices = normalizeChoices(meta.options?.choices);
  const isDropdown = input.type === 'dropdown' || meta.interface === 'select-dropdown' || (choices !== null && choices.length > 0);
  if (isDropdown && type !== 'string') throw invalidPayload('Only text fields can have dropdown choices');
  if (isDropdown && (!choices || choices.length === 0)) throw invalidPayload('A dropdown needs at least one choice');
  if (type !== 'string' && input.schema?.max_length !== undefined) throw invalidPayload('"max_length" applies to string fields only');
  const maxLength = type === 'string' ? checkedMaxLength(input.schema?.max_length ?? DEFAULT_STRING_LENGTH) : null;

  const draft: FieldInfo = {
    collection: collectionName,
    field: name,
    type,
    interface: isDropdown ? 'select-dropdown' : (meta.interface ?? defaultInterface(type)),
    required: meta.required ?? false,
    readonly: false,
    hidden: meta.hidden ?? false,
    note: meta.note ?? null,
    choices: isDropdown ? choices : null,
    defaultValue: null,
    maxLength,
    special: null,
    validation: null,
    // Free text is searched; dropdown values are filtered on instead (and a search would scan them).
    searchable: (type === 'string' || type === 'text') && !isDropdown,
    builtin: false,
    custom: true,
    sort: meta.sort ?? Math.max(0, ...[...collection.fields.values()].map((field) => field.sort)) + 1,
    relatedCollection: null,
    o2m: null,
  };
  const defaultValue = checkedDefault(draft, input.schema?.default_value);
  const types = columnTypes(deps.database.dialect);
  const columnType = {
    string: 'text',
    text: 'text',
    integer: 'integer',
    decimal: types.decimal,
    boolean: types.boolean,
    date: types.date,
    datetime: types.timestamp,
  }[type as 'string'];

  await deps.database.db.transaction().execute(async (trx) => {
    await trx.schema
      .alterTable(collection.table)
      .addColumn(name, columnType as 'text', (col) => (defaultValue === null ? col : col.defaultTo(defaultValue as string)))
      .execute();
    if (input.schema?.is_indexed) await trx.schema.createIndex(indexName(collection, name)).on(collection.table).column(name).execute();
    await trx
      .insertInto('fields')
      .values({
        ...fieldRow(draft, defaultValue),
        collection: collectionName,
        field: name,
        type,
        custom: true,
        max_length: maxLength,
        searchable: draft.searchable,
      })
      .execute();
    await recordSystemChange(trx, actor, {
      action: 'create',
      collection: 'fields',
      item: `${collectionName}.${name}`,
      delta: { ...input },
      timestamp: deps.now().toISOString(),
    });
  });
  await afterSchemaChange(deps);
  return getField(deps, actor, collectionName, name);
}

/**
 * Edits metadata: choices, required, note, hidden, sort and default, and the maximum length of a custom string field
 * (stored values longer than a new maximum stay as they are). The type, name and index of a field never change.
 * FORBIDDEN for an unknown field, INVALID_PAYLOAD for a change that cannot be made, FAILED_VALIDATION for a bad default.
 */
export async function updateField(deps: Deps, actor: Actor, collectionName: string, fieldName: string, input: Partial<FieldInput>): Promise<FieldOutput> {
  requireAdmin(actor);
  const collection = requireCollection(deps.schema.current(), collectionName);
  const field = collection.fields.get(fieldName);
  if (!field) throw forbidden();
  if (input.type !== undefined && CUSTOM_TYPES[input.type] !== field.type)
    throw invalidPayload('The type of a field cannot be changed; add a new field instead');
  if (field.special || field.type === 'alias') throw invalidPayload(`Field "${fieldName}" is managed by Parley and cannot be edited`);
  const meta = input.meta ?? {};
  const updated: FieldInfo = { ...field };
  if (input.schema?.is_indexed !== undefined) throw invalidPayload('"is_indexed" can only be set when a field is added');
  const maxLength = input.schema?.max_length;
  if (maxLength !== undefined && maxLength !== field.maxLength) {
    if (!field.custom || field.type !== 'string') throw invalidPayload(`"max_length" of field "${fieldName}" cannot be changed`);
    updated.maxLength = checkedMaxLength(maxLength);
  }
  if (meta.options?.choices !== undefined) {
    const choices = normalizeChoices(meta.options.choices);
    if (!field.choices) throw invalidPayload(`Field "${fieldName}" is not a dropdown`);
    if (!choices || choices.length === 0) throw invalidPayload('A dropdown needs at least one choice');
    updated.choices = choices;
  }
  if (meta.required !== undefined) updated.required = meta.required;
  if (meta.note !== undefined) updated.note = meta.note;
  if (meta.hidden !== undefined) updated.hidden = meta.hidden;
  if (meta.sort !== undefined) updated.sort = meta.sort;
  if (updated.choices && updated.maxLength !== null) {
    const limit = updated.maxLength;
    if (updated.choices.some((choice) => [...choice.value].length > limit)) throw invalidPayload(`Every choice value must fit "max_length" ${limit}`);
  }
  // The kept default is checked again too: new choices or a shorter maximum may no longer admit it.
  const defaultValue = checkedDefault(updated, input.schema && 'default_value' in input.schema ? input.schema.default_value : field.defaultValue);
  const row = fieldRow(updated, defaultValue);
  await deps.database.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('fields').select('id').where('collection', '=', collectionName).where('field', '=', fieldName).executeTakeFirst();
    if (existing) {
      await trx
        .updateTable('fields')
        .set({ ...row, max_length: updated.maxLength })
        .where('id', '=', existing.id)
        .execute();
    } else {
      await trx
        .insertInto('fields')
        .values({
          ...row,
          collection: collectionName,
          field: fieldName,
          type: field.type,
          custom: false,
          max_length: field.maxLength,
          searchable: field.searchable,
        })
        .execute();
    }
    await recordSystemChange(trx, actor, {
      action: 'update',
      collection: 'fields',
      item: `${collectionName}.${fieldName}`,
      delta: { ...input },
      timestamp: deps.now().toISOString(),
    });
  });
  await afterSchemaChange(deps);
  return getField(deps, actor, collectionName, fieldName);
}

/**
 * Deletes a custom field and its column. FORBIDDEN for a field that does not exist (as GET answers), INVALID_PAYLOAD
 * for a built-in field or one a permission rule's filter or validation still names.
 */
export async function deleteField(deps: Deps, actor: Actor, collectionName: string, fieldName: string): Promise<void> {
  requireAdmin(actor);
  const collection = requireCollection(deps.schema.current(), collectionName);
  const field = collection.fields.get(fieldName);
  if (!field) throw forbidden();
  if (!field.custom) throw invalidPayload(`Built-in field "${fieldName}" cannot be deleted`);
  await deps.database.db.transaction().execute(async (trx) => {
    await refuseFieldInRules(trx, fieldName);
    await sql`drop index if exists ${sql.id(indexName(collection, fieldName))}`.execute(trx);
    await trx.schema.alterTable(collection.table).dropColumn(fieldName).execute();
    await trx.deleteFrom('fields').where('collection', '=', collectionName).where('field', '=', fieldName).execute();
    await forgetFieldInPermissions(trx, collectionName, fieldName);
    await recordSystemChange(trx, actor, {
      action: 'delete',
      collection: 'fields',
      item: `${collectionName}.${fieldName}`,
      delta: null,
      timestamp: deps.now().toISOString(),
    });
  });
  deps.signals.publish('permissions');
  await afterSchemaChange(deps);
}

async function afterSchemaChange(deps: Deps): Promise<void> {
  deps.database.clearStatementCache();
  await deps.schema.reload();
  deps.accessControl.invalidate();
  // Other nodes reload too (on PostgreSQL); this node's listener reloads once more, harmlessly.
  deps.signals.publish('schema');
}

function indexName(collection: CollectionInfo, field: string): string {
  return `${collection.table}_${field}_custom_index`;
}

function defaultInterface(type: FieldType): string {
  return { text: 'textarea', boolean: 'boolean', date: 'datetime', datetime: 'datetime' }[type as 'text'] ?? 'input';
}

function fieldRow(field: FieldInfo, defaultValue: unknown) {
  return {
    interface: field.interface,
    required: field.required,
    hidden: field.hidden,
    note: field.note,
    choices: field.choices ? JSON.stringify(field.choices) : null,
    default_value: defaultValue === null || defaultValue === undefined ? null : JSON.stringify(defaultValue),
    sort: field.sort,
  };
}

/** A default must be a valid value of the field (type, length, choices, a real calendar date); FAILED_VALIDATION if not. */
function checkedDefault(field: FieldInfo, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  const checked = checkValue({ ...field, required: false }, value);
  if (checked instanceof AppError) {
    const detail = checked.message.replace(/^Validation failed for field "[^"]+". /, '');
    throw failedValidation(field.field, String(checked.extensions.type), `Invalid default value: ${detail}`);
  }
  return value;
}

function checkedMaxLength(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 65_535) throw invalidPayload('"max_length" must be between 1 and 65535');
  return value;
}

function normalizeChoices(raw: unknown): Choice[] | null {
  if (raw === undefined || raw === null) return null;
  if (!Array.isArray(raw) || raw.length > 500) throw invalidPayload('"choices" must be a list of at most 500 entries');
  const choices = raw.map((entry) => {
    if (typeof entry === 'string') return { text: entry, value: entry };
    if (entry && typeof entry === 'object' && typeof (entry as Choice).value === 'string') {
      const choice = entry as Partial<Choice>;
      return { text: typeof choice.text === 'string' && choice.text ? choice.text : (choice.value as string), value: choice.value as string };
    }
    throw invalidPayload('Each choice is a text or {"text", "value"}');
  });
  const values = choices.map((choice) => choice.value);
  if (values.some((value) => value.trim() === '' || value.length > DEFAULT_STRING_LENGTH)) throw invalidPayload('Choice values must be 1 to 255 characters');
  if (new Set(values).size !== values.length) throw invalidPayload('Choice values must be unique');
  return choices;
}
