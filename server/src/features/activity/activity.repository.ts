import type { Transaction } from 'kysely';
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
export async function recordActivity(trx: Transaction<Database>, entry: ActivityEntry): Promise<void> {
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
