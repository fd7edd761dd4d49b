import type { Kysely } from 'kysely';
import { addAutoIncrementId, columnTypes, dialectOf } from '../server/src/db/dialect.js';

/**
 * The helpdesk's item collections (DESIGN §2), the `fields` metadata table (custom fields and admin edits of
 * built-in fields), permission rows, and the activity/revision log. Value rules such as "required" live in field
 * metadata, not NOT NULL constraints, so admins can change them without touching stored data.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const types = columnTypes(dialect);

  await db.schema
    .createTable('agents')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user', 'text', (col) => col.notNull().unique().references('users.id').onDelete('cascade'))
    .addColumn('team', 'text')
    .addColumn('available', types.boolean, (col) => col.notNull().defaultTo(true))
    .execute();

  await addAutoIncrementId(db.schema.createTable('support_ticket'), dialect)
    .addColumn('customer_name', 'text')
    .addColumn('customer_email', 'text')
    .addColumn('issue_type', 'text')
    .addColumn('status', 'text', (col) => col.defaultTo('Open'))
    .addColumn('message', 'text')
    .addColumn('assigned_to', 'text', (col) => col.references('agents.id').onDelete('set null'))
    .addColumn('resolution', 'text')
    .addColumn('date_created', types.timestamp, (col) => col.notNull())
    .addColumn('date_updated', types.timestamp)
    .addColumn('user_created', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('user_updated', 'text', (col) => col.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('support_ticket_user_created_index').on('support_ticket').columns(['user_created', 'date_created']).execute();
  await db.schema.createIndex('support_ticket_assigned_to_index').on('support_ticket').columns(['assigned_to', 'status', 'date_created']).execute();
  await db.schema.createIndex('support_ticket_status_index').on('support_ticket').columns(['status', 'date_created']).execute();
  await db.schema.createIndex('support_ticket_date_created_index').on('support_ticket').column('date_created').execute();

  await db.schema
    .createTable('ticket_message')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('ticket', 'integer', (col) => col.notNull().references('support_ticket.id').onDelete('cascade'))
    .addColumn('message', 'text')
    .addColumn('internal', types.boolean, (col) => col.notNull().defaultTo(false))
    .addColumn('date_created', types.timestamp, (col) => col.notNull())
    .addColumn('date_updated', types.timestamp)
    .addColumn('user_created', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('user_updated', 'text', (col) => col.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('ticket_message_ticket_index').on('ticket_message').columns(['ticket', 'date_created']).execute();

  await addAutoIncrementId(db.schema.createTable('fields'), dialect)
    .addColumn('collection', 'text', (col) => col.notNull())
    .addColumn('field', 'text', (col) => col.notNull())
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('interface', 'text', (col) => col.notNull())
    .addColumn('required', types.boolean, (col) => col.notNull().defaultTo(false))
    .addColumn('hidden', types.boolean, (col) => col.notNull().defaultTo(false))
    .addColumn('note', 'text')
    .addColumn('choices', types.json)
    .addColumn('default_value', types.json)
    .addColumn('max_length', 'integer')
    .addColumn('sort', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('searchable', types.boolean, (col) => col.notNull().defaultTo(false))
    .addColumn('custom', types.boolean, (col) => col.notNull().defaultTo(false))
    .addUniqueConstraint('fields_collection_field_unique', ['collection', 'field'])
    .execute();

  await addAutoIncrementId(db.schema.createTable('permissions'), dialect)
    .addColumn('role', 'text', (col) => col.notNull().references('roles.id').onDelete('cascade'))
    .addColumn('collection', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('permissions', types.json)
    .addColumn('validation', types.json)
    .addColumn('presets', types.json)
    .addColumn('fields', types.json)
    .addUniqueConstraint('permissions_role_collection_action_unique', ['role', 'collection', 'action'])
    .execute();

  await addAutoIncrementId(db.schema.createTable('activity'), dialect)
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('user', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('timestamp', types.timestamp, (col) => col.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('collection', 'text', (col) => col.notNull())
    .addColumn('item', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('activity_item_index').on('activity').columns(['collection', 'item']).execute();
  await db.schema.createIndex('activity_timestamp_index').on('activity').column('timestamp').execute();

  await addAutoIncrementId(db.schema.createTable('revisions'), dialect)
    .addColumn('activity', 'integer', (col) => col.notNull().references('activity.id').onDelete('cascade'))
    .addColumn('collection', 'text', (col) => col.notNull())
    .addColumn('item', 'text', (col) => col.notNull())
    .addColumn('data', types.json)
    .addColumn('delta', types.json)
    .execute();
  await db.schema.createIndex('revisions_activity_index').on('revisions').column('activity').execute();
  await db.schema.createIndex('revisions_item_index').on('revisions').columns(['collection', 'item']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['revisions', 'activity', 'permissions', 'fields', 'ticket_message', 'support_ticket', 'agents']) {
    await db.schema.dropTable(table).execute();
  }
}
