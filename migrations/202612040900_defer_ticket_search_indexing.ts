import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../server/src/db/dialect.js';
import { SEARCH_COLUMNS } from './202612032000_add_ticket_search_index.js';

/**
 * SQLite: ticket changes no longer update the FTS5 search index inside their own transaction (writing a trigram
 * segment per ticket cost a ticket create about half a millisecond); triggers queue the ticket in
 * support_ticket_search_pending instead, and the background maintenance indexes the queue in batches. A queued
 * row keeps the values the index still holds (the first ones queued), which FTS5's external-content 'delete' needs;
 * search matches queued tickets on their stored text directly, so results never lag. PostgreSQL: nothing to do.
 */
const COLUMNS = SEARCH_COLUMNS.join(', ');
const OLD_VALUES = SEARCH_COLUMNS.map((column) => `old.${column}`).join(', ');
const NEW_VALUES = SEARCH_COLUMNS.map((column) => `new.${column}`).join(', ');
const TRIGGERS = ['insert', 'update', 'delete'] as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  await sql
    .raw(
      `create table support_ticket_search_pending (id integer primary key, indexed integer not null, ${SEARCH_COLUMNS.map((column) => `${column} text`).join(', ')})`,
    )
    .execute(db);
  for (const trigger of TRIGGERS) await sql.raw(`drop trigger support_ticket_search_${trigger}`).execute(db);
  // "or ignore": a ticket already queued keeps its first queued values, which are what the index holds.
  await sql
    .raw(
      'create trigger support_ticket_search_insert after insert on support_ticket begin insert or ignore into support_ticket_search_pending (id, indexed) values (new.id, 0); end',
    )
    .execute(db);
  for (const [trigger, event] of [
    ['update', `update of ${COLUMNS}`],
    ['delete', 'delete'],
  ]) {
    await sql
      .raw(
        `create trigger support_ticket_search_${trigger} after ${event} on support_ticket begin insert or ignore into support_ticket_search_pending (id, indexed, ${COLUMNS}) values (old.id, 1, ${OLD_VALUES}); end`,
      )
      .execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  for (const trigger of TRIGGERS) await sql.raw(`drop trigger support_ticket_search_${trigger}`).execute(db);
  await sql.raw('drop table support_ticket_search_pending').execute(db);
  await sql
    .raw(
      `create trigger support_ticket_search_insert after insert on support_ticket begin insert into support_ticket_search(rowid, ${COLUMNS}) values (new.id, ${NEW_VALUES}); end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger support_ticket_search_delete after delete on support_ticket begin insert into support_ticket_search(support_ticket_search, rowid, ${COLUMNS}) values ('delete', old.id, ${OLD_VALUES}); end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger support_ticket_search_update after update of ${COLUMNS} on support_ticket begin insert into support_ticket_search(support_ticket_search, rowid, ${COLUMNS}) values ('delete', old.id, ${OLD_VALUES}); insert into support_ticket_search(rowid, ${COLUMNS}) values (new.id, ${NEW_VALUES}); end`,
    )
    .execute(db);
  // The queue is gone: rebuild the index from the tickets as they are.
  await sql.raw(`insert into support_ticket_search(support_ticket_search) values ('rebuild')`).execute(db);
}
