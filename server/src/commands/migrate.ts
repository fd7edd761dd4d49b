import { bootstrapDefaults } from '../bootstrap.js';
import type { Config } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

/** `parley migrate`: applies pending migrations (the server also does this at start). */
export async function runMigrate(config: Readonly<Config>, print: (line: string) => void): Promise<number> {
  const database = openDatabase(config.db);
  try {
    const applied = await migrateToLatest(database.db);
    print(applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}` : 'Database is up to date.');
    const firstRun = await bootstrapDefaults(database.db, config, () => new Date());
    if (firstRun.admin?.generatedPassword) {
      print(`First admin: ${firstRun.admin.email} / ${firstRun.admin.generatedPassword}   (shown once)`);
    }
    return 0;
  } finally {
    await database.close();
  }
}
