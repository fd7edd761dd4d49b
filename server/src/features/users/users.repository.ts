import type { Kysely, Transaction } from 'kysely';
import type { Database, NewUserRow, UserRow, UserUpdate } from '../../db/tables.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function insertUser(db: Db, row: NewUserRow): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(db: Db, id: string, changes: UserUpdate): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

export async function deleteUser(db: Db, id: string): Promise<void> {
  await db.deleteFrom('users').where('id', '=', id).execute();
}

export async function roleExists(db: Db, id: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('roles').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}
