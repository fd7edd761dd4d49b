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

/** Item tables hold admin-defined custom columns too; those are reached through the dynamic query compiler. */
export interface SupportTicketTable {
  id: Generated<number>;
  customer_name: string | null;
  customer_email: string | null;
  issue_type: string | null;
  status: string | null;
  message: string | null;
  assigned_to: string | null;
  resolution: string | null;
  date_created: Timestamp;
  date_updated: Timestamp | null;
  user_created: string | null;
  user_updated: string | null;
}

export interface TicketMessageTable {
  id: string;
  ticket: number;
  message: string | null;
  internal: Bool;
  date_created: Timestamp;
  date_updated: Timestamp | null;
  user_created: string | null;
  user_updated: string | null;
}

export interface AgentsTable {
  id: string;
  user: string;
  team: string | null;
  available: Bool;
}

export interface FieldsTable {
  id: Generated<number>;
  collection: string;
  field: string;
  type: string;
  interface: string;
  required: Bool;
  hidden: Bool;
  note: string | null;
  /** JSON array of {text, value}. */
  choices: string | null;
  /** JSON value. */
  default_value: string | null;
  max_length: number | null;
  sort: number;
  searchable: Bool;
  custom: Bool;
}

export type PermissionAction = 'create' | 'read' | 'update' | 'delete';

export interface PermissionsTable {
  id: Generated<number>;
  role: string;
  collection: string;
  action: PermissionAction;
  /** JSON filter rule limiting the rows (null: all rows). */
  permissions: string | null;
  /** JSON filter rule a created or updated item must satisfy. */
  validation: string | null;
  /** JSON object of default values. */
  presets: string | null;
  /** JSON array of field names, or ["*"]. */
  fields: string | null;
}

export interface ActivityTable {
  id: Generated<number>;
  action: string;
  user: string | null;
  timestamp: Timestamp;
  ip: string | null;
  user_agent: string | null;
  collection: string;
  item: string;
}

export interface RevisionsTable {
  id: Generated<number>;
  activity: number;
  collection: string;
  item: string;
  data: string | null;
  delta: string | null;
}

export interface EventOutboxTable {
  id: Generated<number>;
  /** items.create | items.update | items.delete */
  event: string;
  collection: string;
  /** JSON array of the item keys. */
  keys: string;
  /** JSON: the request payload (create/update) as sent. */
  payload: string | null;
  /** JSON: who made the change (user, role, admin, ip, userAgent). */
  accountability: string | null;
  date_created: Timestamp;
  /** Set once the relay has turned the event into flow runs. */
  relayed_at: Timestamp | null;
}

export interface FlowsTable {
  id: string;
  name: string;
  icon: string | null;
  color: string | null;
  description: string | null;
  status: 'active' | 'inactive';
  trigger: 'event' | 'schedule' | 'webhook' | 'manual';
  /** "all" keeps a run log with each step's input and output; null keeps none. */
  accountability: string | null;
  options: string | null;
  /** First operation of the chain. */
  operation: string | null;
  /** Standard Webhooks secret ("whsec_…"); requests are signed when set. */
  signing_secret: string | null;
  next_run_at: Timestamp | null;
  date_created: Timestamp;
  user_created: string | null;
}

export interface OperationsTable {
  id: string;
  flow: string;
  name: string | null;
  key: string;
  type: string;
  position_x: number;
  position_y: number;
  options: string | null;
  resolve: string | null;
  reject: string | null;
  date_created: Timestamp;
  user_created: string | null;
}

export type RunStatus = 'pending' | 'running' | 'retrying' | 'succeeded' | 'failed' | 'dead';

export interface FlowRunsTable {
  id: string;
  flow: string;
  event: number | null;
  trigger: string | null;
  accountability: string | null;
  status: RunStatus;
  current_operation: string | null;
  /** JSON data chain: {$trigger, $accountability, $last, <key>: output}. */
  data: string | null;
  /** JSON run log: one entry per executed operation. */
  steps: string | null;
  attempts: number;
  next_attempt_at: Timestamp | null;
  lease_owner: string | null;
  lease_expires: Timestamp | null;
  last_error: string | null;
  date_created: Timestamp;
  date_finished: Timestamp | null;
}

