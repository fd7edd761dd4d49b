import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/**
 * Every environment variable Parley reads, with its default and a one-line description.
 * This table is the only place a variable is declared; the README's configuration table mirrors it
 * (a unit test keeps the two in step).
 */
const duration = z
  .string()
  .regex(/^\d+(ms|s|m|h|d)$/, 'a duration such as 900s, 15m, 12h or 7d')
  .transform(parseDuration);
const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d+$/, `an integer from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `an integer from ${min} to ${max}`).max(max, `an integer from ${min} to ${max}`));
const boolean = z
  .string()
  .regex(/^(true|false|1|0|yes|no)$/i, 'true or false')
  .transform((value) => /^(true|1|yes)$/i.test(value));
const byteSize = z
  .string()
  .regex(/^\d+(b|kb|mb)?$/i, 'a size in bytes such as 1048576, 512kb or 1mb')
  .transform(parseByteSize);
const httpUrl = z.string().regex(/^https?:\/\/[^\s/]+/, 'an http(s) URL such as https://help.example.com');
const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);
const optionalText = z.string().optional();

export const CONFIG_VARIABLES = {
  // http
  PORT: { schema: integer(1, 65535), default: '8055', doc: 'Port the HTTP server listens on.' },
  HOST: { schema: z.string().min(1, 'a host name or address'), default: '0.0.0.0', doc: 'Address the HTTP server binds to.' },
  PUBLIC_URL: {
    schema: httpUrl.optional(),
    default: undefined,
    doc: 'URL people reach Parley at, used in mail links (default http://localhost:PORT).',
  },
  HTTP_BODY_LIMIT: { schema: byteSize, default: '1mb', doc: 'Largest request body accepted; larger bodies get 413.' },
  HTTP_CORS_ORIGIN: {
    schema: list,
    default: '',
    doc: 'Comma-separated origins allowed to call the API from a browser (CORS); empty means CORS is off.',
  },
  HTTP_TRUST_PROXY: { schema: boolean, default: 'false', doc: 'Trust X-Forwarded-* headers (set behind a reverse proxy).' },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'one of fatal, error, warn, info, debug, trace, silent'),
    default: 'info',
    doc: 'Log verbosity.',
  },
  // runtime
  PARLEY_RUN: {
    schema: z.enum(['all', 'api', 'worker'], 'one of all, api, worker'),
    default: 'all',
    doc: 'What `parley start` runs: the API and the flow worker (all), or only one of them.',
  },
  // db
  DATA_DIR: { schema: z.string().min(1, 'a folder path'), default: './data', doc: 'Folder for the SQLite file, the generated secret and uploads.' },
  DATABASE_URL: {
    schema: z
      .string()
      .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'sqlite:<file> or postgres://user@host/db')
      .optional(),
    default: undefined,
    doc: 'Unset: embedded SQLite in DATA_DIR. postgres://… selects PostgreSQL; sqlite:<file> a SQLite file elsewhere.',
  },
  DB_POOL_MAX: { schema: integer(1, 1000), default: '10', doc: 'PostgreSQL connection pool size.' },
  DB_SQLITE_BUSY_TIMEOUT: { schema: integer(0, 600000), default: '5000', doc: 'Milliseconds SQLite waits for a lock before failing.' },
  // auth
  AUTH_SECRET: {
    schema: z.string().min(32, 'at least 32 characters').optional(),
    default: undefined,
    doc: 'Secret that signs tokens. Generated and kept in DATA_DIR/secret when unset; set it when several nodes share one database.',
  },
  AUTH_ACCESS_TOKEN_TTL: { schema: duration, default: '15m', doc: 'Lifetime of access tokens.' },
  AUTH_REFRESH_TOKEN_TTL: { schema: duration, default: '7d', doc: 'Lifetime of refresh tokens (json and cookie modes).' },
  AUTH_SESSION_TTL: { schema: duration, default: '1d', doc: 'Lifetime of session cookies (session mode, used by the web app).' },
  AUTH_COOKIE_SECURE: {
    schema: boolean.optional(),
    default: undefined,
    doc: 'Mark auth cookies Secure (default: true when PUBLIC_URL is https).',
  },
  AUTH_LOGIN_MAX_FAILURES: {
    schema: integer(1, 100000),
    default: '10',
    doc: 'Failed logins allowed per IP address and per account within AUTH_LOGIN_WINDOW; more get 429.',
  },
  AUTH_LOGIN_WINDOW: { schema: duration, default: '15m', doc: 'Window in which failed logins are counted.' },
  AUTH_INVITE_TTL: { schema: duration, default: '7d', doc: 'How long an invitation link stays valid.' },
  AUTH_PASSWORD_RESET_TTL: { schema: duration, default: '1h', doc: 'How long a password reset link stays valid.' },
  AUTH_URL_ALLOW_LIST: {
    schema: list,
    default: '',
    doc: 'Extra comma-separated base URLs allowed as invite_url / reset_url (PUBLIC_URL is always allowed).',
  },
  ADMIN_EMAIL: {
    schema: z.email('an email address'),
    default: 'admin@example.com',
    doc: 'Email of the first admin, created on an empty database.',
  },
  ADMIN_PASSWORD: {
    schema: z.string().min(8, 'at least 8 characters').optional(),
    default: undefined,
    doc: 'Password of the first admin; when unset a password is generated and printed once.',
  },
  // query
  QUERY_LIMIT_DEFAULT: { schema: integer(1, 1000000), default: '100', doc: 'Items returned when a request gives no limit.' },
  QUERY_LIMIT_MAX: { schema: integer(1, 1000000), default: '1000', doc: 'Largest limit a request may ask for (limit=-1 means this).' },
  QUERY_AGGREGATE_CACHE_TTL: {
    schema: duration,
    default: '5s',
    doc: 'How long an aggregate result may be reused if no change is signalled (any item change clears it at once); 0s disables.',
  },
  // worker (flows)
  WORKER_POLL_INTERVAL: { schema: duration, default: '500ms', doc: 'How often an idle worker looks for work it was not woken for.' },
  WORKER_LEASE: { schema: duration, default: '60s', doc: 'How long a worker holds a flow run before another may take it over (after a crash).' },
  WORKER_CONCURRENCY: { schema: integer(1, 1000), default: '32', doc: 'Flow runs a worker executes at the same time.' },
  WORKER_IDLE_EXIT: {
    schema: duration,
    default: '30s',
    doc: "`parley start`'s flow worker thread ends after this long with nothing to do (no events, runs or schedule flows), freeing its memory; the next event starts it again.",
  },
  FLOW_REQUEST_TIMEOUT: { schema: duration, default: '10s', doc: 'Timeout of one outbound request of a flow.' },
  FLOW_MAX_ATTEMPTS: { schema: integer(1, 100), default: '10', doc: 'Attempts of one delivery (request or mail) before it is marked dead.' },
  FLOW_RETRY_BASE: { schema: duration, default: '2s', doc: 'First retry delay; doubles with each attempt (with jitter).' },
  FLOW_RETRY_MAX: { schema: duration, default: '1h', doc: 'Longest retry delay, Retry-After included.' },
  FLOW_DENY_NETWORKS: {
    schema: list.pipe(z.array(z.string().refine(isCidr, 'comma-separated CIDR ranges such as 169.254.0.0/16,fe80::/10'))),
    default: '169.254.0.0/16,fe80::/10,fd00:ec2::254/128,100.100.100.200/32,127.0.0.0/8,::1/128,0.0.0.0/8,::/128',
    doc: 'Comma-separated CIDR ranges flows may never call: link-local, cloud metadata and loopback by default.',
  },
  // smtp
  SMTP_HOST: {
    schema: optionalText,
    default: undefined,
    doc: 'SMTP server. Unset: mail is written to the log and kept in the mail log table instead of sent.',
  },
  SMTP_PORT: { schema: integer(1, 65535), default: '587', doc: 'SMTP port.' },
  SMTP_SECURE: { schema: boolean, default: 'false', doc: 'Use implicit TLS (port 465); otherwise STARTTLS is used when offered.' },
  SMTP_TLS_VERIFY: {
    schema: boolean,
    default: 'true',
    doc: "Verify the SMTP server's TLS certificate. false only for a relay with a self-signed certificate on a trusted network.",
  },
  SMTP_USER: { schema: optionalText, default: undefined, doc: 'SMTP user name.' },
  SMTP_PASSWORD: { schema: optionalText, default: undefined, doc: 'SMTP password.' },
  MAIL_FROM: {
    schema: z.string().min(3, 'a sender such as "Parley <help@example.com>"'),
    default: 'Parley <no-reply@parley.local>',
    doc: 'Sender of every mail.',
  },
} as const satisfies Record<string, { schema: z.ZodType<unknown, string | undefined>; default: string | undefined; doc: string }>;

type Variables = typeof CONFIG_VARIABLES;
type Parsed = { [K in keyof Variables]: z.output<Variables[K]['schema']> };

export type DatabaseConfig = { dialect: 'sqlite'; file: string; busyTimeoutMs: number } | { dialect: 'postgres'; url: string; poolMax: number };

export interface Config {
  http: {
    port: number;
    host: string;
    publicUrl: string;
    bodyLimit: number;
    corsOrigins: string[];
    trustProxy: boolean;
  };
  logLevel: Parsed['LOG_LEVEL'];
  run: Parsed['PARLEY_RUN'];
  dataDir: string;
  db: DatabaseConfig;
  auth: {
    secret: string | undefined;
    accessTokenTtlMs: number;
    refreshTokenTtlMs: number;
    sessionTtlMs: number;
    cookieSecure: boolean;
    loginMaxFailures: number;
    loginWindowMs: number;
    inviteTtlMs: number;
    passwordResetTtlMs: number;
    urlAllowList: string[];
    adminEmail: string;
    adminPassword: string | undefined;
  };
  query: { limitDefault: number; limitMax: number; aggregateCacheTtlMs: number };
  worker: { pollIntervalMs: number; leaseMs: number; concurrency: number; idleExitMs: number };
  flows: { requestTimeoutMs: number; maxAttempts: number; retryBaseMs: number; retryMaxMs: number; denyNetworks: string[] };
  mail: {
    from: string;
    smtp: { host: string; port: number; secure: boolean; verifyTls: boolean; user?: string; password?: string } | undefined;
  };
}

export type ConfigResult = { ok: true; config: Readonly<Config> } | { ok: false; problems: string[] };

/**
 * Parses the environment once. Reports every bad variable together, one line each, naming the variable,
 * the value and what is expected.
 */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const problems: string[] = [];
  const parsed: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(CONFIG_VARIABLES)) {
    const raw = emptyToUndefined(env[name]);
    const result = (spec.schema as z.ZodType).safeParse(raw ?? spec.default);
    if (result.success) {
      parsed[name] = result.data;
    } else {
      const expected = result.error.issues[0]?.message ?? 'a valid value';
      problems.push(`${name}=${JSON.stringify(raw ?? '')} is invalid: expected ${expected}.`);
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const values = parsed as Parsed;
  if (values.QUERY_LIMIT_DEFAULT > values.QUERY_LIMIT_MAX) {
    return {
      ok: false,
      problems: [
        `QUERY_LIMIT_DEFAULT=${JSON.stringify(String(values.QUERY_LIMIT_DEFAULT))} is invalid: expected at most QUERY_LIMIT_MAX (${values.QUERY_LIMIT_MAX}).`,
      ],
    };
  }
  if (values.WORKER_LEASE <= values.FLOW_REQUEST_TIMEOUT) {
    return {
      ok: false,
      problems: [
        `WORKER_LEASE=${JSON.stringify(String(values.WORKER_LEASE / 1000))}s is invalid: expected longer than FLOW_REQUEST_TIMEOUT (${values.FLOW_REQUEST_TIMEOUT / 1000}s), or a slow request's run could be taken over while it is still sending.`,
      ],
    };
  }
  return { ok: true, config: Object.freeze(toConfig(values)) };
}

