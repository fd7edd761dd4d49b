import type { Logger } from 'pino';
import { buildApp } from './app.js';
import { bootstrapDefaults, ensureSecret } from './bootstrap.js';
import type { Config } from './config.js';
import { createContext } from './context.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { startMaintenance } from './maintenance.js';
import { startWorkerThread } from './worker-thread.js';

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
  // The flow worker runs on a thread of its own, so its work takes the machine's other core, not the API's.
  const worker = config.run === 'api' ? undefined : startWorkerThread({ config, secret, database, signals: ctx.signals, log: logger });
  // Without the thread, this process does the upkeep it would have done (checkpoints stay with SQLite's commits).
  const maintenance = worker ? undefined : startMaintenance({ database, log: logger, checkpoints: false });
  const url = config.http.publicUrl;
  try {
    await app.listen({ port: config.http.port, host: config.http.host });
  } catch (error) {
    // The first admin is saved already: its generated password must not be lost with a start that failed (a port
    // in use), since later starts never print it.
    if (firstRun.admin) printFirstAdmin(print, firstRun.admin, url, 'Parley could not start (below); the first admin was created anyway:');
    throw error;
  }
  logger.info({ url, database: database.dialect }, 'Parley is listening');
  if (firstRun.admin) printFirstAdmin(print, firstRun.admin, url, `Parley is ready at ${url}`);
  return {
    url,
    async close() {
      await app.close();
      await worker?.stop();
      await maintenance?.stop();
      await ctx.signals.close();
      ctx.mailer.close();
      await database.close();
    },
  };
}

function printFirstAdmin(print: (line: string) => void, admin: { email: string; generatedPassword?: string | null }, url: string, heading: string) {
  print('');
  print(`  ${heading}`);
  print(`  First admin: ${admin.email}`);
  if (admin.generatedPassword) print(`  Password:    ${admin.generatedPassword}   (shown once, change it after signing in)`);
  else print('  Password:    the one given in ADMIN_PASSWORD');
  print(`  Sign in:     ${url}/login  (API: POST ${url}/auth/login)`);
  print('');
}
