import { randomBytes, randomUUID } from 'node:crypto';
import { bootstrapDefaults } from '../bootstrap.js';
import type { Config } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { normalizeEmail } from '../features/auth/auth.service.js';
import { hashPassword } from '../features/auth/passwords.js';

/** `parley user create --email … [--password …] [--role …]`: an active user, for scripts and recovery. */
export async function runUserCommand(
  config: Readonly<Config>,
  positionals: string[],
  options: { email?: string; password?: string; role?: string },
  print: (line: string) => void,
): Promise<number> {
  if (positionals[0] !== 'create' || !options.email) {
    print('Usage: parley user create --email <email> [--password <pw>] [--role <role name>]');
    return 2;
  }
  const database = openDatabase(config.db);
  try {
    const db = database.db;
    await migrateToLatest(db);
    await bootstrapDefaults(db, config, () => new Date());
    const roleName = options.role ?? 'Customer';
    const role = await db.selectFrom('roles').select('id').where('name', '=', roleName).executeTakeFirst();
    if (!role) {
      print(`parley: role "${roleName}" does not exist`);
      return 1;
    }
    const email = normalizeEmail(options.email);
    if (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) {
      print(`parley: a user with email ${email} already exists`);
      return 1;
    }
    const password = options.password ?? randomBytes(12).toString('base64url');
    await db
      .insertInto('users')
      .values({
        id: randomUUID(),
        email,
        first_name: null,
        last_name: null,
        password: await hashPassword(password),
        status: 'active',
        role: role.id,
        token_hash: null,
        email_notifications: true,
        last_access: null,
        date_created: new Date().toISOString(),
        date_updated: null,
      })
      .execute();
    print(`Created ${roleName} ${email}${options.password ? '' : ` with password ${password}`}`);
    return 0;
  } finally {
    await database.close();
  }
}
