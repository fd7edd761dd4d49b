import type { Agent, Ticket, TicketMessage } from '../../../common/src/helpdesk';
import { aggregate, createItem, type ItemQuery, type ListResult, readItem, readItems, updateItem } from './items';

/**
 * The helpdesk collections through /items (DESIGN §2). The server applies the caller's rules: a customer reads only
 * their own tickets, an agent only the ones assigned to them; a ticket that is hidden or missing answers 403 FORBIDDEN.
 */
const TICKETS = 'support_ticket';
const MESSAGES = 'ticket_message';
const AGENTS = 'agents';

export function listTickets(query: ItemQuery): Promise<ListResult<Ticket>> {
  return readItems<Ticket>(TICKETS, query);
}

export function getTicket(id: number, fields: string[]): Promise<Ticket> {
  return readItem<Ticket>(TICKETS, id, { fields });
}

/** Submits a ticket; FAILED_VALIDATION names each wrong field (extensions.field, extensions.type). */
export function createTicket(input: Record<string, unknown>): Promise<Ticket> {
  return createItem<Ticket>(TICKETS, input);
}

/** Changes status, resolution or custom fields (agents: only those in their update permission). */
export function updateTicket(id: number, changes: Record<string, unknown>): Promise<Ticket> {
  return updateItem<Ticket>(TICKETS, id, changes);
}

/** How many of the caller's tickets have each status, e.g. { Open: 3, Resolved: 1 }. */
export async function countTicketsByStatus(filter?: Record<string, unknown>): Promise<Record<string, number>> {
  const rows = await aggregate<{ status: string | null; count: number | string }>(TICKETS, { aggregate: { count: '*' }, groupBy: ['status'], filter });
  const counts: Record<string, number> = {};
  // Parley sends counts as numbers; Directus itself sends them as strings on some databases, so accept both.
  for (const row of rows) if (row.status !== null) counts[row.status] = Number(row.count);
  return counts;
}

export const MESSAGE_FIELDS = ['id', 'message', 'date_created', 'user_created.id', 'user_created.first_name', 'user_created.last_name'];

/**
 * A ticket's thread, oldest first. Agents ask for `internal` too; customers never receive internal notes (the
 * server filters them out), so they leave the flag out.
 */
export async function listMessages(ticket: number, options: { withInternal: boolean }): Promise<TicketMessage[]> {
  const fields = options.withInternal ? [...MESSAGE_FIELDS, 'internal'] : MESSAGE_FIELDS;
  const { data } = await readItems<TicketMessage>(MESSAGES, { fields, filter: { ticket: { _eq: ticket } }, sort: ['date_created'], limit: -1 });
  return data;
}

/** Adds a message to a ticket's thread; `internal: true` (agents only) makes it a note customers never see. */
export function postMessage(ticket: number, message: string, internal?: boolean): Promise<TicketMessage> {
  return createItem<TicketMessage>(MESSAGES, internal === undefined ? { ticket, message } : { ticket, message, internal });
}

/** The agents row of a user (undefined when they are not an agent). */
export async function findAgentOfUser(userId: string): Promise<Agent | undefined> {
  const { data } = await readItems<Agent>(AGENTS, { filter: { user: { _eq: userId } }, fields: ['id', 'user', 'team', 'available'], limit: 1 });
  return data[0];
}

export function setAgentAvailable(agentId: string, available: boolean): Promise<Agent> {
  return updateItem<Agent>(AGENTS, agentId, { available });
}
