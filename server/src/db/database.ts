import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { type CompiledQuery, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import { arraysFromObjects, withArrayRows } from './array-rows.js';
import type { DialectName } from './dialect.js';
import type { Database } from './tables.js';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The raw pg pool (PostgreSQL only): LISTEN/NOTIFY and bulk loads need it. */
  pgPool?: pg.Pool;
  /** The raw better-sqlite3 connection (SQLite only), for bulk loads. */
  sqlite?: SqliteDatabase.Database;
  /** Forgets prepared statements after the schema changed (SQLite keeps them per connection). */
  clearStatementCache(): void;
  /**
   * SQLite: copies the write-ahead log into the database file as far as readers allow (a PASSIVE checkpoint). The
   * flow worker thread does this for the API's connection while it runs. No-op on PostgreSQL.
   */
  checkpoint(): void;
  /**
   * SQLite: whether this connection checkpoints inside the commit that makes the log pass 1,000 pages (SQLite's
   * default, fsync included). Off while another connection calls checkpoint(), so API requests never wait for it.
   */
  setCheckpointOnCommit(enabled: boolean): void;
  close(): Promise<void>;
}

/** Opens the database the config names: embedded SQLite (WAL, foreign keys, busy timeout) or a PostgreSQL pool. */
export function openDatabase(config: DatabaseConfig): DatabaseHandle {
  if (config.dialect === 'postgres') return openPostgres(config.url, config.poolMax);
  return openSqlite(config.file, config.busyTimeoutMs);
}

function openSqlite(file: string, busyTimeoutMs: number): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file, { timeout: busyTimeoutMs });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // WAL with synchronous=NORMAL is durable across application crashes; only an OS crash or power loss can lose
  // the last transactions. FULL would add an fsync per commit.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
  registerCaseInsensitiveMatching(sqlite);
  const cache = new Map<string, CachedStatement>();
  const arrayCache = new Map<string, CachedStatement>();
  const dialect = new SqliteDialect({ database: withStatementCache(sqlite, cache) });
  // The connection is Kysely's only one, held by the caller (its mutex serialises statements and transactions).
  const runArrays = async (_connection: unknown, query: CompiledQuery) => ({
    rows: cachedStatement(arrayCache, query.sql, () => sqlite.prepare(query.sql).raw(true)).all(query.parameters) as unknown[][],
  });
  const db = new Kysely<Database>({ dialect: withArrayRows(dialect, runArrays) });
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    clearStatementCache: () => {
      cache.clear();
      arrayCache.clear();
    },
    checkpoint: () => sqlite.pragma('wal_checkpoint(PASSIVE)'),
    setCheckpointOnCommit: (enabled) => sqlite.pragma(`wal_autocheckpoint = ${enabled ? 1000 : 0}`),
    close: () => db.destroy(),
  };
}

/** What Kysely's SQLite driver uses of a statement. */
interface CachedStatement {
  readonly reader: boolean;
  all(parameters: readonly unknown[]): unknown[];
  run(parameters: readonly unknown[]): SqliteDatabase.RunResult;
  iterate(parameters: readonly unknown[]): IterableIterator<unknown>;
}

/** better-sqlite3 refuses to bind JS booleans; SQLite stores them as 0/1. */
function bindingBooleans(statement: SqliteDatabase.Statement): CachedStatement {
  const convert = (parameters: readonly unknown[]) => parameters.map((value) => (typeof value === 'boolean' ? (value ? 1 : 0) : value));
  return {
    reader: statement.reader,
    all: (parameters) => statement.all(convert(parameters)),
    run: (parameters) => statement.run(convert(parameters)),
    iterate: (parameters) => statement.iterate(convert(parameters)),
  };
}

/**
 * Kysely opens transactions with a deferred `begin`. With a second connection writing (the flow worker thread, or a
 * `parley worker` process), a deferred transaction that reads and then writes fails at once with SQLITE_BUSY when
 * the other wrote in between; an immediate one takes the write lock first and waits its turn (busy_timeout).
 */
const BEGIN_WRITE = 'begin immediate';

const MAX_STATEMENTS = 2000;

/**
 * Kysely prepares every statement it runs; the same SQL text comes back on every request of a kind, so prepared
 * statements are kept (SQLite re-prepares one itself if the schema under it changed; DDL also clears the cache).
 */
function withStatementCache(sqlite: SqliteDatabase.Database, cache: Map<string, CachedStatement>): SqliteDatabase.Database {
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') {
        return (source: string) => cachedStatement(cache, source, () => target.prepare(source === 'begin' ? BEGIN_WRITE : source));
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The statement prepared for `source`, prepared once and kept (at most MAX_STATEMENTS per cache). */
function cachedStatement(cache: Map<string, CachedStatement>, source: string, prepare: () => SqliteDatabase.Statement): CachedStatement {
  let statement = cache.get(source);
  if (!statement) {
    statement = bindingBooleans(prepare());
    if (cache.size >= MAX_STATEMENTS) cache.clear();
    cache.set(source, statement);
  }
  return statement;
}

/**
 * Case-insensitive matching that folds every letter, as PostgreSQL's ILIKE does; SQLite's LIKE folds ASCII only
 * ("émile" would miss "Émile"). The compiler calls these on SQLite where it uses ILIKE on PostgreSQL.
 */
function registerCaseInsensitiveMatching(sqlite: SqliteDatabase.Database): void {
  const fold = (value: unknown) => String(value).toLowerCase();
  const options = { deterministic: true };
  sqlite.function('parley_icontains', options, (value: unknown, needle: unknown) => (value === null ? null : fold(value).includes(fold(needle)) ? 1 : 0));
  sqlite.function('parley_istarts_with', options, (value: unknown, needle: unknown) => (value === null ? null : fold(value).startsWith(fold(needle)) ? 1 : 0));
  sqlite.function('parley_iends_with', options, (value: unknown, needle: unknown) => (value === null ? null : fold(value).endsWith(fold(needle)) ? 1 : 0));
}

const PG_TYPES = {
  INT8: 20,
  NUMERIC: 1700,
  DATE: 1082,
  TIMESTAMP: 1114,
  TIMESTAMPTZ: 1184,
} as const;

/** Values come back in the same JavaScript shapes as from SQLite: numbers, ISO timestamp strings, date strings. */
function pgTypeParser(oid: number, format?: string): (value: string) => unknown {
  switch (oid) {
    case PG_TYPES.INT8:
    case PG_TYPES.NUMERIC:
      return Number;
    case PG_TYPES.DATE:
      return (value) => value;
    case PG_TYPES.TIMESTAMPTZ:
      return (value) => new Date(value).toISOString();
    case PG_TYPES.TIMESTAMP:
      return (value) => new Date(`${value}Z`).toISOString();
    default:
      return loadPg().types.getTypeParser(oid, format as 'text');
  }
}

let pgModule: typeof pg | undefined;

/** pg is loaded only when PostgreSQL is used: an embedded SQLite install does not carry it in memory. */
export function loadPg(): typeof pg {
  // Asked for on every result's column types, so resolved once.
  pgModule ??= createRequire(import.meta.url)('pg') as typeof pg;
  return pgModule;
}

function openPostgres(url: string, poolMax: number): DatabaseHandle {
  const pg = loadPg();
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    types: { getTypeParser: pgTypeParser as typeof pg.types.getTypeParser },
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: withArrayRows(new PostgresDialect({ pool }), arraysFromObjects) });
  return {
    db,
    dialect: 'postgres',
    pgPool: pool,
    clearStatementCache: () => {},
    checkpoint: () => {},
    setCheckpointOnCommit: () => {},
    close: () => db.destroy(),
  };
}
