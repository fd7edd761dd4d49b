import pg from 'pg';
import type { TestProject } from 'vitest/node';

/**
 * Decides once per run which databases the integration suites use (TEST_DB, default "sqlite,postgres").
 * PostgreSQL unreachable: locally the PostgreSQL suites are skipped with a loud warning; in CI (CI=true) the
 * run fails, so CI can never pass without having run them.
 */
export const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

export default async function setup(project: TestProject): Promise<void> {
  const requested = (process.env.TEST_DB ?? 'sqlite,postgres')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const url = process.env.TEST_POSTGRES_URL ?? POSTGRES_URL;
  const databases = requested.filter((name) => name !== 'postgres');
  if (requested.includes('postgres')) {
    const reason = await probePostgres(url);
    if (reason === undefined) databases.push('postgres');
    else if (process.env.CI) throw new Error(`PostgreSQL tests cannot run in CI: ${url} is unreachable (${reason})`);
    else {
      const line = '!'.repeat(78);
      process.stderr.write(
        `\n${line}\n!! PostgreSQL at ${url} is unreachable (${reason}).\n!! PostgreSQL integration tests are SKIPPED. CI will fail on this.\n${line}\n\n`,
      );
    }
  }
  project.provide('databases', databases);
  project.provide('postgresUrl', url);
}

async function probePostgres(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    databases: string[];
    postgresUrl: string;
  }
}
