import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../server/src/db/dialect.js';

/**
 * Indexes for `search` over ticket text (customer_name, customer_email, message, resolution): substring matching
 * that would otherwise scan every ticket. SQLite: an FTS5 trigram index (case-insensitive, Unicode-aware) kept in
 * step with support_ticket by triggers. PostgreSQL: pg_trgm GIN indexes, which ILIKE '%…%' uses directly; when the
 * extension cannot be installed, search still works, only without the index.
 */
export const SEARCH_COLUMNS = ['customer_name', 'customer_email', 'message', 'resolution'] as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    const columns = SEARCH_COLUMNS.join(', ');
    const values = (prefix: string) => SEARCH_COLUMNS.map((column) => `${prefix}.${column}`).join(', ');
    await sql
      .raw(
        `create virtual table support_ticket_search using fts5(${columns}, content='support_ticket', content_rowid='id', tokenize='trigram case_sensitive 0')`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger support_ticket_search_insert after insert on support_ticket begin insert into support_ticket_search(rowid, ${columns}) values (new.id, ${values('new')}); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger support_ticket_search_delete after delete on support_ticket begin insert into support_ticket_search(support_ticket_search, rowid, ${columns}) values ('delete', old.id, ${values('old')}); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger support_ticket_search_update after update of ${columns} on support_ticket begin insert into support_ticket_search(support_ticket_search, rowid, ${columns}) values ('delete', old.id, ${values('old')}); insert into support_ticket_search(rowid, ${columns}) values (new.id, ${values('new')}); end`,
      )
      .execute(db);
    await sql.raw(`insert into support_ticket_search(support_ticket_search) values ('rebuild')`).execute(db);
    return;
  }
  // The extension lives in one schema of the database (public when Parley installs it); its operator class is
  // named with that schema, so Parley's own schema need not be on a search_path with it.
  let schema = await trigramSchema(db);
  if (!schema) {
    await sql`savepoint parley_trgm`.execute(db);
    try {
      await sql`create extension if not exists pg_trgm schema public`.execute(db);
      await sql`release savepoint parley_trgm`.execute(db);
    } catch {
      await sql`rollback to savepoint parley_trgm`.execute(db);
      return;
    }
    schema = await trigramSchema(db);
  }
  if (!schema) return;
  for (const column of SEARCH_COLUMNS) {
    await sql`create index ${sql.id(`support_ticket_${column}_trgm_index`)} on support_ticket using gin (${sql.id(column)} ${sql.id(schema)}.gin_trgm_ops)`.execute(
      db,
    );
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
async function trigramSchema(db: Kysely<any>): Promise<string | undefined> {
  const { rows } = await sql<{
    schema: string;
  }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
  return rows[0]?.schema;
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    for (const trigger of ['insert', 'delete', 'update']) await sql.raw(`drop trigger if exists support_ticket_search_${trigger}`).execute(db);
    await sql.raw('drop table if exists support_ticket_search').execute(db);
    return;
  }
  for (const column of SEARCH_COLUMNS) await sql.raw(`drop index if exists support_ticket_${column}_trgm_index`).execute(db);
}
