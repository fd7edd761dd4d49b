import type { Logger } from 'pino';
import type { DatabaseHandle } from './db/database.js';
import { indexPendingSearchRows } from './query/search-index.js';

/**
 * Database upkeep that would slow API requests if they did it themselves, done a few times a second off their
 * path: indexing the tickets queued for search (SQLite) and, when this connection was made responsible for it,
 * moving SQLite's write-ahead log into the database file. Idle, both are a cheap no-op.
 */
export interface Maintenance {
  /** Stops the timer and does one last round, so nothing queued is left behind. */
  stop(): Promise<void>;
}

const INTERVAL_MS = 250;

export function startMaintenance(deps: { database: DatabaseHandle; log: Logger; checkpoints: boolean }): Maintenance {
  if (deps.database.dialect !== 'sqlite') return { stop: async () => {} };
  let round: Promise<void> = Promise.resolve();
  const run = async () => {
    try {
      await indexPendingSearchRows(deps.database.db);
      if (deps.checkpoints) deps.database.checkpoint();
    } catch (error) {
      deps.log.warn({ err: error }, 'database maintenance failed; trying again shortly');
    }
  };
  const timer = setInterval(() => {
    round = round.then(run);
  }, INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await round;
      await run();
    },
  };
}
