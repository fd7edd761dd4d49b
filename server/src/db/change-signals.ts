import type pg from 'pg';
import { type DatabaseHandle, loadPg } from './database.js';

/**
 * "Something changed, drop your cache" between the parts of one process and, on PostgreSQL, between nodes
 * (LISTEN/NOTIFY). Topics: schema, permissions, flows, outbox (new events to relay).
 */
export type ChangeTopic = 'schema' | 'permissions' | 'flows' | 'outbox';

export interface ChangeSignals {
  /** Tells this process and, on PostgreSQL, every other node. */
  publish(topic: ChangeTopic): void;
  /** Tells this process only (other nodes hear of it another way, such as a NOTIFY sent on commit). */
  notifyLocal(topic: ChangeTopic): void;
  subscribe(topic: ChangeTopic, listener: () => void): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'parley_changes';

export function createChangeSignals(database: DatabaseHandle, options: { listen: boolean; onError?: (error: unknown) => void }): ChangeSignals {
  const listeners = new Map<ChangeTopic, Set<() => void>>();
  const emit = (topic: ChangeTopic) => {
    for (const listener of listeners.get(topic) ?? []) listener();
  };
  let client: pg.Client | undefined;
  let closed = false;

  if (database.dialect === 'postgres' && options.listen && database.pgPool) {
    const pool = database.pgPool;
    const connect = async () => {
      if (closed) return;
      const listener = new (loadPg().Client)({ ...(pool.options as pg.ClientConfig) });
      listener.on('notification', (message) => emit(message.payload as ChangeTopic));
      listener.on('error', (error) => {
        options.onError?.(error);
        client = undefined;
        // Reconnect, and treat the gap as "everything may have changed".
        setTimeout(() => {
          for (const topic of listeners.keys()) emit(topic);
          void connect().catch(options.onError);
        }, 1000).unref();
      });
      await listener.connect();
      await listener.query(`listen ${CHANNEL}`);
      client = listener;
    };
    void connect().catch(options.onError);
  }

  return {
    publish(topic) {
      emit(topic);
      if (database.dialect === 'postgres' && database.pgPool) {
        database.pgPool.query('select pg_notify($1, $2)', [CHANNEL, topic]).catch((error) => options.onError?.(error));
      }
    },
    notifyLocal: emit,
    subscribe(topic, listener) {
      const set = listeners.get(topic) ?? new Set();
      set.add(listener);
      listeners.set(topic, set);
      return () => set.delete(listener);
    },
    async close() {
      closed = true;
      await client?.end().catch(() => {});
    },
  };
}
