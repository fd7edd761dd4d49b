import { sql, type Transaction } from 'kysely';
import type { Actor } from '../access/actor.js';
import { dialectOf } from '../db/dialect.js';
import type { Database } from '../db/tables.js';

/**
 * The event outbox (DESIGN §5). Every item create, update and delete appends its event here in the transaction
 * of the change itself: a rolled-back change leaves no event, a committed one is never lost, and the worker relays
 * it to flows after commit, at least once.
 */
export type ItemEventName = 'items.create' | 'items.update' | 'items.delete';

export interface ItemEvent {
  event: ItemEventName;
  collection: string;
  keys: Array<string | number>;
  /** The request payload as sent (Directus's $trigger.payload); the keys for a delete. */
  payload: unknown;
}

export interface EventAccountability {
  user: string | null;
  role: string | null;
  admin: boolean;
  ip: string | null;
  userAgent: string | null;
}

export function accountabilityOf(actor: Actor): EventAccountability {
  return { user: actor.user, role: actor.role, admin: actor.admin, ip: actor.ip, userAgent: actor.userAgent };
}

export async function appendEvent(trx: Transaction<Database>, event: ItemEvent, actor: Actor, timestamp: string): Promise<void> {
  await trx
    .insertInto('event_outbox')
    .values({
      event: event.event,
      collection: event.collection,
      keys: JSON.stringify(event.keys),
      payload: event.payload === undefined ? null : JSON.stringify(event.payload),
      accountability: JSON.stringify(accountabilityOf(actor)),
      date_created: timestamp,
      relayed_at: null,
    })
    .execute();
  // PostgreSQL delivers a NOTIFY only when the transaction commits, so workers on every node wake for committed
  // events only; SQLite's single node is woken in-process by the service after commit.
  if (dialectOf(trx) === 'postgres') await sql`select pg_notify('parley_changes', 'outbox')`.execute(trx);
}
