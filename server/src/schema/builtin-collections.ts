import type { CollectionInfo, FieldInfo } from './types.js';

/**
 * The built-in collections of DESIGN §2. Item collections (support_ticket, ticket_message, agents) are seeded into
 * the `fields` table by a migration, so admins can edit their choices and add custom fields; system collections
 * (users, roles, permissions, activity, revisions) live only here and are read through the same query engine.
 */
type FieldSeed = Partial<FieldInfo> & Pick<FieldInfo, 'field' | 'type'>;

export const TICKET_STATUSES = ['Open', 'In Progress', 'Resolved'] as const;
export const ISSUE_TYPES = ['Billing', 'Technical Issue', 'General Inquiry'] as const;

const choices = (values: readonly string[]) => values.map((value) => ({ text: value, value }));

const audit = (sortFrom: number): FieldSeed[] => [
  { field: 'date_created', type: 'datetime', interface: 'datetime', special: 'date-created', readonly: true, sort: sortFrom },
  { field: 'date_updated', type: 'datetime', interface: 'datetime', special: 'date-updated', readonly: true, sort: sortFrom + 1 },
  { field: 'user_created', type: 'uuid', interface: 'select-user', special: 'user-created', readonly: true, relatedCollection: 'users', sort: sortFrom + 2 },
  { field: 'user_updated', type: 'uuid', interface: 'select-user', special: 'user-updated', readonly: true, relatedCollection: 'users', sort: sortFrom + 3 },
];

export const ITEM_COLLECTION_SEEDS: Record<string, { primaryKeyType: 'integer' | 'uuid'; icon: string; note: string; fields: FieldSeed[] }> = {
  support_ticket: {
    primaryKeyType: 'integer',
    icon: 'confirmation_number',
    note: 'Customer support tickets',
    fields: [
      { field: 'id', type: 'integer', interface: 'input', special: 'primary-key', readonly: true, sort: 1 },
      { field: 'customer_name', type: 'string', interface: 'input', maxLength: 255, searchable: true, sort: 2 },
      { field: 'customer_email', type: 'string', interface: 'input', maxLength: 255, required: true, validation: 'email', searchable: true, sort: 3 },
      { field: 'issue_type', type: 'string', interface: 'select-dropdown', maxLength: 255, required: true, choices: choices(ISSUE_TYPES), sort: 4 },
      { field: 'status', type: 'string', interface: 'select-dropdown', maxLength: 255, choices: choices(TICKET_STATUSES), defaultValue: 'Open', sort: 5 },
      { field: 'message', type: 'text', interface: 'textarea', maxLength: 100_000, required: true, searchable: true, sort: 6 },
      { field: 'assigned_to', type: 'uuid', interface: 'select-agent', relatedCollection: 'agents', sort: 7 },
      { field: 'resolution', type: 'text', interface: 'textarea', maxLength: 100_000, searchable: true, sort: 8 },
      ...audit(9),
      { field: 'messages', type: 'alias', interface: 'list-o2m', o2m: { collection: 'ticket_message', field: 'ticket' }, sort: 13 },
    ],
  },
  ticket_message: {
    primaryKeyType: 'uuid',
    icon: 'forum',
    note: 'Messages in a ticket thread; internal ones are agent-only notes',
    fields: [
      { field: 'id', type: 'uuid', interface: 'input', special: 'primary-key', readonly: true, sort: 1 },
      { field: 'ticket', type: 'integer', interface: 'select-ticket', required: true, relatedCollection: 'support_ticket', sort: 2 },
      { field: 'message', type: 'text', interface: 'textarea', maxLength: 100_000, required: true, searchable: true, sort: 3 },
      { field: 'internal', type: 'boolean', interface: 'boolean', defaultValue: false, note: 'Internal note: agents only', sort: 4 },
      ...audit(5),
    ],
  },
  agents: {
    primaryKeyType: 'uuid',
    icon: 'support_agent',
    note: 'Support agents that tickets can be assigned to',
    fields: [
      { field: 'id', type: 'uuid', interface: 'input', special: 'primary-key', readonly: true, sort: 1 },
      { field: 'user', type: 'uuid', interface: 'select-user', required: true, relatedCollection: 'users', sort: 2 },
      { field: 'team', type: 'string', interface: 'input', maxLength: 255, searchable: true, note: 'For example support or sales', sort: 3 },
      { field: 'available', type: 'boolean', interface: 'boolean', defaultValue: true, sort: 4 },
      { field: 'tickets', type: 'alias', interface: 'list-o2m', o2m: { collection: 'support_ticket', field: 'assigned_to' }, sort: 5 },
    ],
  },
};

