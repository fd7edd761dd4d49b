import type { FastifyBaseLogger } from 'fastify';
import { type AccessControl, createAccessControl } from './access/access-control.js';
import type { Config } from './config.js';
import { type ChangeSignals, createChangeSignals } from './db/change-signals.js';
import type { DatabaseHandle } from './db/database.js';
import { createLoginThrottle, type LoginThrottle } from './features/auth/login-throttle.js';
import { createTokenIssuer, type TokenIssuer } from './features/auth/tokens.js';
import { createFlowsRuntime, type FlowsRuntime } from './features/flows/flows-runtime.js';
import { createMailer, type Mailer } from './features/mail/mailer.js';
import { type AggregateCache, createAggregateCache } from './query/aggregate-cache.js';
import { createSchemaRegistry, type SchemaRegistry } from './schema/schema-registry.js';

/**
 * The long-lived services every feature may draw from. Features name the parts they use in their own
 * parameter types, so a reader sees a service's real dependencies.
 */
export interface AppContext {
  config: Readonly<Config>;
  database: DatabaseHandle;
  now: () => Date;
  log: FastifyBaseLogger;
  tokens: TokenIssuer;
  loginThrottle: LoginThrottle;
  mailer: Mailer;
  schema: SchemaRegistry;
  accessControl: AccessControl;
  /** Cache invalidation within this process and, on PostgreSQL, across nodes. */
  signals: ChangeSignals;
  flows: FlowsRuntime;
  aggregateCache: AggregateCache;
}

export async function createContext(deps: {
  config: Readonly<Config>;
  database: DatabaseHandle;
  secret: string;
  log: FastifyBaseLogger;
  now?: () => Date;
  mailer?: Mailer;
  /** PostgreSQL LISTEN for other nodes' changes; off in the worker thread, which hears them from the main thread. */
  listenForChanges?: boolean;
}): Promise<AppContext> {
  const now = deps.now ?? (() => new Date());
  const schema = await createSchemaRegistry(deps.database.db);
  const signals = createChangeSignals(deps.database, {
    listen: deps.listenForChanges ?? true,
    onError: (error) => deps.log.warn({ err: error }, 'change notifications'),
  });
  const accessControl = createAccessControl({ db: deps.database.db, schema });
  signals.subscribe('permissions', () => accessControl.invalidate());
  signals.subscribe('schema', () => {
    void schema.reload().then(
      () => accessControl.invalidate(),
      (error) => deps.log.error({ err: error }, 'schema reload failed'),
    );
  });
  const ctx = {
    schema,
    accessControl,
    signals,
    aggregateCache: createAggregateCache(signals, { ttlMs: deps.config.query.aggregateCacheTtlMs, now }),
    config: deps.config,
    database: deps.database,
    now,
    log: deps.log,
    tokens: createTokenIssuer(deps.secret, now),
    loginThrottle: createLoginThrottle({ maxFailures: deps.config.auth.loginMaxFailures, windowMs: deps.config.auth.loginWindowMs, now }),
    mailer: deps.mailer ?? createMailer({ config: deps.config.mail, db: deps.database.db, log: deps.log, now }),
  } as AppContext;
  ctx.flows = createFlowsRuntime(ctx);
  return ctx;
}
