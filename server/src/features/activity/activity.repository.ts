import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';

export interface ActivityEntry {
  action: 'create' | 'update' | 'delete';
  user: string | null;
  ip: string | null;
  userAgent: string | null;
  collection: string;
  item: string | number;
  timestamp: string;
  /** The item after the change (before it, for a delete). */
  data: Record<string, unknown> | null;
  /** What the change set. */
  delta: Record<string, unknown> | null;
}

/** Records who changed what, inside the transaction of the change itself, so the log and the data never disagree. */
export async function recordActivity(trx: Transaction<Database> | Kysely<Database>, entry: ActivityEntry): Promise<void> {
  const activity = await trx
    .insertInto('activity')
    .values({
      action: entry.action,
      user: entry.user,
      timestamp: entry.timestamp,
      ip: entry.ip,
      user_agent: entry.userAgent,
      collection: entry.collection,
      item: String(entry.item),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('revisions')
    .values({
      activity: activity.id,
      collection: entry.collection,
      item: String(entry.item),
      data: entry.data === null ? null : JSON.stringify(entry.data),
      delta: entry.delta === null ? null : JSON.stringify(entry.delta),
    })
    .execute();
}

const SECRET_KEYS = new Set(['password', 'token', 'token_hash', 'signing_secret', 'current_password']);

/**
 * Records a change to a system collection (users, roles, permissions, fields, flows, operations) like item
 * changes are recorded, with secrets masked.
 */
export async function recordSystemChange(
  trx: Transaction<Database> | Kysely<Database>,
  actor: { user: string | null; ip: string | null; userAgent: string | null },
  change: { action: 'create' | 'update' | 'delete'; collection: string; item: string | number; delta: Record<string, unknown> | null; timestamp: string },
): Promise<void> {
  const masked =
    change.delta === null
      ? null
      : Object.fromEntries(
          Object.entries(change.delta).map(([key, value]) => [key, SECRET_KEYS.has(key) && value !== null && value !== undefined ? '**********' : value]),
        );
  await recordActivity(trx, {
    action: change.action,
    user: actor.user,
    ip: actor.ip,
    userAgent: actor.userAgent,
    collection: change.collection,
    item: change.item,
    timestamp: change.timestamp,
    data: masked,
    delta: masked,
  });
}