export const ITEM_COLLECTIONS = Object.keys(ITEM_COLLECTION_SEEDS);

export function toFieldInfo(collection: string, seed: FieldSeed, origin: { builtin: boolean; custom: boolean }): FieldInfo {
  return {
    collection,
    interface: 'input',
    required: false,
    readonly: false,
    hidden: false,
    note: null,
    choices: null,
    defaultValue: null,
    maxLength: null,
    special: null,
    validation: null,
    searchable: false,
    sort: 0,
    relatedCollection: null,
    o2m: null,
    ...seed,
    ...origin,
  };
}

function systemCollection(collection: string, primaryKeyType: 'integer' | 'uuid', fields: FieldSeed[]): CollectionInfo {
  return {
    collection,
    table: collection,
    primaryKey: 'id',
    primaryKeyType,
    system: true,
    icon: null,
    note: null,
    fields: new Map(
      fields.map((seed, index) => [seed.field, toFieldInfo(collection, { sort: index + 1, readonly: true, ...seed }, { builtin: true, custom: false })]),
    ),
  };
}

/** System collections as the query engine sees them. Secrets (password, token hashes) are simply not fields. */
export const SYSTEM_COLLECTIONS: CollectionInfo[] = [
  systemCollection('users', 'uuid', [
    { field: 'id', type: 'uuid', special: 'primary-key' },
    { field: 'email', type: 'string', searchable: true },
    { field: 'first_name', type: 'string', searchable: true },
    { field: 'last_name', type: 'string', searchable: true },
    { field: 'status', type: 'string', choices: choices(['active', 'invited', 'suspended']) },
    { field: 'role', type: 'uuid', relatedCollection: 'roles' },
    { field: 'email_notifications', type: 'boolean' },
    { field: 'last_access', type: 'datetime' },
    { field: 'date_created', type: 'datetime' },
    { field: 'date_updated', type: 'datetime' },
    { field: 'agents', type: 'alias', o2m: { collection: 'agents', field: 'user' } },
  ]),
  systemCollection('roles', 'uuid', [
    { field: 'id', type: 'uuid', special: 'primary-key' },
    { field: 'name', type: 'string', searchable: true },
    { field: 'icon', type: 'string' },
    { field: 'description', type: 'text', searchable: true },
    { field: 'admin_access', type: 'boolean' },
    { field: 'app_access', type: 'boolean' },
    { field: 'date_created', type: 'datetime' },
    { field: 'users', type: 'alias', o2m: { collection: 'users', field: 'role' } },
  ]),
  systemCollection('permissions', 'integer', [
    { field: 'id', type: 'integer', special: 'primary-key' },
    { field: 'role', type: 'uuid', relatedCollection: 'roles' },
    { field: 'collection', type: 'string', searchable: true },
    { field: 'action', type: 'string', choices: choices(['create', 'read', 'update', 'delete']) },
    { field: 'permissions', type: 'json' },
    { field: 'validation', type: 'json' },
    { field: 'presets', type: 'json' },
    { field: 'fields', type: 'json' },
  ]),
  systemCollection('activity', 'integer', [
    { field: 'id', type: 'integer', special: 'primary-key' },
    { field: 'action', type: 'string', choices: choices(['create', 'update', 'delete', 'login', 'run']) },
    { field: 'user', type: 'uuid', relatedCollection: 'users' },
    { field: 'timestamp', type: 'datetime' },
    { field: 'ip', type: 'string' },
    { field: 'user_agent', type: 'string' },
    { field: 'collection', type: 'string', searchable: true },
    { field: 'item', type: 'string', searchable: true },
    { field: 'revisions', type: 'alias', o2m: { collection: 'revisions', field: 'activity' } },
  ]),
  systemCollection('flows', 'uuid', [
    { field: 'id', type: 'uuid', special: 'primary-key' },
    { field: 'name', type: 'string', searchable: true },
    { field: 'icon', type: 'string' },
    { field: 'color', type: 'string' },
    { field: 'description', type: 'text', searchable: true },
    { field: 'status', type: 'string', choices: choices(['active', 'inactive']) },
    { field: 'trigger', type: 'string', choices: choices(['event', 'schedule', 'webhook', 'manual']) },
    { field: 'accountability', type: 'string' },
    { field: 'options', type: 'json' },
    { field: 'operation', type: 'uuid', relatedCollection: 'operations' },
    { field: 'signing_secret', type: 'string' },
    { field: 'date_created', type: 'datetime' },
    { field: 'user_created', type: 'uuid', relatedCollection: 'users' },
    { field: 'operations', type: 'alias', o2m: { collection: 'operations', field: 'flow' } },
  ]),
  systemCollection('operations', 'uuid', [
    { field: 'id', type: 'uuid', special: 'primary-key' },
    { field: 'name', type: 'string', searchable: true },
    { field: 'key', type: 'string', searchable: true },
    { field: 'type', type: 'string' },
    { field: 'position_x', type: 'integer' },
    { field: 'position_y', type: 'integer' },
    { field: 'options', type: 'json' },
    { field: 'resolve', type: 'uuid', relatedCollection: 'operations' },
    { field: 'reject', type: 'uuid', relatedCollection: 'operations' },
    { field: 'flow', type: 'uuid', relatedCollection: 'flows' },
    { field: 'date_created', type: 'datetime' },
    { field: 'user_created', type: 'uuid', relatedCollection: 'users' },
  ]),
  systemCollection('flow_runs', 'uuid', [
    { field: 'id', type: 'uuid', special: 'primary-key' },
    { field: 'flow', type: 'uuid', relatedCollection: 'flows' },
    { field: 'event', type: 'integer' },
    { field: 'trigger', type: 'json' },
    { field: 'status', type: 'string', choices: choices(['pending', 'running', 'retrying', 'succeeded', 'failed', 'dead']) },
    { field: 'current_operation', type: 'uuid', relatedCollection: 'operations' },
    { field: 'steps', type: 'json' },
    { field: 'attempts', type: 'integer' },
    { field: 'next_attempt_at', type: 'datetime' },
    { field: 'last_error', type: 'text', searchable: true },
    { field: 'date_created', type: 'datetime' },
    { field: 'date_finished', type: 'datetime' },
    { field: 'deliveries', type: 'alias', o2m: { collection: 'deliveries', field: 'run' } },
  ]),
  systemCollection('deliveries', 'uuid', [
    { field: 'id', type: 'string', special: 'primary-key' },
    { field: 'run', type: 'uuid', relatedCollection: 'flow_runs' },
    { field: 'flow', type: 'uuid', relatedCollection: 'flows' },
    { field: 'operation', type: 'uuid', relatedCollection: 'operations' },
    { field: 'kind', type: 'string', choices: choices(['request', 'mail']) },
    { field: 'target', type: 'string', searchable: true },
    { field: 'state', type: 'string', choices: choices(['pending', 'retrying', 'delivered', 'failed', 'dead']) },
    { field: 'attempts', type: 'integer' },
    { field: 'last_status', type: 'integer' },
    { field: 'last_error', type: 'text', searchable: true },
    { field: 'next_attempt_at', type: 'datetime' },
    { field: 'date_created', type: 'datetime' },
    { field: 'date_delivered', type: 'datetime' },
    { field: 'attempt_log', type: 'alias', o2m: { collection: 'delivery_attempts', field: 'delivery' } },
  ]),
  systemCollection('delivery_attempts', 'integer', [
    { field: 'id', type: 'integer', special: 'primary-key' },
    { field: 'delivery', type: 'string', relatedCollection: 'deliveries' },
    { field: 'attempt', type: 'integer' },
    { field: 'status', type: 'integer' },
    { field: 'duration_ms', type: 'integer' },
    { field: 'response_excerpt', type: 'text' },
    { field: 'error', type: 'text' },
    { field: 'date_created', type: 'datetime' },
  ]),
  systemCollection('revisions', 'integer', [
    { field: 'id', type: 'integer', special: 'primary-key' },
    { field: 'activity', type: 'integer', relatedCollection: 'activity' },
    { field: 'collection', type: 'string' },
    { field: 'item', type: 'string' },
    { field: 'data', type: 'json' },
    { field: 'delta', type: 'json' },
  ]),
];
