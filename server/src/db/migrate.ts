// biome-ignore-all lint/suspicious/noExplicitAny: the migrator works on any schema
import { type Kysely, type Migration, type MigrationProvider, type MigrationResultSet, Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { migrations } from '../../../migrations/index.js';
import { dialectOf } from './dialect.js';

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

/**
 * On PostgreSQL the migration tables live in the connection's current schema. Kysely would otherwise look for
 * them in every schema of the database and take another schema's table for its own.
 */
async function migrator(db: Kysely<any>): Promise<Migrator> {
  let migrationTableSchema: string | undefined;
  if (dialectOf(db) === 'postgres') {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema;
  }
  return new Migrator({
    db,
    provider: new StaticMigrationProvider(),
    migrationTableName: 'parley_migrations',
    migrationLockTableName: 'parley_migrations_lock',
    migrationTableSchema,
  });
}

/** Runs every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return applied(await (await migrator(db)).migrateToLatest());
}

/** Rolls back every migration (used by the migration test). */
export async function migrateDownAll(db: Kysely<any>): Promise<string[]> {
  return applied(await (await migrator(db)).migrateTo(NO_MIGRATIONS));
}

function applied(result: MigrationResultSet): string[] {
  const failed = result.results?.find((item) => item.status === 'Error');
  if (result.error || failed) {
    const name = failed?.migrationName ?? 'unknown';
    throw new Error(`migration ${name} failed: ${String((result.error as Error)?.message ?? result.error)}`, { cause: result.error });
  }
  return (result.results ?? []).map((item) => item.migrationName);
}
