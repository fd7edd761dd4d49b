import { type Kysely, sql } from 'kysely';
import { addAutoIncrementId, columnTypes, dialectOf } from '../server/src/db/dialect.js';

/**
 * Events and automation (DESIGN §5): the event outbox written in the same transaction as each change, flows and
 * their operations (Directus shapes), flow runs (the unit the worker leases and retries), deliveries (one per
 * outbound request or mail, with a stable id across retries) and every delivery attempt.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const types = columnTypes(dialect);

  await addAutoIncrementId(db.schema.createTable('event_outbox'), dialect)
    .addColumn('event', 'text', (col) => col.notNull())
    .addColumn('collection', 'text', (col) => col.notNull())
    .addColumn('keys', types.json, (col) => col.notNull())
    .addColumn('payload', types.json)
    .addColumn('accountability', types.json)
    .addColumn('date_created', types.timestamp, (col) => col.notNull())
    .addColumn('relayed_at', types.timestamp)
    .execute();
  await db.schema.createIndex('event_outbox_pending_index').on('event_outbox').column('id').where(sql.ref('relayed_at'), 'is', null).execute();

  await db.schema
    .createTable('flows')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('icon', 'text')
    .addColumn('color', 'text')
    .addColumn('description', 'text')
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('active'))
    .addColumn('trigger', 'text', (col) => col.notNull())
    .addColumn('accountability', 'text')
    .addColumn('options', types.json)
    .addColumn('operation', 'text')
    .addColumn('signing_secret', 'text')
    .addColumn('next_run_at', types.timestamp)
    .addColumn('date_created', types.timestamp, (col) => col.notNull())
    .addColumn('user_created', 'text', (col) => col.references('users.id').onDelete('set null'))
    .execute();

  await db.schema
    .createTable('operations')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('flow', 'text', (col) => col.notNull().references('flows.id').onDelete('cascade'))
    .addColumn('name', 'text')
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('position_x', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('position_y', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('options', types.json)
    .addColumn('resolve', 'text')
    .addColumn('reject', 'text')
    .addColumn('date_created', types.timestamp, (col) => col.notNull())
    .addColumn('user_created', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addUniqueConstraint('operations_flow_key_unique', ['flow', 'key'])
    .execute();

  await db.schema
    .createTable('flow_runs')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('flow', 'text', (col) => col.notNull().references('flows.id').onDelete('cascade'))
    .addColumn('event', 'integer')
    .addColumn('trigger', types.json)
    .addColumn('accountability', types.json)
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('current_operation', 'text')
    .addColumn('data', types.json)
    .addColumn('steps', types.json)
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', types.timestamp)
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires', types.timestamp)
    .addColumn('last_error', 'text')
    .addColumn('date_created', types.timestamp, (col) => col.notNull())
    .addColumn('date_finished', types.timestamp)
    .execute();
  await db.schema.createIndex('flow_runs_due_index').on('flow_runs').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('flow_runs_flow_index').on('flow_runs').columns(['flow', 'date_created']).execute();
  // One run per (event, flow): relaying an event twice can never deliver it twice.
  await db.schema.createIndex('flow_runs_event_flow_unique').on('flow_runs').columns(['event', 'flow']).unique().execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('run', 'text', (col) => col.notNull().references('flow_runs.id').onDelete('cascade'))
    .addColumn('flow', 'text', (col) => col.notNull().references('flows.id').onDelete('cascade'))
    .addColumn('operation', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('target', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', types.timestamp)
    .addColumn('date_created', types.timestamp, (col) => col.notNull())
    .addColumn('date_delivered', types.timestamp)
    .execute();
  await db.schema.createIndex('deliveries_flow_index').on('deliveries').columns(['flow', 'state']).execute();
  await db.schema.createIndex('deliveries_run_index').on('deliveries').column('run').execute();

  await addAutoIncrementId(db.schema.createTable('delivery_attempts'), dialect)
    .addColumn('delivery', 'text', (col) => col.notNull().references('deliveries.id').onDelete('cascade'))
    .addColumn('attempt', 'integer', (col) => col.notNull())
    .addColumn('status', 'integer')
    .addColumn('duration_ms', 'integer', (col) => col.notNull())
    .addColumn('response_excerpt', 'text')
    .addColumn('error', 'text')
    .addColumn('date_created', types.timestamp, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('delivery_attempts_delivery_index').on('delivery_attempts').column('delivery').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['delivery_attempts', 'deliveries', 'flow_runs', 'operations', 'flows', 'event_outbox']) {
    await db.schema.dropTable(table).execute();
  }
}
