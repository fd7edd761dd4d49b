import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Hand-written table interfaces (STYLE §7). Timestamps are ISO-8601 strings on both dialects; booleans are
 * `boolean` on PostgreSQL and 0/1 on SQLite, hence `Bool`. An integration test compares these interfaces
 * with the migrated columns of both databases.
 */
export type Bool = boolean | number;
export type Timestamp = string;

export interface RolesTable {
  id: string;
  name: string;
  icon: string | null;
  description: string | null;
  admin_access: Bool;
  app_access: Bool;
  date_created: Timestamp;
}

export type UserStatus = 'active' | 'invited' | 'suspended';

export interface UsersTable {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  password: string | null;
  status: UserStatus;
  role: string | null;
  /** sha256 of the user's static API token. */
  token_hash: string | null;
  email_notifications: Bool;
  last_access: Timestamp | null;
  date_created: Timestamp;
  date_updated: Timestamp | null;
}

export interface SessionsTable {
  id: string;
  user: string;
  mode: 'json' | 'cookie' | 'session';
  expires: Timestamp;
  ip: string | null;
  user_agent: string | null;
  date_created: Timestamp;
}

export interface RefreshTokensTable {
  /** sha256 of the opaque refresh token; the token itself is never stored. */
  token_hash: string;
  session: string;
  expires: Timestamp;
  /** Set when the token was rotated; presenting it again revokes the session. */
  used_at: Timestamp | null;
  date_created: Timestamp;
}

export type UserTokenPurpose = 'invite' | 'password_reset';

export interface UserTokensTable {
  token_hash: string;
  user: string;
  purpose: UserTokenPurpose;
  expires: Timestamp;
  date_created: Timestamp;
}

export interface MailLogTable {
  id: Generated<number>;
  to: string;
  subject: string;
  text: string;
  html: string;
  status: 'logged' | 'sent' | 'failed';
  error: string | null;
  message_id: string | null;
  date_created: Timestamp;
}

export interface Database {
  roles: RolesTable;
  users: UsersTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  user_tokens: UserTokensTable;
  mail_log: MailLogTable;
}

export type RoleRow = Selectable<RolesTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type RefreshTokenRow = Selectable<RefreshTokensTable>;
export type UserTokenRow = Selectable<UserTokensTable>;
export type MailLogRow = Selectable<MailLogTable>;

/**
 * Every column of every table, checked by the compiler to match the interfaces above exactly; the migration test
 * compares it with the columns the migrations really create on both databases.
 */
type ColumnSet<T> = { [K in keyof T]-?: true };
export const TABLE_COLUMNS: { [T in keyof Database]: ColumnSet<Database[T]> } = {
  roles: { id: true, name: true, icon: true, description: true, admin_access: true, app_access: true, date_created: true },
  users: {
    id: true,
    email: true,
    first_name: true,
    last_name: true,
    password: true,
    status: true,
    role: true,
    token_hash: true,
    email_notifications: true,
    last_access: true,
    date_created: true,
    date_updated: true,
  },
  sessions: { id: true, user: true, mode: true, expires: true, ip: true, user_agent: true, date_created: true },
  refresh_tokens: { token_hash: true, session: true, expires: true, used_at: true, date_created: true },
  user_tokens: { token_hash: true, user: true, purpose: true, expires: true, date_created: true },
  mail_log: { id: true, to: true, subject: true, text: true, html: true, status: true, error: true, message_id: true, date_created: true },
};
