import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../db/dialect.js';
import type { Database } from '../db/tables.js';

/**
 * SQLite's FTS5 trigram indexes behind `search`, by collection (migrations 202612032000 and 202612040900): the
 * index table, the columns it covers, and the queue of rows changed since they were last indexed. PostgreSQL's
 * pg_trgm indexes are kept by PostgreSQL itself and need none of this.
 */
export interface TrigramIndex {
  table: string;
  pending: string;
  columns: readonly string[];
}

export const TRIGRAM_INDEXES: Readonly<Record<string, TrigramIndex>> = {
  support_ticket: {
    table: 'support_ticket_search',
    pending: 'support_ticket_search_pending',
    columns: ['customer_name', 'customer_email', 'message', 'resolution'],
  },
};

/** Whether any row waits to be indexed (always false on PostgreSQL). */
export async function hasPendingSearchRows(db: Kysely<Database>): Promise<boolean> {
  if (dialectOf(db) !== 'sqlite') return false;
  for (const index of Object.values(TRIGRAM_INDEXES)) {
    const queued = await sql`select 1 from ${sql.table(index.pending)} limit 1`.execute(db);
    if (queued.rows.length > 0) return true;
  }
  return false;
}

/** Rows indexed per transaction: one FTS5 segment each, and a short hold of the write lock. */
const BATCH = 500;

/**
 * Moves queued rows into the search indexes: removes what the index holds for them (the values queued with them)
 * and adds their current text, then empties the queue, in one transaction per batch. Several callers may run it
 * at once: SQLite serialises the transactions and a later one finds the queue empty. Returns the rows indexed.
 */
export async function indexPendingSearchRows(db: Kysely<Database>): Promise<number> {
  if (dialectOf(db) !== 'sqlite') return 0;
  // A read first: mostly nothing is queued, and an empty write transaction still takes the write lock.
  if (!(await hasPendingSearchRows(db))) return 0;
  let total = 0;
  for (const [collection, index] of Object.entries(TRIGRAM_INDEXES)) {
    const table = sql.table(index.table);
    const pending = sql.table(index.pending);
    const columns = sql.join(index.columns.map((column) => sql.ref(column)));
    const batch = sql`(select id from ${pending} order by id limit ${BATCH})`;
    for (;;) {
      const indexed = await db.transaction().execute(async (trx) => {
        await sql`insert into ${table} (${table}, rowid, ${columns}) select 'delete', id, ${columns} from ${pending} where indexed = 1 and id in ${batch}`.execute(
          trx,
        );
        await sql`insert into ${table} (rowid, ${columns}) select id, ${columns} from ${sql.table(collection)} where id in ${batch}`.execute(trx);
        const removed = await sql`delete from ${pending} where id in ${batch}`.execute(trx);
        return Number(removed.numAffectedRows ?? 0);
      });
      total += indexed;
      if (indexed < BATCH) break;
    }
  }
  return total;
}
