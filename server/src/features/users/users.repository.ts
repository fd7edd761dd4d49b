import type { Kysely, Transaction } from 'kysely';
import type { Database, NewUserRow, UserRow, UserUpdate } from '../../db/tables.js';
import type { User } from './users.types.js';

type Db = Kysely<Database> | Transaction<Database>;

const MASK = '**********';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    first_name: row.first_name,
    last_name: row.last_name,
    status: row.status,
    role: row.role,
    email_notifications: Boolean(row.email_notifications),
    last_access: row.last_access,
    date_created: row.date_created,
    date_updated: row.date_updated,
    password: row.password ? MASK : null,
    token: row.token_hash ? MASK : null,
  };
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function listUsers(db: Db, page: { limit: number; offset: number }): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('email').limit(page.limit).offset(page.offset).execute();
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
