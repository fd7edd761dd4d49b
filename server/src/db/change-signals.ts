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
  /**
   * Joins another thread of this process (the flow worker thread): every topic emitted on one side is emitted on
   * the other too, so caches and the worker's wake-ups behave as if both ran on one thread.
   */
  connect(peer: SignalPeer): () => void;
  close(): Promise<void>;
}

/** The other end of a thread boundary: a `Worker` seen from the main thread, `parentPort` seen from the worker. */
export interface SignalPeer {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

interface SignalMessage {
  changed: ChangeTopic;
}

function isSignalMessage(message: unknown): message is SignalMessage {
  return typeof message === 'object' && message !== null && typeof (message as SignalMessage).changed === 'string';
}

const CHANNEL = 'parley_changes';

export function createChangeSignals(database: DatabaseHandle, options: { listen: boolean; onError?: (error: unknown) => void }): ChangeSignals {
  const listeners = new Map<ChangeTopic, Set<() => void>>();
  const peers: SignalPeer[] = [];
  const emitHere = (topic: ChangeTopic) => {
    for (const listener of listeners.get(topic) ?? []) listener();
  };
  const emit = (topic: ChangeTopic) => {
    emitHere(topic);
    for (const peer of peers) peer.postMessage({ changed: topic } satisfies SignalMessage);
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
    connect(peer) {
      peers.push(peer);
      // Not passed on again: with two sides, what came from the peer is all the peer needs to hear.
      const hear = (message: unknown) => {
        if (isSignalMessage(message)) emitHere(message.changed);
      };
      peer.on('message', hear);
      return () => {
        peer.off('message', hear);
        peers.splice(peers.indexOf(peer), 1);
      };
    },
    async close() {
      closed = true;
      await client?.end().catch(() => {});
    },
  };
}
