import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createVerifier } from 'fast-jwt';
import Fastify from 'fastify';

/**
 * The limit for scenario (a) (issue #6 §3): a bare Fastify + better-sqlite3 handler on the bench's database that
 * verifies Parley's JWT (same secret, same verifier settings) and answers `GET /items/support_ticket?limit=25&sort=-date_created`
 * with Parley's exact response body for a customer, from one prepared statement on the (user_created, date_created)
 * index. Nothing else: no permissions engine, no query parsing, no hooks. Run as its own process:
 *
 *   LIMIT_DATA_DIR=<DATA_DIR> LIMIT_PORT=<port> LIMIT_COLUMNS=id,customer_name,… node bench/dist/limit-server.js
 *
 * It prints "listening <url>" on stdout once it accepts connections. SQLite only.
 */
const dataDir = required('LIMIT_DATA_DIR');
const port = Number(required('LIMIT_PORT'));
const columns = required('LIMIT_COLUMNS').split(',');
for (const column of columns) if (!/^[a-z_][a-z0-9_]*$/.test(column)) throw new Error(`bad column name ${column}`);

const secret = fs.readFileSync(path.join(dataDir, 'secret'), 'utf8').trim();
const verify = createVerifier({
  key: secret,
  algorithms: ['HS256'],
  allowedIss: 'parley',
  ignoreExpiration: true,
  cache: 2000,
  cacheTTL: Number.POSITIVE_INFINITY,
});

const db = new Database(path.join(dataDir, 'parley.db'), { readonly: true, fileMustExist: true });
const listOwn = db.prepare(
  `select ${columns.map((column) => `"${column}"`).join(', ')} from support_ticket where user_created = ? order by date_created desc limit 25`,
);

const app = Fastify({ logger: false });
const unauthorized = { errors: [{ message: 'Invalid user credentials.', extensions: { code: 'INVALID_CREDENTIALS' } }] };

app.get('/items/support_ticket', async (request, reply) => {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return reply.code(401).send(unauthorized);
  let claims: { id?: unknown; exp?: unknown };
  try {
    claims = verify(header.slice(7));
  } catch {
    return reply.code(401).send(unauthorized);
  }
  if (typeof claims.id !== 'string' || typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) return reply.code(401).send(unauthorized);
  return { data: listOwn.all(claims.id) };
});

app.listen({ port, host: '127.0.0.1' }).then(
  (url) => process.stdout.write(`listening ${url}\n`),
  (error: unknown) => {
    process.stderr.write(`limit server: ${String(error)}\n`);
    process.exit(1);
  },
);
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => {
    void app.close().then(() => {
      db.close();
      process.exit(0);
    });
  });

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`limit server: ${name} is required`);
  return value;
}
