import type { Kysely } from 'kysely';
import { addAutoIncrementId, columnTypes, dialectOf } from '../server/src/db/dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not the current types
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const types = columnTypes(dialect);

  await db.schema
    .createTable('roles')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .addColumn('icon', 'text')
    .addColumn('description', 'text')
    .addColumn('admin_access', types.boolean, (col) => col.notNull().defaultTo(false))
    .addColumn('app_access', types.boolean, (col) => col.notNull().defaultTo(true))
    .addColumn('date_created', types.timestamp, (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('email', 'text', (col) => col.notNull().unique())
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('password', 'text')
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('active'))
    .addColumn('role', 'text', (col) => col.references('roles.id').onDelete('restrict'))
    .addColumn('token_hash', 'text', (col) => col.unique())
    .addColumn('email_notifications', types.boolean, (col) => col.notNull().defaultTo(true))
    .addColumn('last_access', types.timestamp)
    .addColumn('date_created', types.timestamp, (col) => col.notNull())
    .addColumn('date_updated', types.timestamp)
    .execute();
  await db.schema.createIndex('users_role_index').on('users').column('role').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('mode', 'text', (col) => col.notNull())
    .addColumn('expires', types.timestamp, (col) => col.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('date_created', types.timestamp, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_index').on('sessions').column('user').execute();

  await db.schema
    .createTable('refresh_tokens')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('session', 'text', (col) => col.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('expires', types.timestamp, (col) => col.notNull())
    .addColumn('used_at', types.timestamp)
    .addColumn('date_created', types.timestamp, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('refresh_tokens_session_index').on('refresh_tokens').column('session').execute();

  await db.schema
    .createTable('user_tokens')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('user', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (col) => col.notNull())
    .addColumn('expires', types.timestamp, (col) => col.notNull())
    .addColumn('date_created', types.timestamp, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('user_tokens_user_index').on('user_tokens').columns(['user', 'purpose']).execute();

  await addAutoIncrementId(db.schema.createTable('mail_log'), dialect)
    .addColumn('to', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('html', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('error', 'text')
    .addColumn('message_id', 'text')
    .addColumn('date_created', types.timestamp, (col) => col.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['mail_log', 'user_tokens', 'refresh_tokens', 'sessions', 'users', 'roles']) {
    await db.schema.dropTable(table).execute();
  }
}
