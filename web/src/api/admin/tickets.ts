import type { Agent, Ticket, TicketMessage } from '../../../../common/src/helpdesk';
import type { User } from '../../../../common/src/users';
import { aggregate, createItem, type ItemQuery, type ListResult, readItem, readItems, updateItem, updateItems } from '../items';

/** A ticket row of the admin list, with the assigned agent's name expanded. */
export type AdminTicket = Pick<
  Ticket,
  'id' | 'customer_name' | 'customer_email' | 'issue_type' | 'status' | 'message' | 'resolution' | 'date_created' | 'date_updated'
> & {
  /** Admin-defined custom fields. */
  [custom: string]: unknown;
  assigned_to: null | (Pick<Agent, 'id'> & Partial<Pick<Agent, 'team'>> & { user: Pick<User, 'first_name' | 'last_name' | 'email'> | null });
};

const LIST_FIELDS = [
  'id',
  'customer_name',
  'customer_email',
  'issue_type',
  'status',
  'date_created',
  'date_updated',
  'assigned_to.id',
  'assigned_to.user.first_name',
  'assigned_to.user.last_name',
  'assigned_to.user.email',
];

export interface TicketListFilters {
  status?: string;
  issueType?: string;
  /** An agent id, or "unassigned". */
  agent?: string;
  search?: string;
  sort: string;
  page: number;
  pageSize: number;
}

/** The filter rule of the admin ticket list, in Directus's shape. */
export function ticketFilter(filters: Pick<TicketListFilters, 'status' | 'issueType' | 'agent'>): Record<string, unknown> {
  const rules: Record<string, unknown>[] = [];
  if (filters.status) rules.push({ status: { _eq: filters.status } });
  if (filters.issueType) rules.push({ issue_type: { _eq: filters.issueType } });
  if (filters.agent === 'unassigned') rules.push({ assigned_to: { _null: true } });
  else if (filters.agent) rules.push({ assigned_to: { _eq: filters.agent } });
  if (rules.length === 0) return {};
  return rules.length === 1 ? (rules[0] as Record<string, unknown>) : { _and: rules };
}

/** One page of every ticket on the desk, with the number of tickets matching the filters. */
export function listTickets(filters: TicketListFilters): Promise<ListResult<AdminTicket>> {
  const query: ItemQuery = {
    fields: LIST_FIELDS,
    filter: ticketFilter(filters),
    sort: [filters.sort, '-id'],
    limit: filters.pageSize,
    page: filters.page,
    search: filters.search?.trim() || undefined,
    meta: ['filter_count'],
  };
  return readItems<AdminTicket>('support_ticket', query);
}

/** Assigns several tickets to one agent (or nobody), atomically: all change or none. */
export function assignTickets(keys: number[], agentId: string | null): Promise<Ticket[]> {
  return updateItems<Ticket>('support_ticket', keys, { assigned_to: agentId }, { fields: ['id'] });
}

/** Open (not resolved) tickets per agent id; tickets nobody has are counted under "". */
export async function openTicketCounts(): Promise<Map<string, number>> {
  const rows = await aggregate<{ assigned_to: string | null; count: number | string }>('support_ticket', {
    aggregate: { count: '*' },
    groupBy: ['assigned_to'],
    filter: { status: { _neq: 'Resolved' } },
  });
  return new Map(rows.map((row) => [row.assigned_to ?? '', Number(row.count)]));
}

/** One ticket with every field, the agent and the customer account expanded. */
export function readTicket(id: number): Promise<AdminTicket & { user_created: Pick<User, 'id' | 'email' | 'first_name' | 'last_name'> | null }> {
  return readItem('support_ticket', id, {
    fields: [
      '*',
      'assigned_to.id',
      'assigned_to.team',
      'assigned_to.user.first_name',
      'assigned_to.user.last_name',
      'assigned_to.user.email',
      'user_created.id',
      'user_created.email',
      'user_created.first_name',
      'user_created.last_name',
    ],
  });
}

export function updateTicket(id: number, changes: Record<string, unknown>): Promise<Ticket> {
  return updateItem<Ticket>('support_ticket', id, changes, { fields: ['id'] });
}

export type AdminTicketMessage = Omit<TicketMessage, 'user_created'> & { user_created: Pick<User, 'id' | 'email' | 'first_name' | 'last_name'> | null };

/** The ticket's thread, oldest first, internal notes included. */
export async function listTicketMessages(ticketId: number): Promise<AdminTicketMessage[]> {
  const result = await readItems<AdminTicketMessage>('ticket_message', {
    fields: ['id', 'message', 'internal', 'date_created', 'user_created.id', 'user_created.email', 'user_created.first_name', 'user_created.last_name'],
    filter: { ticket: { _eq: ticketId } },
    sort: ['date_created', 'id'],
    limit: -1,
  });
  return result.data;
}

export function createTicketMessage(ticketId: number, message: string, internal: boolean): Promise<TicketMessage> {
  return createItem<TicketMessage>('ticket_message', { ticket: ticketId, message, internal }, { fields: ['id'] });
}
