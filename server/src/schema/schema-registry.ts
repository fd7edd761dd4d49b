import type { Kysely } from 'kysely';
import { parseJsonColumn } from '../db/json-column.js';
import type { Database, FieldsTable } from '../db/tables.js';
import { ITEM_COLLECTION_SEEDS, SYSTEM_COLLECTIONS, toFieldInfo } from './builtin-collections.js';
import type { Choice, CollectionInfo, FieldInfo, FieldType } from './types.js';

/** An immutable view of every collection; a request works on one snapshot from start to end. */
export interface Schema {
  readonly version: number;
  collection(name: string): CollectionInfo | undefined;
  /** Collections served by /items. */
  itemCollections(): CollectionInfo[];
}

export interface SchemaRegistry {
  current(): Schema;
  /** Re-reads the `fields` table (after a schema change here or, on PostgreSQL, on another node). */
  reload(): Promise<Schema>;
}

type FieldRow = Omit<FieldsTable, 'id'> & { id: number };

/** Loads the schema once at start and keeps it in memory; only schema changes reload it. */
export async function createSchemaRegistry(db: Kysely<Database>): Promise<SchemaRegistry> {
  let schema = await loadSchema(db, 1);
  return {
    current: () => schema,
    async reload() {
      schema = await loadSchema(db, schema.version + 1);
      return schema;
    },
  };
}

async function loadSchema(db: Kysely<Database>, version: number): Promise<Schema> {
  const rows = (await db.selectFrom('fields').selectAll().orderBy('id').execute()) as FieldRow[];
  return buildSchema(rows, version);
}

/** Built-in definitions, overridden by admin edits, plus custom fields; pure, so it is unit-testable. */
export function buildSchema(rows: FieldRow[], version: number): Schema {
  const collections = new Map<string, CollectionInfo>();
  for (const [name, seed] of Object.entries(ITEM_COLLECTION_SEEDS)) {
    const fields = new Map<string, FieldInfo>();
    for (const fieldSeed of seed.fields) fields.set(fieldSeed.field, toFieldInfo(name, fieldSeed, { builtin: true, custom: false }));
    collections.set(name, {
      collection: name,
      table: name,
      primaryKey: 'id',
      primaryKeyType: seed.primaryKeyType,
      system: false,
      icon: seed.icon,
      note: seed.note,
      fields,
    });
  }
  for (const row of rows) {
    const collection = collections.get(row.collection);
    if (!collection) continue;
    const existing = collection.fields.get(row.field);
    if (existing && !row.custom) collection.fields.set(row.field, { ...existing, ...editableProperties(row) });
    else if (!existing && row.custom) collection.fields.set(row.field, customField(row));
  }
  for (const collection of collections.values()) {
    collection.fields = new Map([...collection.fields.entries()].sort(([, a], [, b]) => a.sort - b.sort));
  }
  for (const system of SYSTEM_COLLECTIONS) collections.set(system.collection, system);

  const itemCollections = [...collections.values()].filter((collection) => !collection.system);
  return {
    version,
    collection: (name) => collections.get(name),
    itemCollections: () => itemCollections,
  };
}

/** What an admin may change on a built-in field. */
function editableProperties(row: FieldRow): Partial<FieldInfo> {
  return {
    required: Boolean(row.required),
    hidden: Boolean(row.hidden),
    note: row.note,
    choices: parseJsonColumn<Choice[] | null>(row.choices, null),
    defaultValue: parseJsonColumn<unknown>(row.default_value, null),
    sort: row.sort,
  };
}

function customField(row: FieldRow): FieldInfo {
  return toFieldInfo(
    row.collection,
    {
      field: row.field,
      type: row.type as FieldType,
      interface: row.interface,
      maxLength: row.max_length,
      searchable: Boolean(row.searchable),
      ...editableProperties(row),
    },
    { builtin: false, custom: true },
  );
}
