import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables.js';

/**
 * The notification flows Parley ships (issue #5), written as ordinary flows on the first start so admins can read,
 * edit, deactivate or delete them like their own. Mails use text templates; every value is escaped in the HTML
 * version. Item reads use full access: the mail goes to the ticket's own customer or agent.
 */
interface OperationSeed {
  key: string;
  name: string;
  type: string;
  options: Record<string, unknown>;
  resolve?: string;
  reject?: string;
}

interface FlowSeed {
  name: string;
  icon: string;
  description: string;
  status: 'active' | 'inactive';
  options: Record<string, unknown>;
  operations: OperationSeed[];
}

const NOT_INTERNAL = { $trigger: { payload: { internal: { _neq: true } } } };

const readTicket = (key: string, fields: string[]): OperationSeed => ({
  key: 'ticket',
  name: 'Read the ticket',
  type: 'item-read',
  options: { collection: 'support_ticket', key, permissions: '$full', query: { fields } },
});

export const BUILTIN_FLOWS: FlowSeed[] = [
  {
    name: 'Email customer: agent replied',
    icon: 'mail',
    description: 'Mails the customer when someone else (an agent) posts a public reply on their ticket. Internal notes send nothing.',
    status: 'active',
    options: { type: 'action', scope: ['items.create'], collections: ['ticket_message'] },
    operations: [
      { key: 'public_reply', name: 'Not an internal note', type: 'condition', options: { filter: NOT_INTERNAL }, resolve: 'ticket' },
      { ...readTicket('{{$trigger.payload.ticket}}', ['id', 'customer_name', 'customer_email', 'user_created']), resolve: 'by_agent' },
      {
        key: 'by_agent',
        name: 'Written by someone other than the customer',
        type: 'condition',
        options: { filter: { ticket: { user_created: { _neq: '{{$accountability.user}}' } } } },
        resolve: 'mail_customer',
      },
      {
        key: 'mail_customer',
        name: 'Mail the customer',
        type: 'mail',
        options: {
          to: '{{ticket.customer_email}}',
          subject: 'New reply on your ticket #{{ticket.id}}',
          body: 'Hello {{ticket.customer_name}},\n\nThere is a new reply on your ticket #{{ticket.id}}:\n\n{{$trigger.payload.message}}\n\nSign in to Parley to answer.',
        },
      },
    ],
  },
  {
    name: 'Email customer: status changed',
    icon: 'mail',
    description: 'Mails the customer when the status of their ticket changes, with the resolution once it is resolved.',
    status: 'active',
    options: { type: 'action', scope: ['items.update'], collections: ['support_ticket'] },
    operations: [
      {
        key: 'status_changed',
        name: 'The status changed',
        type: 'condition',
        options: { filter: { $trigger: { payload: { status: { _nnull: true } } } } },
        resolve: 'ticket',
      },
      { ...readTicket('{{$trigger.keys.0}}', ['id', 'customer_name', 'customer_email', 'status', 'resolution']), resolve: 'mail_customer' },
      {
        key: 'mail_customer',
        name: 'Mail the customer',
        type: 'mail',
        options: {
          to: '{{ticket.customer_email}}',
          subject: 'Your ticket #{{ticket.id}} is now {{ticket.status}}',
          body: 'Hello {{ticket.customer_name}},\n\nYour ticket #{{ticket.id}} is now: {{ticket.status}}.\n\n{{ticket.resolution}}\n\nSign in to Parley to see the conversation.',
        },
      },
    ],
  },
  {
    name: 'Email agent: ticket assigned',
    icon: 'assignment_ind',
    description: 'Mails the agent a ticket has been assigned to.',
    status: 'active',
    options: { type: 'action', scope: ['items.update'], collections: ['support_ticket'] },
    operations: [
      {
        key: 'assigned',
        name: 'The ticket was assigned',
        type: 'condition',
        options: { filter: { $trigger: { payload: { assigned_to: { _nnull: true } } } } },
        resolve: 'ticket',
      },
      {
        ...readTicket('{{$trigger.keys.0}}', ['id', 'customer_name', 'issue_type', 'message', 'assigned_to.user.email', 'assigned_to.user.first_name']),
        resolve: 'mail_agent',
      },
      {
        key: 'mail_agent',
        name: 'Mail the agent',
        type: 'mail',
        options: {
          to: '{{ticket.assigned_to.user.email}}',
          subject: 'Ticket #{{ticket.id}} was assigned to you',
          body: 'Hello {{ticket.assigned_to.user.first_name}},\n\nTicket #{{ticket.id}} ({{ticket.issue_type}}) from {{ticket.customer_name}} is now yours:\n\n{{ticket.message}}',
        },
      },
    ],
  },
  {
    name: 'Email agent: customer replied',
    icon: 'mark_email_unread',
    description: 'Mails the assigned agent when the customer answers in the ticket thread.',
    status: 'active',
    options: { type: 'action', scope: ['items.create'], collections: ['ticket_message'] },
    operations: [
      { key: 'public_reply', name: 'Not an internal note', type: 'condition', options: { filter: NOT_INTERNAL }, resolve: 'ticket' },
      {
        ...readTicket('{{$trigger.payload.ticket}}', ['id', 'customer_name', 'user_created', 'assigned_to.user.email', 'assigned_to.user.first_name']),
        resolve: 'by_customer',
      },
      {
        key: 'by_customer',
        name: 'Written by the customer, ticket assigned',
        type: 'condition',
        options: { filter: { ticket: { user_created: { _eq: '{{$accountability.user}}' }, assigned_to: { _nnull: true } } } },
        resolve: 'mail_agent',
      },
      {
        key: 'mail_agent',
        name: 'Mail the agent',
        type: 'mail',
        options: {
          to: '{{ticket.assigned_to.user.email}}',
          subject: '{{ticket.customer_name}} replied on ticket #{{ticket.id}}',
          body: 'Hello {{ticket.assigned_to.user.first_name}},\n\n{{ticket.customer_name}} replied on ticket #{{ticket.id}}:\n\n{{$trigger.payload.message}}',
        },
      },
    ],
  },
  {
    name: 'Ticket notifications',
    icon: 'notifications',
    description:
      'The tutorial webhook: POSTs {event, collection, key or keys, payload} as JSON when tickets or messages are created or updated. Set the URL, then activate.',
    status: 'inactive',
    options: { type: 'action', scope: ['items.create', 'items.update'], collections: ['support_ticket', 'ticket_message'] },
    operations: [
      {
        key: 'webhook',
        name: 'Webhook / Request URL',
        type: 'request',
        options: { method: 'POST', url: 'https://example.com/parley-webhook', headers: [], body: '{{$trigger}}' },
      },
    ],
  },
];

