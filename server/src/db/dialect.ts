import { type ColumnDataType, type CreateTableBuilder, type Expression, type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';

/**
 * The few places where SQLite and PostgreSQL differ. Everything else in Parley is one Kysely code path.
 *
 * Storage choices that keep results identical on both:
 * - timestamps: `timestamptz` on PostgreSQL, ISO-8601 text (`2026-12-03T16:49:01.098Z`) on SQLite; both are read
 *   back as that ISO string (see the pg type parsers in database.ts), and the server always writes them.
 * - booleans: `boolean` on PostgreSQL, 0/1 integers on SQLite (the SQLite plugin binds JS booleans as 0/1).
 * - uuids and JSON documents: text on both, so every string operator works on them the same way.
 */
export type DialectName = 'sqlite' | 'postgres';

// biome-ignore lint/suspicious/noExplicitAny: migrations and the dynamic item queries work on untyped tables
export type AnyDb = Kysely<any>;

export function dialectOf(db: AnyDb): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export interface ColumnTypes {
  timestamp: ColumnDataType;
  boolean: ColumnDataType;
  json: ColumnDataType;
  date: ColumnDataType;
  decimal: ColumnDataType | RawBuilder<unknown>;
}

export function columnTypes(dialect: DialectName): ColumnTypes {
  return dialect === 'postgres'
    ? { timestamp: 'timestamptz', boolean: 'boolean', json: 'text', date: 'date', decimal: sql`double precision` }
    : { timestamp: 'text', boolean: 'integer', json: 'text', date: 'text', decimal: 'real' };
}

/** Adds an auto-increment integer primary key `name` (SQLite AUTOINCREMENT never reuses ids; PostgreSQL serial). */
export function addAutoIncrementId<T extends CreateTableBuilder<string, never>>(builder: T, dialect: DialectName, name = 'id'): T {
  return (
    dialect === 'postgres'
      ? builder.addColumn(name, 'serial', (col) => col.primaryKey())
      : builder.addColumn(name, 'integer', (col) => col.primaryKey().autoIncrement())
  ) as T;
}

/** Case-insensitive LIKE: ILIKE on PostgreSQL; SQLite's LIKE is already case-insensitive for ASCII. */
export function caseInsensitiveLike(dialect: DialectName): 'ilike' | 'like' {
  return dialect === 'postgres' ? 'ilike' : 'like';
}

/** A boolean literal usable in SQL on either dialect. */
export function booleanValue(dialect: DialectName, value: boolean): boolean | number {
  return dialect === 'postgres' ? value : value ? 1 : 0;
}

/** Text of any column, for LIKE searches on non-text columns (same SQL on both dialects). */
export function asText(expression: Expression<unknown>): RawBuilder<string> {
  return sql<string>`cast(${expression} as text)`;
}
