import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { DestinationStream } from 'pino';
import { buildApp } from '../../server/src/app.js';
import { bootstrapDefaults } from '../../server/src/bootstrap.js';
import { type Config, configFrom } from '../../server/src/config.js';
import { type AppContext, createContext } from '../../server/src/context.js';
import { openDatabase } from '../../server/src/db/database.js';
import type { DialectName } from '../../server/src/db/dialect.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { hashToken } from '../../server/src/features/auth/tokens.js';
import type { App } from '../../server/src/http/app-types.js';
import { createLogger } from '../../server/src/logger.js';
import { startWorker } from '../../server/src/worker.js';
import { createTestClock, type TestClock } from './clock.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'admin-password-123';
export const TEST_SECRET = 'test-secret-that-is-at-least-32-characters-long';

export interface TestApp {
  app: App;
  ctx: AppContext;
  config: Readonly<Config>;
  dialect: DialectName;
  database: TestDatabase;
  clock: TestClock;
  roles: { admin: string; agent: string; customer: string };
  /** The admin's static API token: it never expires, so tests that move the clock can keep using it. */
  adminToken: string;
  inject(options: InjectOptions & { token?: string }): Promise<LightMyRequestResponse>;
  login(email: string, password: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real application on a fresh database of the given dialect, bootstrapped with a known admin. HTTP goes
 * through `inject` (no socket) unless a test listens itself.
 */
export async function createTestApp(
  dialect: DialectName,
  options: { env?: Record<string, string>; logStream?: DestinationStream; mailer?: AppContext['mailer']; worker?: boolean } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const config = configFrom({
    DATABASE_URL: database.url,
    DATA_DIR: database.dataDir,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    AUTH_SECRET: TEST_SECRET,
    PUBLIC_URL: 'http://parley.test',
    DB_POOL_MAX: '4',
    ...options.env,
  });
  const clock = createTestClock();
  const handle = openDatabase(config.db);
  await migrateToLatest(handle.db);
  const firstRun = await bootstrapDefaults(handle.db, config, clock.now);
  const logger = createLogger(options.logStream ? 'info' : 'silent', options.logStream);
  const ctx = await createContext({ config, database: handle, secret: TEST_SECRET, log: logger, now: clock.now, mailer: options.mailer });
  const app = await buildApp(ctx, { logger });
  await app.ready();
  const worker = options.worker ? startWorker(ctx) : undefined;

  const inject = (request: InjectOptions & { token?: string }) => {
    const { token, ...rest } = request;
    return app.inject({ ...rest, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...rest.headers } });
  };
  const login = async (email: string, password: string) => {
    const response = await inject({ method: 'POST', url: '/auth/login', payload: { email, password } });
    if (response.statusCode !== 200) throw new Error(`login of ${email} failed: ${response.statusCode} ${response.body}`);
    return response.json().data.access_token as string;
  };

  // The admin's static API token, set directly: tests need a credential the clock cannot expire.
  const adminToken = `admin-static-token-${Date.now()}`;
  await handle.db
    .updateTable('users')
    .set({ token_hash: hashToken(adminToken) })
    .where('email', '=', ADMIN_EMAIL)
    .execute();

  return {
    app,
    ctx,
    config,
    dialect,
    database,
    clock,
    roles: firstRun.createdRoles as TestApp['roles'],
    adminToken,
    inject,
    login,
    async close() {
      await app.close();
      await worker?.stop();
      await ctx.signals.close();
      ctx.mailer.close();
      await handle.close();
      await database.drop();
    },
  };
}