export async function seedBuiltinFlows(db: Kysely<Database>, now: Date): Promise<void> {
  for (const [index, seed] of BUILTIN_FLOWS.entries()) {
    const flowId = randomUUID();
    const ids = new Map(seed.operations.map((operation) => [operation.key, randomUUID()]));
    const created = new Date(now.getTime() + index).toISOString();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('flows')
        .values({
          id: flowId,
          name: seed.name,
          icon: seed.icon,
          color: null,
          description: seed.description,
          status: seed.status,
          trigger: 'event',
          accountability: 'all',
          options: JSON.stringify(seed.options),
          operation: null,
          signing_secret: null,
          next_run_at: null,
          date_created: created,
          user_created: null,
        })
        .execute();
      await trx
        .insertInto('operations')
        .values(
          seed.operations.map((operation, position) => ({
            id: ids.get(operation.key) as string,
            flow: flowId,
            name: operation.name,
            key: operation.key,
            type: operation.type,
            position_x: 19 + position * 20,
            position_y: 1,
            options: JSON.stringify(operation.options),
            resolve: operation.resolve ? (ids.get(operation.resolve) ?? null) : null,
            reject: operation.reject ? (ids.get(operation.reject) ?? null) : null,
            date_created: created,
            user_created: null,
          })),
        )
        .execute();
      await trx
        .updateTable('flows')
        .set({ operation: ids.get(seed.operations[0]?.key ?? '') ?? null })
        .where('id', '=', flowId)
        .execute();
    });
  }
}
