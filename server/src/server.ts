import type { Logger } from 'pino';
import { buildApp } from './app.js';
import { bootstrapDefaults, ensureSecret } from './bootstrap.js';
import type { Config } from './config.js';
import { type AppContext, createContext } from './context.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { createWorker, type Worker } from './worker.js';

/** The in-process flow worker (PARLEY_RUN=all), or the only job of `parley worker`. */
export function startWorker(ctx: AppContext): Worker {
  const worker = createWorker({
    db: ctx.database.db,
    catalog: ctx.flows.catalog,
    runner: ctx.flows.runner,
    signals: ctx.signals,
    now: ctx.now,
    settings: ctx.config.worker,
    onError: (error) => ctx.log.error({ err: error }, 'flow worker error'),
  });
  worker.start();
  return worker;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Opens the database, migrates, creates first-run defaults and starts listening. Prints the first admin's
 * generated password once, with the login URL.
 */
export async function startServer(config: Readonly<Config>, logger: Logger, print: (line: string) => void): Promise<RunningServer> {
  const secret = ensureSecret(config);
  const database = openDatabase(config.db);
  await migrateToLatest(database.db);
  const now = () => new Date();
  const firstRun = await bootstrapDefaults(database.db, config, now);
  const ctx = await createContext({ config, database, secret, log: logger, now });
  const app = await buildApp(ctx, { logger });
  const worker = config.run === 'api' ? undefined : startWorker(ctx);
  await app.listen({ port: config.http.port, host: config.http.host });
  const url = config.http.publicUrl;
  logger.info({ url, database: database.dialect }, 'Parley is listening');
  if (firstRun.admin) {
    print('');
    print(`  Parley is ready at ${url}`);
    print(`  First admin: ${firstRun.admin.email}`);
    if (firstRun.admin.generatedPassword) print(`  Password:    ${firstRun.admin.generatedPassword}   (shown once, change it after signing in)`);
    else print('  Password:    the one given in ADMIN_PASSWORD');
    print(`  Sign in:     ${url}/login  (API: POST ${url}/auth/login)`);
    print('');
  }
  return {
    url,
    async close() {
      await app.close();
      await worker?.stop();
      await ctx.signals.close();
      ctx.mailer.close();
      await database.close();
    },
  };
}
