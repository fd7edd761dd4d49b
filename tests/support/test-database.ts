import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { DialectName } from '../../server/src/db/dialect.js';

/** The databases this run tests against (decided once in global-setup.ts). */
export function testDatabases(): DialectName[] {
  return inject('databases') as DialectName[];
}

export interface TestDatabase {
  dialect: DialectName;
  /** DATABASE_URL for this test's private database: a temp SQLite file or its own PostgreSQL schema. */
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh, empty database for one test file or test, so runs and files never collide. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-test-'));
  if (dialect === 'sqlite') {
    return {
      dialect,
      url: `sqlite:${path.join(dataDir, 'parley.db')}`,
      dataDir,
      async drop() {
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const base = inject('postgresUrl');
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withClient(base, (client) => client.query(`create schema "${schema}"`));
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    dialect,
    url: url.toString(),
    dataDir,
    async drop() {
      await withClient(base, (client) => client.query(`drop schema if exists "${schema}" cascade`));
      fs.rmSync(dataDir, { recursive: true, force: true });
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