function toConfig(values: Parsed): Config {
  const publicUrl = (values.PUBLIC_URL ?? `http://localhost:${values.PORT}`).replace(/\/+$/, '');
  const dataDir = path.resolve(values.DATA_DIR);
  return {
    http: {
      port: values.PORT,
      host: values.HOST,
      publicUrl,
      bodyLimit: values.HTTP_BODY_LIMIT,
      corsOrigins: values.HTTP_CORS_ORIGIN,
      trustProxy: values.HTTP_TRUST_PROXY,
    },
    logLevel: values.LOG_LEVEL,
    run: values.PARLEY_RUN,
    dataDir,
    db: toDatabaseConfig(values, dataDir),
    auth: {
      secret: values.AUTH_SECRET,
      accessTokenTtlMs: values.AUTH_ACCESS_TOKEN_TTL,
      refreshTokenTtlMs: values.AUTH_REFRESH_TOKEN_TTL,
      sessionTtlMs: values.AUTH_SESSION_TTL,
      cookieSecure: values.AUTH_COOKIE_SECURE ?? publicUrl.startsWith('https://'),
      loginMaxFailures: values.AUTH_LOGIN_MAX_FAILURES,
      loginWindowMs: values.AUTH_LOGIN_WINDOW,
      inviteTtlMs: values.AUTH_INVITE_TTL,
      passwordResetTtlMs: values.AUTH_PASSWORD_RESET_TTL,
      urlAllowList: values.AUTH_URL_ALLOW_LIST,
      adminEmail: values.ADMIN_EMAIL.trim().toLowerCase(),
      adminPassword: values.ADMIN_PASSWORD,
    },
    query: { limitDefault: values.QUERY_LIMIT_DEFAULT, limitMax: values.QUERY_LIMIT_MAX, aggregateCacheTtlMs: values.QUERY_AGGREGATE_CACHE_TTL },
    worker: {
      pollIntervalMs: values.WORKER_POLL_INTERVAL,
      leaseMs: values.WORKER_LEASE,
      concurrency: values.WORKER_CONCURRENCY,
      idleExitMs: values.WORKER_IDLE_EXIT,
    },
    flows: {
      requestTimeoutMs: values.FLOW_REQUEST_TIMEOUT,
      maxAttempts: values.FLOW_MAX_ATTEMPTS,
      retryBaseMs: values.FLOW_RETRY_BASE,
      retryMaxMs: values.FLOW_RETRY_MAX,
      denyNetworks: values.FLOW_DENY_NETWORKS,
    },
    mail: {
      from: values.MAIL_FROM,
      smtp: values.SMTP_HOST
        ? {
            host: values.SMTP_HOST,
            port: values.SMTP_PORT,
            secure: values.SMTP_SECURE,
            verifyTls: values.SMTP_TLS_VERIFY,
            user: values.SMTP_USER,
            password: values.SMTP_PASSWORD,
          }
        : undefined,
    },
  };
}

function toDatabaseConfig(values: Parsed, dataDir: string): DatabaseConfig {
  const url = values.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', url, poolMax: values.DB_POOL_MAX };
  const file = url ? path.resolve(url.slice('sqlite:'.length)) : path.join(dataDir, 'parley.db');
  return { dialect: 'sqlite', file, busyTimeoutMs: values.DB_SQLITE_BUSY_TIMEOUT };
}

function isCidr(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32);
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "15m" → 900000. The regex in the schema guarantees the shape. */
export function parseDuration(value: string): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(value);
  if (!match) throw new Error(`not a duration: ${value}`);
  return Number(match[1]) * (DURATION_UNITS[match[2] as string] as number);
}

function parseByteSize(value: string): number {
  const match = /^(\d+)(b|kb|mb)?$/i.exec(value);
  if (!match) throw new Error(`not a size: ${value}`);
  const unit = (match[2] ?? 'b').toLowerCase();
  return Number(match[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
}

/** Config for tests and tools: defaults plus the given overrides; throws on a bad value. */
export function configFrom(env: Record<string, string | undefined>): Readonly<Config> {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.config;
}
