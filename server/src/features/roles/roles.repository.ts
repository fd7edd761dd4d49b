import type { Kysely, Transaction } from 'kysely';
import type { Database, RoleRow, RolesTable } from '../../db/tables.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function findRoleById(db: Db, id: string): Promise<RoleRow | undefined> {
  return db.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRoleByName(db: Db, name: string): Promise<RoleRow | undefined> {
  return db.selectFrom('roles').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertRole(db: Db, row: RolesTable): Promise<void> {
  await db.insertInto('roles').values(row).execute();
}

export async function updateRole(db: Db, id: string, changes: Partial<RolesTable>): Promise<void> {
  await db.updateTable('roles').set(changes).where('id', '=', id).execute();
}

export async function deleteRole(db: Db, id: string): Promise<void> {
  await db.deleteFrom('roles').where('id', '=', id).execute();
}

export async function countUsersWithRole(db: Db, id: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
