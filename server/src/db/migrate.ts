// biome-ignore-all lint/suspicious/noExplicitAny: the migrator works on any schema
import { type Kysely, type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely';
import { migrations } from '../../../migrations/index.js';

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({
    db,
    provider: new StaticMigrationProvider(),
    migrationTableName: 'parley_migrations',
    migrationLockTableName: 'parley_migrations_lock',
  });
}

/** Runs every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return applied(await migrator(db).migrateToLatest());
}

/** Rolls back every migration (used by the migration test). */
export async function migrateDownAll(db: Kysely<any>): Promise<string[]> {
  const { NO_MIGRATIONS } = await import('kysely');
  return applied(await migrator(db).migrateTo(NO_MIGRATIONS));
}

function applied(result: MigrationResultSet): string[] {
  const failed = result.results?.find((item) => item.status === 'Error');
  if (result.error || failed) {
    const name = failed?.migrationName ?? 'unknown';
    throw new Error(`migration ${name} failed: ${String((result.error as Error)?.message ?? result.error)}`, { cause: result.error });
  }
  return (result.results ?? []).map((item) => item.migrationName);
}
