import type { Migration } from 'kysely';
import * as createUsersAndAuth from './202612031700_create_users_and_auth.js';
import * as createHelpdeskCollections from './202612031800_create_helpdesk_collections.js';
import * as createFlowsAndOutbox from './202612031900_create_flows_and_outbox.js';
import * as addTicketSearchIndex from './202612032000_add_ticket_search_index.js';
import * as customerTicketEmailRule from './202612032100_customer_ticket_email_rule.js';
import * as deferTicketSearchIndexing from './202612040900_defer_ticket_search_indexing.js';

/** Every migration, in order. Files are never edited once shipped: add a new one (STYLE §7). */
export const migrations: Record<string, Migration> = {
  '202612031700_create_users_and_auth': createUsersAndAuth,
  '202612031800_create_helpdesk_collections': createHelpdeskCollections,
  '202612031900_create_flows_and_outbox': createFlowsAndOutbox,
  '202612032000_add_ticket_search_index': addTicketSearchIndex,
  '202612032100_customer_ticket_email_rule': customerTicketEmailRule,
  '202612040900_defer_ticket_search_indexing': deferTicketSearchIndexing,
};
