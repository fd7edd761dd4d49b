import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { bootstrapDefaults } from '../bootstrap.js';
import type { Config } from '../config.js';
import { type DatabaseHandle, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { hashPassword } from '../features/auth/passwords.js';
import { createRandom, generateTickets, type MessageRowData, people, SEARCH_WORD, type SeedPerson, type SeedSize, type TicketRowData } from './seed-data.js';

/**
 * `parley seed --bench`: fills an empty database with a realistic helpdesk in bulk (prepared statements in large
 * transactions on SQLite, unnest() batches on PostgreSQL), for benchmarks. Only the few accounts the bench signs in
 * with get real password hashes. Prints progress to stderr and one line of JSON (sizes, time, logins) to stdout.
 */
export const BENCH_PASSWORD = 'bench-password-1';
const LOGIN_ACCOUNTS = 10;
const BATCH = 10_000;

export async function runSeedCommand(
  config: Readonly<Config>,
  size: SeedSize,
  print: (line: string) => void,
  progress: (line: string) => void,
): Promise<number> {
  const started = performance.now();
  const database = openDatabase(config.db);
  try {
    const db = database.db;
    await migrateToLatest(db);
    const existing = await db.selectFrom('support_ticket').select('id').limit(1).executeTakeFirst();
    if (existing) {
      progress('parley: this database already has tickets; seed a fresh DATA_DIR or DATABASE_URL.');
      return 1;
    }
    const now = new Date();
    await bootstrapDefaults(db, config, () => now);
    const adminPassword = config.auth.adminPassword ?? BENCH_PASSWORD;
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    if (!config.auth.adminPassword)
      await db
        .updateTable('users')
        .set({ password: await hashPassword(adminPassword) })
        .where('email', '=', config.auth.adminEmail)
        .execute();
    const roles = Object.fromEntries((await db.selectFrom('roles').select(['id', 'name']).execute()).map((role) => [role.name, role.id]));
    await addPriorityField(database);

    const random = createRandom(20261203);
    const customers = people('customer', size.customers, random);
    const agentPeople = people('agent', size.agents, random);
    const agents = agentPeople.map((person) => ({ agentId: randomUUID(), person }));
    const userRows = [
      ...customers.map((person, index) => userRow(person, roles.Customer as string, index < LOGIN_ACCOUNTS ? passwordHash : null, now)),
      ...agentPeople.map((person, index) => userRow(person, roles.Agent as string, index < LOGIN_ACCOUNTS ? passwordHash : null, now)),
    ];
    for (let offset = 0; offset < userRows.length; offset += 1000)
      await db
        .insertInto('users')
        .values(userRows.slice(offset, offset + 1000))
        .execute();
    await db
      .insertInto('agents')
      .values(
        agents.map((agent, index) => ({ id: agent.agentId, user: agent.person.id, team: index % 3 === 0 ? 'sales' : 'support', available: index % 7 !== 6 })),
      )
      .execute();

    const writer = database.dialect === 'sqlite' ? sqliteWriter(database) : postgresWriter(database);
    let tickets: TicketRowData[] = [];
    let messages: MessageRowData[] = [];
    let written = 0;
    const flush = async () => {
      await writer.write(tickets, messages);
      written += tickets.length;
      progress(
        `\rparley seed: ${written.toLocaleString('en')} / ${size.tickets.toLocaleString('en')} tickets (${Math.round((100 * written) / size.tickets)} %)`,
      );
      tickets = [];
      messages = [];
    };
    for (const [ticket, ticketMessages] of generateTickets(size, customers, agents, now, random)) {
      tickets.push(ticket);
      for (const message of ticketMessages) messages.push(message);
      if (tickets.length >= BATCH) await flush();
    }
    if (tickets.length > 0) await flush();
    progress('\n');
    await writer.finish(size.tickets);

    const seconds = Math.round((performance.now() - started) / 100) / 10;
    const logins = (list: SeedPerson[]) => list.slice(0, LOGIN_ACCOUNTS).map((person) => ({ email: person.email, password: BENCH_PASSWORD }));
    print(
      JSON.stringify({
        ...size,
        seconds,
        admin: { email: config.auth.adminEmail, password: adminPassword },
        customers_login: logins(customers),
        agents_login: logins(agentPeople),
        search_word: SEARCH_WORD,
      }),
    );
    return 0;
  } finally {
    await database.close();
  }
}

function userRow(person: SeedPerson, role: string, password: string | null, now: Date) {
  return {
    id: person.id,
    email: person.email,
    first_name: person.firstName,
    last_name: person.lastName,
    password,
    status: 'active' as const,
    role,
    token_hash: null,
    email_notifications: true,
    last_access: null,
    date_created: now.toISOString(),
    date_updated: null,
  };
}

/** A custom dropdown, so the data has custom-field values like a real desk's. */
async function addPriorityField(database: DatabaseHandle): Promise<void> {
  const db = database.db;
  await db.schema.alterTable('support_ticket').addColumn('priority', 'text').execute();
  await db
    .insertInto('fields')
    .values({
      collection: 'support_ticket',
      field: 'priority',
      type: 'string',
      interface: 'select-dropdown',
      required: false,
      hidden: false,
      note: 'How urgent the ticket is',
      choices: JSON.stringify([
        { text: 'Low', value: 'low' },
        { text: 'Normal', value: 'normal' },
        { text: 'High', value: 'high' },
      ]),
      default_value: JSON.stringify('normal'),
      max_length: 255,
      sort: 14,
      searchable: false,
      custom: true,
    })
    .execute();
}

interface BulkWriter {
  write(tickets: TicketRowData[], messages: MessageRowData[]): Promise<void>;
  finish(lastTicketId: number): Promise<void>;
}

const TICKET_COLUMNS = [
  'id',
  'customer_name',
  'customer_email',
  'issue_type',
  'status',
  'message',
  'assigned_to',
  'resolution',
  'date_created',
  'date_updated',
  'user_created',
  'user_updated',
  'priority',
] as const;

function sqliteWriter(database: DatabaseHandle): BulkWriter {
  const sqlite = database.sqlite;
  if (!sqlite) throw new Error('no SQLite connection');
  // A benchmark dataset is rebuilt rather than recovered: skip fsyncs while loading.
  sqlite.pragma('synchronous = OFF');
  // Random UUID keys scatter inserts across the message index; a large page cache keeps that off the disk.
  sqlite.pragma('cache_size = -524288');
  // Search-index triggers would update the FTS index row by row; it is rebuilt once at the end instead.
  const triggers = sqlite.prepare("select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'support_ticket'").all() as Array<{
    name: string;
    sql: string;
  }>;
  for (const trigger of triggers) sqlite.exec(`drop trigger "${trigger.name}"`);
  const insertTicket = sqlite.prepare(`insert into support_ticket (${TICKET_COLUMNS.join(', ')}) values (${TICKET_COLUMNS.map(() => '?').join(', ')})`);
  const insertMessage = sqlite.prepare(
    'insert into ticket_message (id, ticket, message, internal, date_created, date_updated, user_created, user_updated) values (?, ?, ?, ?, ?, null, ?, null)',
  );
  const load = sqlite.transaction((tickets: TicketRowData[], messages: MessageRowData[]) => {
    for (const ticket of tickets) insertTicket.run(TICKET_COLUMNS.map((column) => ticket[column]));
    for (const message of messages)
      insertMessage.run(message.id, message.ticket, message.message, message.internal ? 1 : 0, message.date_created, message.user_created);
  });
  return {
    async write(tickets, messages) {
      load(tickets, messages);
    },
    async finish() {
      const search = sqlite.prepare("select name from sqlite_master where type = 'table' and name = 'support_ticket_search'").get();
      if (search) sqlite.exec("insert into support_ticket_search(support_ticket_search) values ('rebuild')");
      for (const trigger of triggers) sqlite.exec(trigger.sql);
      sqlite.pragma('synchronous = NORMAL');
      sqlite.pragma('cache_size = -2000');
      sqlite.exec('analyze');
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
    },
  };
}

function postgresWriter(database: DatabaseHandle): BulkWriter {
  const pool = database.pgPool;
  if (!pool) throw new Error('no PostgreSQL pool');
  const ticketTypes = ['int4', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'timestamptz', 'timestamptz', 'text', 'text', 'text'];
  const ticketSql = `insert into support_ticket (${TICKET_COLUMNS.join(', ')}) select * from unnest(${ticketTypes.map((type, index) => `$${index + 1}::${type}[]`).join(', ')})`;
  const messageSql =
    'insert into ticket_message (id, ticket, message, internal, date_created, user_created) select * from unnest($1::text[], $2::int4[], $3::text[], $4::bool[], $5::timestamptz[], $6::text[])';
  return {
    async write(tickets, messages) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query(
          ticketSql,
          TICKET_COLUMNS.map((column) => tickets.map((ticket) => ticket[column])),
        );
        for (let offset = 0; offset < messages.length; offset += 20_000) {
          const slice = messages.slice(offset, offset + 20_000);
          await client.query(messageSql, [
            slice.map((message) => message.id),
            slice.map((message) => message.ticket),
            slice.map((message) => message.message),
            slice.map((message) => message.internal),
            slice.map((message) => message.date_created),
            slice.map((message) => message.user_created),
          ]);
        }
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async finish(lastTicketId) {
      await sql`select setval(pg_get_serial_sequence('support_ticket', 'id'), ${Math.max(1, lastTicketId)})`.execute(database.db);
      // VACUUM too, as autovacuum soon would on a live database: it sets the visibility map, without which every
      // index-only scan (the agent queue's count) visits the freshly loaded heap row by row.
      await sql`vacuum analyze`.execute(database.db);
    },
  };
}
