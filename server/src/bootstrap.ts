import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { AGENT_PERMISSIONS, CUSTOMER_PERMISSIONS, toPermissionRows } from './access/default-permissions.js';
import type { Config } from './config.js';
import type { Database } from './db/tables.js';
import { hashPassword } from './features/auth/passwords.js';
import { seedBuiltinFlows } from './features/flows/builtin-flows.js';

/** The signing secret: AUTH_SECRET when configured, else one generated once and kept in DATA_DIR/secret. */
export function ensureSecret(config: Pick<Config, 'auth' | 'dataDir'>): string {
  if (config.auth.secret) return config.auth.secret;
  const file = path.join(config.dataDir, 'secret');
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export const DEFAULT_ROLES = {
  admin: { name: 'Administrator', icon: 'verified', description: 'Full access to everything.', admin_access: true },
  agent: { name: 'Agent', icon: 'support_agent', description: 'Works the tickets assigned to them.', admin_access: false },
  customer: { name: 'Customer', icon: 'person', description: 'Submits tickets and follows their own.', admin_access: false },
} as const;

export type DefaultRoleKey = keyof typeof DEFAULT_ROLES;

export interface BootstrapResult {
  /** Set only when the roles were created just now (an empty database). */
  createdRoles?: Record<DefaultRoleKey, string>;
  /** Set only when the first admin was created just now. */
  admin?: { email: string; generatedPassword?: string };
}

/**
 * First start on an empty database: creates the three default roles with their default permission rows, the
 * built-in notification flows, and the first admin. Later starts find
 * them and change nothing, so no second password is ever generated.
 */
export async function bootstrapDefaults(db: Kysely<Database>, config: Pick<Config, 'auth'>, now: () => Date): Promise<BootstrapResult> {
  const result: BootstrapResult = {};
  const anyRole = await db.selectFrom('roles').select('id').limit(1).executeTakeFirst();
  if (!anyRole) {
    const ids = { admin: randomUUID(), agent: randomUUID(), customer: randomUUID() };
    await db
      .insertInto('roles')
      .values(
        (Object.keys(DEFAULT_ROLES) as DefaultRoleKey[]).map((key) => ({
          id: ids[key],
          ...DEFAULT_ROLES[key],
          app_access: true,
          date_created: now().toISOString(),
        })),
      )
      .execute();
    await db
      .insertInto('permissions')
      .values([...toPermissionRows(ids.customer, CUSTOMER_PERMISSIONS), ...toPermissionRows(ids.agent, AGENT_PERMISSIONS)])
      .execute();
    await seedBuiltinFlows(db, now());
    result.createdRoles = ids;
  }
  const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (!anyUser) {
    const adminRole = await db.selectFrom('roles').select('id').where('admin_access', '=', true).orderBy('date_created').limit(1).executeTakeFirstOrThrow();
    const generatedPassword = config.auth.adminPassword ? undefined : randomBytes(12).toString('base64url');
    await db
      .insertInto('users')
      .values({
        id: randomUUID(),
        email: config.auth.adminEmail,
        first_name: 'Admin',
        last_name: null,
        password: await hashPassword(config.auth.adminPassword ?? (generatedPassword as string)),
        status: 'active',
        role: adminRole.id,
        token_hash: null,
        email_notifications: true,
        last_access: null,
        date_created: now().toISOString(),
        date_updated: null,
      })
      .execute();
    result.admin = { email: config.auth.adminEmail, generatedPassword };
  }
  return result;
}
