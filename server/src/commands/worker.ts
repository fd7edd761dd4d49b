import type { Logger } from 'pino';
import { ensureSecret } from '../bootstrap.js';
import type { Config } from '../config.js';
import { createContext } from '../context.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { startMaintenance } from '../maintenance.js';
import { startWorker } from '../worker.js';

/** `parley worker`: the flow worker alone, no HTTP. Stops cleanly on SIGTERM/SIGINT after its current round. */
export async function runWorkerCommand(config: Readonly<Config>, logger: Logger): Promise<void> {
  const database = openDatabase(config.db);
  await migrateToLatest(database.db);
  const ctx = await createContext({ config, database, secret: ensureSecret(config), log: logger });
  const worker = startWorker(ctx);
  const maintenance = startMaintenance({ database, log: logger, checkpoints: false });
  logger.info({ database: database.dialect }, 'Parley worker started');
  const stop = async (signal: string) => {
    logger.info({ signal }, 'worker shutting down');
    await worker.stop();
    await maintenance.stop();
    await ctx.signals.close();
    ctx.mailer.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
