import { sql as kyselySql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFrom } from '../../server/src/config.js';
import { type DatabaseHandle, openDatabase } from '../../server/src/db/database.js';
import { selectArrays, sql } from '../../server/src/query/sql-fragment.js';
import { createTestDatabase, type TestDatabase, testDatabases } from '../support/test-database.js';

for (const dialect of testDatabases()) {
  describe(`database handle (${dialect})`, () => {
    let database: TestDatabase;
    let handle: DatabaseHandle;
    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      handle = openDatabase(configFrom({ DATABASE_URL: database.url, DATA_DIR: database.dataDir }).db);
      await kyselySql`create table probe (id integer primary key, label text)`.execute(handle.db);
      await kyselySql`insert into probe (id, label) values (1, 'one'), (2, 'two')`.execute(handle.db);
    });
    afterAll(async () => {
      await handle?.close();
      await database?.drop();
    });

    const labels = (db: DatabaseHandle['db']) => selectArrays(db, sql`select id, label from probe order by id`, dialect);

    it('returns rows as arrays of column values in select order, keyed queries still as objects', async () => {
      expect(await selectArrays(handle.db, sql`select label, id, ${'x'} as extra from probe order by id`, dialect)).toEqual([
        ['one', 1, 'x'],
        ['two', 2, 'x'],
      ]);
      const { rows } = await kyselySql<{ id: number }>`select id from probe order by id`.execute(handle.db);
      expect(rows).toEqual([{ id: 1 }, { id: 2 }]);
    });

    it('runs array queries on the transaction that asks, and nowhere else', async () => {
      let outside: Promise<unknown[][]> | undefined;
      await handle.db
        .transaction()
        .execute(async (trx) => {
          await kyselySql`insert into probe (id, label) values (3, 'three')`.execute(trx);
          expect(await labels(trx)).toHaveLength(3);
          // Another request meanwhile must not read the uncommitted row (SQLite: it waits for the transaction).
          outside = labels(handle.db);
          await new Promise((resolve) => setTimeout(resolve, 50));
          throw new Error('roll back');
        })
        .catch((error: Error) => expect(error.message).toBe('roll back'));
      expect(await outside).toEqual([
        [1, 'one'],
        [2, 'two'],
      ]);
      expect(await labels(handle.db)).toHaveLength(2);
    });
  });
}
