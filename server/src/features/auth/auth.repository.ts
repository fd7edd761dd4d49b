import type { Kysely, Transaction } from 'kysely';
import type { Database, SessionsTable, UserTokenPurpose } from '../../db/tables.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface Credentials {
  id: string;
  email: string;
  password: string | null;
  status: string;
  role: string | null;
  admin_access: boolean;
  app_access: boolean;
}

/** The login view of a user, with its role's access flags. */
export async function findCredentialsByEmail(db: Db, email: string): Promise<Credentials | undefined> {
  const row = await credentialsQuery(db).where('users.email', '=', email).executeTakeFirst();
  return row && toCredentials(row);
}

export async function findCredentialsById(db: Db, id: string): Promise<Credentials | undefined> {
  const row = await credentialsQuery(db).where('users.id', '=', id).executeTakeFirst();
  return row && toCredentials(row);
}

function credentialsQuery(db: Db) {
  return db
    .selectFrom('users')
    .leftJoin('roles', 'roles.id', 'users.role')
    .select(['users.id', 'users.email', 'users.password', 'users.status', 'users.role', 'roles.admin_access', 'roles.app_access']);
}

function toCredentials(row: {
  id: string;
  email: string;
  password: string | null;
  status: string;
  role: string | null;
  admin_access: boolean | number | null;
  app_access: boolean | number | null;
}): Credentials {
  return { ...row, admin_access: Boolean(row.admin_access), app_access: Boolean(row.app_access) };
}

export async function insertSession(db: Db, session: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

export async function findSession(db: Db, id: string) {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function extendSession(db: Db, id: string, expires: string): Promise<void> {
  await db.updateTable('sessions').set({ expires }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: Db, user: string): Promise<void> {
  await db.deleteFrom('sessions').where('user', '=', user).execute();
}

export async function insertRefreshToken(db: Db, token: { token_hash: string; session: string; expires: string; date_created: string }): Promise<void> {
  await db
    .insertInto('refresh_tokens')
    .values({ ...token, used_at: null })
    .execute();
}

export async function findRefreshToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('refresh_tokens')
    .innerJoin('sessions', 'sessions.id', 'refresh_tokens.session')
    .select(['refresh_tokens.token_hash', 'refresh_tokens.session', 'refresh_tokens.expires', 'refresh_tokens.used_at', 'sessions.user', 'sessions.mode'])
    .where('refresh_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Marks a refresh token used; false when it already was (a concurrent refresh won the race). */
export async function markRefreshTokenUsed(db: Db, tokenHash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('refresh_tokens')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Replaces any earlier token of this purpose: only the newest invitation or reset link works. */
export async function replaceUserToken(
  db: Db,
  token: { token_hash: string; user: string; purpose: UserTokenPurpose; expires: string; date_created: string },
): Promise<void> {
  await db.deleteFrom('user_tokens').where('user', '=', token.user).where('purpose', '=', token.purpose).execute();
  await db.insertInto('user_tokens').values(token).execute();
}

/** Deletes and returns a live token: single use, even under concurrent requests. */
export async function consumeUserToken(db: Db, tokenHash: string, purpose: UserTokenPurpose, now: string): Promise<{ user: string } | undefined> {
  const row = await db
    .deleteFrom('user_tokens')
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .returning(['user', 'expires'])
    .executeTakeFirst();
  if (!row || row.expires <= now) return undefined;
  return { user: row.user };
}

export async function setUserPassword(db: Db, user: string, passwordHash: string, at: string, activate: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ password: passwordHash, date_updated: at, ...(activate ? { status: 'active' as const } : {}) })
    .where('id', '=', user)
    .execute();
}

export async function touchLastAccess(db: Db, user: string, at: string): Promise<void> {
  await db.updateTable('users').set({ last_access: at }).where('id', '=', user).execute();
}
