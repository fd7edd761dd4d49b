/** Shapes of the helpdesk collections as /items returns them (DESIGN §2), for the web app. */
import type { User } from './users.js';

export type TicketStatus = string;

export interface Ticket {
  id: number;
  customer_name: string | null;
  customer_email: string;
  issue_type: string;
  status: TicketStatus;
  message: string;
  /** Agent id, or the expanded agent when requested with fields=assigned_to.… */
  assigned_to: string | null | Partial<Agent>;
  resolution: string | null;
  date_created: string;
  date_updated: string | null;
  user_created: string | null | Partial<User>;
  user_updated?: string | null;
  messages?: Array<string | Partial<TicketMessage>>;
  /** Admin-defined custom fields. */
  [custom: string]: unknown;
}

export interface TicketMessage {
  id: string;
  ticket: number;
  message: string;
  internal: boolean;
  date_created: string;
  date_updated: string | null;
  user_created: string | null | Partial<User>;
  user_updated: string | null;
}

export interface Agent {
  id: string;
  user: string | Partial<User>;
  team: string | null;
  available: boolean;
}

export interface Choice {
  text: string;
  value: string;
}

/** One field from GET /fields/<collection> (Directus's shape). */
export interface FieldMeta {
  collection: string;
  field: string;
  type: string;
  schema: { default_value: unknown; max_length: number | null; is_nullable: boolean; is_primary_key: boolean } | null;
  meta: {
    interface: string;
    options: { choices?: Choice[] } | null;
    readonly: boolean;
    hidden: boolean;
    sort: number;
    note: string | null;
    required: boolean;
    special: string[] | null;
    custom: boolean;
    builtin: boolean;
    related_collection: string | null;
  };
}

export type PermissionAction = 'create' | 'read' | 'update' | 'delete';

/** GET /permissions/me: per collection and action, "full" (all rows), "partial" (a rule applies) or "none". */
export type MyPermissions = Record<string, Record<PermissionAction, { access: 'full' | 'partial' | 'none'; fields?: string[] }>>;

/** A permission row (GET /permissions). */
export interface PermissionRow {
  id: number;
  role: string;
  collection: string;
  action: PermissionAction;
  permissions: Record<string, unknown> | null;
  validation: Record<string, unknown> | null;
  presets: Record<string, unknown> | null;
  fields: string[] | null;
}

export interface ActivityEntry {
  id: number;
  action: 'create' | 'update' | 'delete' | string;
  user: string | null | Partial<User>;
  timestamp: string;
  ip: string | null;
  user_agent: string | null;
  collection: string;
  item: string;
}
