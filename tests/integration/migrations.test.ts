import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { configFrom } from '../../server/src/config.js';
import { type DatabaseHandle, openDatabase } from '../../server/src/db/database.js';
import { migrateDownAll, migrateToLatest } from '../../server/src/db/migrate.js';
import { TABLE_COLUMNS } from '../../server/src/db/tables.js';
import { createTestDatabase, type TestDatabase, testDatabases } from '../support/test-database.js';

for (const dialect of testDatabases()) {
  describe(`migrations (${dialect})`, () => {
    let database: TestDatabase;
    let handle: DatabaseHandle;
    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      handle = openDatabase(configFrom({ DATABASE_URL: database.url, DATA_DIR: database.dataDir }).db);
    });
    afterAll(async () => {
      await handle?.close();
      await database?.drop();
    });

    // PostgreSQL introspection lists every schema; other test files run in their own schemas at the same time.
    async function ownTables() {
      const tables = await handle.db.introspection.getTables();
      if (dialect !== 'postgres') return tables;
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(handle.db);
      return tables.filter((table) => table.schema === rows[0]?.schema);
    }

    it('runs every migration up, matches the table interfaces, runs them all down, and up again', async () => {
      const applied = await migrateToLatest(handle.db);
      expect(applied).toEqual(Object.keys(migrations));
      expect(await migrateToLatest(handle.db)).toEqual([]);

      const tables = await ownTables();
      for (const [table, columns] of Object.entries(TABLE_COLUMNS)) {
        const found = tables.find((candidate) => candidate.name === table);
        expect(found, `table ${table}`).toBeDefined();
        expect(found?.columns.map((column) => column.name).sort(), `columns of ${table}`).toEqual(Object.keys(columns).sort());
      }

      const reverted = await migrateDownAll(handle.db);
      expect(reverted).toEqual(Object.keys(migrations).reverse());
      const remaining = (await ownTables()).map((table) => table.name);
      for (const table of Object.keys(TABLE_COLUMNS)) expect(remaining).not.toContain(table);

      expect(await migrateToLatest(handle.db)).toEqual(Object.keys(migrations));
    });
  });
}
