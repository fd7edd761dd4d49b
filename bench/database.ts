import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

/** The fresh, empty database one bench run seeds and measures, and how to remove it afterwards. */
export interface BenchDatabase {
  kind: 'sqlite' | 'postgres';
  /** DATA_DIR (always a fresh temp folder: the signing secret lives there) and DATABASE_URL for PostgreSQL. */
  env: Record<string, string>;
  dataDir: string;
  /** The SQLite file (for the limit server); undefined on PostgreSQL. */
  sqliteFile?: string;
  /** "SQLite 3.50.4 (better-sqlite3, WAL)" or "PostgreSQL 17.5 …", for the report. */
  describe(): Promise<string>;
  drop(): Promise<void>;
}

export async function createBenchDatabase(db: string): Promise<BenchDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'));
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (db === 'sqlite') {
    return {
      kind: 'sqlite',
      env: { DATA_DIR: dataDir },
      dataDir,
      sqliteFile: path.join(dataDir, 'parley.db'),
      async describe() {
        const memory = new Database(':memory:');
        try {
          return `SQLite ${memory.prepare('select sqlite_version()').pluck().get()} (better-sqlite3, WAL)`;
        } finally {
          memory.close();
        }
      },
      async drop() {
        removeDir();
      },
    };
  }
  // Like tests/support/test-database.ts: a schema of its own, selected through the connection's search_path.
  const schema = `bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await withClient(db, (client) => client.query(`create schema "${schema}"`));
  const url = new URL(db);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    kind: 'postgres',
    env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    dataDir,
    async describe() {
      const version = await withClient(db, (client) => client.query<{ server_version: string }>('show server_version'));
      return `PostgreSQL ${version.rows[0]?.server_version ?? '?'} (schema ${schema})`;
    },
    async drop() {
      try {
        await withClient(db, (client) => client.query(`drop schema if exists "${schema}" cascade`));
      } finally {
        removeDir();
      }
    },
  };
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
