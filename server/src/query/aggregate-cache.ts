import type { Actor } from '../access/actor.js';
import type { ChangeSignals } from '../db/change-signals.js';
import type { Item } from './read-items.js';

/**
 * Dashboards ask the same aggregates again and again; each one scans every row the caller may see. Results are
 * kept per caller (user and role, since rules may name $CURRENT_USER) and query, and dropped as soon as any item
 * changes: every write signals "outbox" — in this process after commit, and on PostgreSQL from every node through
 * NOTIFY — and permission or schema changes clear everything. A short age limit bounds staleness should a
 * notification ever be missed.
 */
export interface AggregateCache {
  get(actor: Actor, collection: string, query: unknown): Item[] | undefined;
  set(actor: Actor, collection: string, query: unknown, data: Item[]): void;
}

const MAX_ENTRIES = 1000;

export function createAggregateCache(signals: ChangeSignals, options: { ttlMs: number; now: () => Date }): AggregateCache {
  const entries = new Map<string, { data: Item[]; expires: number }>();
  for (const topic of ['outbox', 'permissions', 'schema'] as const) signals.subscribe(topic, () => entries.clear());
  const keyOf = (actor: Actor, collection: string, query: unknown) =>
    `${collection}\u0000${actor.admin ? 'admin' : `${actor.role}\u0000${actor.user}`}\u0000${JSON.stringify(query)}`;
  return {
    get(actor, collection, query) {
      if (options.ttlMs <= 0) return undefined;
      const entry = entries.get(keyOf(actor, collection, query));
      if (!entry || entry.expires <= options.now().getTime()) return undefined;
      return structuredClone(entry.data);
    },
    set(actor, collection, query, data) {
      if (options.ttlMs <= 0) return;
      if (entries.size >= MAX_ENTRIES) entries.clear();
      entries.set(keyOf(actor, collection, query), { data: structuredClone(data), expires: options.now().getTime() + options.ttlMs });
    },
  };
}
