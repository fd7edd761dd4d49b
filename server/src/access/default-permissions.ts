import type { PermissionAction } from '../db/tables.js';

/**
 * The default rules of DESIGN §4, written as ordinary permission rows when the default roles are created, so
 * admins can edit them like any others. "$custom" in a field list stands for every admin-defined field.
 */
export interface PermissionSeed {
  collection: string;
  action: PermissionAction;
  permissions?: unknown;
  validation?: unknown;
  presets?: Record<string, unknown>;
  fields: string[];
}

const OWN_TICKET = { user_created: { _eq: '$CURRENT_USER' } };
const ASSIGNED_TO_ME = { assigned_to: { user: { _eq: '$CURRENT_USER' } } };

export const CUSTOMER_PERMISSIONS: PermissionSeed[] = [
  {
    collection: 'support_ticket',
    action: 'create',
    fields: ['customer_name', 'customer_email', 'issue_type', 'message'],
    presets: { status: 'Open' },
    // Notifications go to customer_email: a customer may only name their own address.
    validation: { customer_email: { _eq: '$CURRENT_USER.email' } },
  },
  {
    collection: 'support_ticket',
    action: 'read',
    permissions: OWN_TICKET,
    fields: [
      'id',
      'customer_name',
      'customer_email',
      'issue_type',
      'status',
      'message',
      'assigned_to',
      'resolution',
      'date_created',
      'date_updated',
      'user_created',
      'messages',
    ],
  },
  {
    collection: 'ticket_message',
    action: 'create',
    validation: { _and: [{ ticket: OWN_TICKET }, { internal: { _eq: false } }] },
    presets: { internal: false },
    fields: ['ticket', 'message'],
  },
  {
    collection: 'ticket_message',
    action: 'read',
    permissions: { _and: [{ ticket: OWN_TICKET }, { internal: { _eq: false } }] },
    fields: ['id', 'ticket', 'message', 'date_created', 'user_created'],
  },
  // Only the agents working the customer's own tickets, and only who they are (to show the agent's name).
  { collection: 'agents', action: 'read', permissions: { tickets: { _some: OWN_TICKET } }, fields: ['id', 'user'] },
  {
    collection: 'users',
    action: 'read',
    permissions: { _or: [{ id: { _eq: '$CURRENT_USER' } }, { agents: { _some: { tickets: { _some: OWN_TICKET } } } }] },
    fields: ['id', 'first_name', 'last_name'],
  },
];

export const AGENT_PERMISSIONS: PermissionSeed[] = [
  { collection: 'support_ticket', action: 'read', permissions: ASSIGNED_TO_ME, fields: ['*'] },
  { collection: 'support_ticket', action: 'update', permissions: ASSIGNED_TO_ME, fields: ['status', 'resolution', '$custom'] },
  {
    collection: 'ticket_message',
    action: 'create',
    validation: { ticket: ASSIGNED_TO_ME },
    fields: ['ticket', 'message', 'internal'],
  },
  { collection: 'ticket_message', action: 'read', permissions: { ticket: ASSIGNED_TO_ME }, fields: ['*'] },
  {
    collection: 'ticket_message',
    action: 'update',
    permissions: { _and: [{ user_created: { _eq: '$CURRENT_USER' } }, { ticket: ASSIGNED_TO_ME }] },
    fields: ['message'],
  },
  { collection: 'agents', action: 'read', fields: ['id', 'user', 'team', 'available'] },
  // An agent switches their own availability.
  { collection: 'agents', action: 'update', permissions: { user: { _eq: '$CURRENT_USER' } }, fields: ['available'] },
  { collection: 'users', action: 'read', fields: ['id', 'first_name', 'last_name', 'email'] },
];

export function toPermissionRows(role: string, seeds: PermissionSeed[]) {
  return seeds.map((seed) => ({
    role,
    collection: seed.collection,
    action: seed.action,
    permissions: seed.permissions === undefined ? null : JSON.stringify(seed.permissions),
    validation: seed.validation === undefined ? null : JSON.stringify(seed.validation),
    presets: seed.presets === undefined ? null : JSON.stringify(seed.presets),
    fields: JSON.stringify(seed.fields),
  }));
}