export type DeliveryState = 'pending' | 'retrying' | 'delivered' | 'failed' | 'dead';

export interface DeliveriesTable {
  /** The Standard Webhooks message id, the same on every retry. */
  id: string;
  run: string;
  flow: string;
  operation: string;
  kind: 'request' | 'mail';
  /** URL or mail recipient. */
  target: string;
  state: DeliveryState;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  next_attempt_at: Timestamp | null;
  date_created: Timestamp;
  date_delivered: Timestamp | null;
}

export interface DeliveryAttemptsTable {
  id: Generated<number>;
  delivery: string;
  attempt: number;
  status: number | null;
  duration_ms: number;
  response_excerpt: string | null;
  error: string | null;
  date_created: Timestamp;
}

export interface Database {
  roles: RolesTable;
  users: UsersTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  user_tokens: UserTokensTable;
  mail_log: MailLogTable;
  support_ticket: SupportTicketTable;
  ticket_message: TicketMessageTable;
  agents: AgentsTable;
  fields: FieldsTable;
  permissions: PermissionsTable;
  activity: ActivityTable;
  revisions: RevisionsTable;
  event_outbox: EventOutboxTable;
  flows: FlowsTable;
  operations: OperationsTable;
  flow_runs: FlowRunsTable;
  deliveries: DeliveriesTable;
  delivery_attempts: DeliveryAttemptsTable;
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
  support_ticket: {
    id: true,
    customer_name: true,
    customer_email: true,
    issue_type: true,
    status: true,
    message: true,
    assigned_to: true,
    resolution: true,
    date_created: true,
    date_updated: true,
    user_created: true,
    user_updated: true,
  },
  ticket_message: { id: true, ticket: true, message: true, internal: true, date_created: true, date_updated: true, user_created: true, user_updated: true },
  agents: { id: true, user: true, team: true, available: true },
  fields: {
    id: true,
    collection: true,
    field: true,
    type: true,
    interface: true,
    required: true,
    hidden: true,
    note: true,
    choices: true,
    default_value: true,
    max_length: true,
    sort: true,
    searchable: true,
    custom: true,
  },
  permissions: { id: true, role: true, collection: true, action: true, permissions: true, validation: true, presets: true, fields: true },
  activity: { id: true, action: true, user: true, timestamp: true, ip: true, user_agent: true, collection: true, item: true },
  revisions: { id: true, activity: true, collection: true, item: true, data: true, delta: true },
  event_outbox: {
    id: true,
    event: true,
    collection: true,
    keys: true,
    payload: true,
    accountability: true,
    date_created: true,
    relayed_at: true,
  },
  flows: {
    id: true,
    name: true,
    icon: true,
    color: true,
    description: true,
    status: true,
    trigger: true,
    accountability: true,
    options: true,
    operation: true,
    signing_secret: true,
    next_run_at: true,
    date_created: true,
    user_created: true,
  },
  operations: {
    id: true,
    flow: true,
    name: true,
    key: true,
    type: true,
    position_x: true,
    position_y: true,
    options: true,
    resolve: true,
    reject: true,
    date_created: true,
    user_created: true,
  },
  flow_runs: {
    id: true,
    flow: true,
    event: true,
    trigger: true,
    accountability: true,
    status: true,
    current_operation: true,
    data: true,
    steps: true,
    attempts: true,
    next_attempt_at: true,
    lease_owner: true,
    lease_expires: true,
    last_error: true,
    date_created: true,
    date_finished: true,
  },
  deliveries: {
    id: true,
    run: true,
    flow: true,
    operation: true,
    kind: true,
    target: true,
    state: true,
    attempts: true,
    last_status: true,
    last_error: true,
    next_attempt_at: true,
    date_created: true,
    date_delivered: true,
  },
  delivery_attempts: { id: true, delivery: true, attempt: true, status: true, duration_ms: true, response_excerpt: true, error: true, date_created: true },
};
