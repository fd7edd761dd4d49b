import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../server/src/db/dialect.js';
import { compileFilter, createAliasSequence } from '../../server/src/query/compile-filter.js';
import { normalizeFilter, OPERATORS, type Operator } from '../../server/src/query/filter.js';
import { compileFragment, sql as fragment, runFragment } from '../../server/src/query/sql-fragment.js';
import { type AgentRow, compareText, type FieldType, type MessageRow, type ReferenceData, referenceIds, type TicketRow } from '../support/reference-filter.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { testDatabases } from '../support/test-database.js';

/**
 * Differential test of the filter compiler (issue #3, item 9): random filter rules over one fixed random dataset
 * must select the same support tickets on SQLite, on PostgreSQL and in the in-memory reference evaluator
 * (tests/support/reference-filter.ts), which implements the documented semantics independently of the SQL.
 *
 * The dataset has hand-written tickets 1–10 (e-mail ending in "@fixed.test", used by the readable one-case-per-
 * operator table below) and 50 generated ones. Everything is generated once per module from fixed seeds, so every
 * database receives exactly the same rows and fast-check generates exactly the same filters on each.
 */

const DATASET_SEED = 20261203;
/** FILTER_FUZZ_SEED / FILTER_FUZZ_RUNS explore further locally, e.g. FILTER_FUZZ_RUNS=5000 FILTER_FUZZ_SEED=7. */
const PROPERTY_SEED = Number(process.env.FILTER_FUZZ_SEED ?? 9031);
const NUM_RUNS = Number(process.env.FILTER_FUZZ_RUNS ?? 400);

// ---------------------------------------------------------------------------------------------------------------
// The dataset
// ---------------------------------------------------------------------------------------------------------------

const AGENT_IDS = [
  'a1a1a1a1-0000-4000-8000-000000000001',
  'b2b2b2b2-0000-4000-8000-000000000002',
  'c3c3c3c3-0000-4000-8000-000000000003',
  'd4d4d4d4-0000-4000-8000-000000000004',
  'e5e5e5e5-0000-4000-8000-000000000005',
] as const;
const [A1, A2, A3, A4, A5] = AGENT_IDS;

const AGENTS: AgentRow[] = [
  { id: A1, user: '10000000-0000-4000-8000-000000000001', team: 'support', available: true },
  { id: A2, user: '10000000-0000-4000-8000-000000000002', team: 'sales', available: false },
  { id: A3, user: '10000000-0000-4000-8000-000000000003', team: null, available: true },
  { id: A4, user: '10000000-0000-4000-8000-000000000004', team: 'Support', available: true },
  { id: A5, user: '10000000-0000-4000-8000-000000000005', team: '', available: false },
];

const FIXED = '@fixed.test';
const iso = (text: string) => new Date(text).toISOString();

/** Tickets whose expected results the hand-written cases spell out. Messages are only on 1, 2, 4, 5, 7. */
const HAND_TICKETS: TicketRow[] = [
  ticket(1, 'Ann', 'ann', 'Billing', 'Open', 'Charged twice', A1, null, '2025-01-01T00:00:00Z'),
  ticket(2, 'ann', 'ann2', 'Technical Issue', 'Resolved', 'Cannot log in', A2, 'Reset password', '2025-02-01T00:00:00Z'),
  ticket(3, null, 'anon', 'General Inquiry', null, '100% broken', null, '', '2025-03-01T00:00:00Z'),
  ticket(4, '', 'blank', 'Billing', 'In Progress', 'under_score here', A1, null, '2025-04-01T12:30:00Z'),
  ticket(5, 'Émile', 'emile', 'Billing', 'Open', 'Ça ne marche pas 😀', A3, 'Fixed 🎉', '2025-05-01T00:00:00Z'),
  ticket(6, ' padded ', 'pad', 'Technical Issue', 'Resolved', 'a%b and a_b', null, 'refunded', '2025-06-01T00:00:00Z'),
  ticket(7, "O'Brien", 'obrien', 'General Inquiry', 'Open', 'ANN called', A4, null, '2025-07-01T00:00:00Z'),
  ticket(8, 'Zoë 😀', 'zoe', 'Billing', 'Resolved', 'zoe', A5, 'Refunded', '2025-08-01T00:00:00Z'),
  // '😀' (U+1F600) sorts after 'ｚ' (U+FF5A) by code point, but before it by JavaScript's UTF-16 `<`.
  ticket(9, '😀 first', 'first', 'Technical Issue', 'In Progress', 'Plan B', null, null, '2025-09-01T00:00:00Z'),
  ticket(10, 'ｚenkaku', 'zen', 'Technical Issue', 'Open', 'emoji 😀 inside', A2, 'ok', '2025-10-01T00:00:00Z'),
];

function ticket(
  id: number,
  name: string | null,
  mailbox: string,
  issueType: string,
  status: string | null,
  message: string,
  assignedTo: string | null,
  resolution: string | null,
  created: string,
): TicketRow {
  return {
    id,
    customer_name: name,
    customer_email: `${mailbox}${FIXED}`,
    issue_type: issueType,
    status,
    message,
    assigned_to: assignedTo,
    resolution,
    date_created: iso(created),
  };
}

const messageId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const HAND_MESSAGES: MessageRow[] = [
  { id: messageId(1), ticket: 1, message: 'Hello', internal: false, date_created: iso('2025-01-02T00:00:00Z') },
  { id: messageId(2), ticket: 1, message: 'Internal note', internal: true, date_created: iso('2025-01-03T00:00:00Z') },
  { id: messageId(3), ticket: 2, message: 'Bye', internal: false, date_created: iso('2025-02-02T00:00:00Z') },
  { id: messageId(4), ticket: 4, message: 'secret', internal: true, date_created: iso('2025-04-02T00:00:00Z') },
  { id: messageId(5), ticket: 5, message: null, internal: false, date_created: iso('2025-05-02T00:00:00Z') },
  { id: messageId(6), ticket: 7, message: 'ping', internal: false, date_created: iso('2025-07-02T00:00:00Z') },
];

/**
 * Values the generated rows draw from: case variants, accents, emoji, LIKE wildcards, quotes, backslashes, leading
 * and trailing spaces. No character whose Unicode lower case is ASCII (such as the Kelvin sign), see the ILIKE note.
 */
const NAME_POOL = [
  'Ann',
  'ann',
  'ANN',
  'Ann Lee',
  ' Ann',
  'Ann ',
  '  padded  ',
  'Émile',
  'émile',
  'ÉMILE',
  'Zoë',
  'zoe',
  'ZOE',
  'Straße',
  'Mañana',
  '日本語',
  '😀 Smile',
  'smile 😀',
  '🎉',
  '50% off',
  '50 percent',
  'a_b',
  'axb',
  'a%b',
  'under_score',
  "O'Brien",
  'back\\slash',
  'x',
  'X',
  'Bob',
  'bob',
  'B',
  'ｚ',
];
const EMAIL_POOL = ['ann@example.com', 'ANN@Example.com', 'bob@test.org', 'émile@exemple.fr', 'x_y@example.com', 'x%y@example.com', 'zoe😀@mail.io'];
const ISSUE_POOL = ['Billing', 'Technical Issue', 'General Inquiry', 'billing', 'Other'];
const STATUS_POOL = ['Open', 'In Progress', 'Resolved', 'open', 'RESOLVED'];
const MESSAGE_POOL = [
  'Charged twice',
  'charged TWICE!',
  'Cannot log in',
  'login fails 😀',
  '100% broken',
  'path_with_underscore',
  'line\nbreak',
  'tab\there',
  'ça marche',
  'Plan B',
  '🎉🎉',
  "it's fine",
];
const RESOLUTION_POOL = ['Refunded', 'refunded', 'Fixed 🎉', 'Reset password', 'wontfix', 'Won’t fix'];
const EXTRA_MESSAGES = ['support', 'sales'];

/** Characters random text is made of: both cases, accents, ß, emoji, CJK, LIKE wildcards, quote and backslash. */
const TEXT_CHARS = ['a', 'A', 'n', 'N', 'e', 'E', 'é', 'É', 'z', 'Z', 'ß', ' ', '%', '_', '\\', "'", '😀', '🎉', '1', '-', 'ｚ', '日'];
/** Operands of the case-insensitive operators: both cases, accented letters included (every letter folds). */
const ASCII_CHARS = ['a', 'A', 'n', 'N', 'e', 'E', 'é', 'É', 'ü', 'Ü', 'z', 'Z', 'b', 'B', ' ', '%', '_', '\\', "'", '1', '-', '@', '.'];

const randomText = fc.string({ unit: fc.constantFrom(...TEXT_CHARS), maxLength: 6 });
const randomAscii = fc.string({ unit: fc.constantFrom(...ASCII_CHARS), maxLength: 5 });

function nullableText(pool: readonly string[], nulls: number): fc.Arbitrary<string | null> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...pool) },
    { weight: 2, arbitrary: randomText },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: nulls, arbitrary: fc.constant(null) },
  );
}

const DATE_MIN = new Date('2024-01-01T00:00:00Z');
const DATE_MAX = new Date('2026-12-31T23:59:59Z');
const datetime = fc.oneof(
  { weight: 4, arbitrary: fc.date({ min: DATE_MIN, max: DATE_MAX, noInvalidDate: true }).map((date) => date.toISOString()) },
  // Shared with hand-written tickets, so equality and range boundaries hit several rows.
  { weight: 1, arbitrary: fc.constantFrom(...HAND_TICKETS.map((row) => row.date_created)) },
);

function generateDataset(): ReferenceData {
  const generatedTicket = fc.record({
    customer_name: nullableText(NAME_POOL, 2),
    customer_email: nullableText(EMAIL_POOL, 1),
    issue_type: nullableText(ISSUE_POOL, 1),
    status: nullableText(STATUS_POOL, 1),
    message: nullableText(MESSAGE_POOL, 1),
    assigned_to: fc.oneof({ weight: 3, arbitrary: fc.constantFrom<string | null>(...AGENT_IDS) }, { weight: 1, arbitrary: fc.constant(null) }),
    resolution: nullableText(RESOLUTION_POOL, 4),
    date_created: datetime,
  });
  const generatedMessage = fc.record({
    ticket: fc.integer({ min: 11, max: 60 }),
    message: nullableText([...MESSAGE_POOL, ...EXTRA_MESSAGES], 1),
    internal: fc.boolean(),
    date_created: datetime,
  });
  const [tickets, messages] = fc.sample(
    fc.tuple(fc.array(generatedTicket, { minLength: 50, maxLength: 50 }), fc.array(generatedMessage, { minLength: 94, maxLength: 94 })),
    { seed: DATASET_SEED, numRuns: 1 },
  )[0] as [Array<Omit<TicketRow, 'id'>>, Array<Omit<MessageRow, 'id'>>];
  return {
    agents: AGENTS,
    support_ticket: [...HAND_TICKETS, ...tickets.map((row, index) => ({ id: index + 11, ...row }))],
    ticket_message: [...HAND_MESSAGES, ...messages.map((row, index) => ({ id: messageId(index + 7), ...row }))],
  };
}

const DATA = generateDataset();
const ALL_TICKET_IDS = DATA.support_ticket.map((row) => row.id);

async function insertDataset(t: TestApp): Promise<void> {
  const db = t.ctx.database.db;
  const now = new Date('2025-01-01T00:00:00Z').toISOString();
  await db
    .insertInto('users')
    .values(
      AGENTS.map((agent, index) => ({
        id: agent.user,
        email: `agent${index + 1}@agents.test`,
        first_name: `Agent ${index + 1}`,
        last_name: null,
        password: null,
        status: 'active' as const,
        role: t.roles.agent,
        token_hash: null,
        email_notifications: true,
        last_access: null,
        date_created: now,
        date_updated: null,
      })),
    )
    .execute();
  await db.insertInto('agents').values(AGENTS).execute();
  await db
    .insertInto('support_ticket')
    .values(DATA.support_ticket.map((row) => ({ ...row, date_updated: null, user_created: null, user_updated: null })))
    .execute();
  await db
    .insertInto('ticket_message')
    .values(DATA.ticket_message.map((row) => ({ ...row, date_updated: null, user_created: null, user_updated: null })))
    .execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Filter generation
// ---------------------------------------------------------------------------------------------------------------

type Rule = Record<string, unknown>;

/** OPERATORS_BY_TYPE of server/src/query/filter.ts for the field types used here (the DESIGN §3 table). */
const EVERY_TYPE: Operator[] = ['_eq', '_neq', '_in', '_nin', '_null', '_nnull', '_empty', '_nempty'];
const ORDERED: Operator[] = ['_lt', '_lte', '_gt', '_gte', '_between', '_nbetween'];
const TEXTUAL: Operator[] = [
  '_contains',
  '_ncontains',
  '_icontains',
  '_nicontains',
  '_starts_with',
  '_nstarts_with',
  '_istarts_with',
  '_ends_with',
  '_nends_with',
  '_iends_with',
];
const CASE_INSENSITIVE: ReadonlySet<Operator> = new Set(['_icontains', '_nicontains', '_istarts_with', '_iends_with']);
const OPERATORS_BY_TYPE: Record<FieldType, Operator[]> = {
  integer: [...EVERY_TYPE, ...ORDERED],
  datetime: [...EVERY_TYPE, ...ORDERED],
  string: [...EVERY_TYPE, ...ORDERED, ...TEXTUAL],
  text: [...EVERY_TYPE, ...ORDERED, ...TEXTUAL],
  uuid: [...EVERY_TYPE, ...ORDERED, ...TEXTUAL],
  boolean: ['_eq', '_neq', '_in', '_nin', '_null', '_nnull'],
};

interface Domain {
  type: FieldType;
  /** Operands of comparisons (_eq, _lt, _in, _between …). */
  value: fc.Arbitrary<unknown>;
  /** Operands of the case-sensitive text operators. */
  text: fc.Arbitrary<string>;
  /** Operands of the case-insensitive text operators: ASCII only. */
  ascii: fc.Arbitrary<string>;
}

const isAscii = (text: string) => /^[\x20-\x7e]*$/.test(text);

function distinct<T>(values: Array<T | null | undefined>): T[] {
  return [...new Set(values.filter((value): value is T => value !== null && value !== undefined))];
}

/** A prefix, suffix or middle part of one of `values` (cut at code points, never inside a surrogate pair). */
function pieceOf(values: string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...values), fc.constantFrom('prefix', 'suffix', 'middle'), fc.nat(), fc.nat()).map(([value, mode, a, b]) => {
    const chars = [...value];
    const start = mode === 'prefix' ? 0 : a % (chars.length + 1);
    const end = mode === 'suffix' ? chars.length : start + (b % (chars.length - start + 1));
    return chars.slice(start, end).join('');
  });
}

const recase = (text: fc.Arbitrary<string>) =>
  fc
    .tuple(text, fc.constantFrom('keep', 'upper', 'lower'))
    .map(([value, mode]) => (mode === 'keep' ? value : value.replace(/[A-Za-z]/g, (char) => (mode === 'upper' ? char.toUpperCase() : char.toLowerCase()))));

function textDomain(type: FieldType, columnValues: Array<string | null>): Domain {
  const values = distinct(columnValues);
  const asciiValues = values.filter(isAscii);
  const text = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, { weight: 4, arbitrary: pieceOf(values) }, { weight: 2, arbitrary: randomText });
  const ascii = fc.oneof(
    { weight: 3, arbitrary: recase(fc.constantFrom(...asciiValues)) },
    { weight: 4, arbitrary: recase(pieceOf(asciiValues)) },
    { weight: 2, arbitrary: randomAscii },
  );
  return { type, value: text, text, ascii };
}

function integerDomain(values: number[]): Domain {
  const value = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...values) },
    { weight: 2, arbitrary: fc.integer({ min: -3, max: 65 }) },
    // Numeric text is a valid integer operand too.
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 61 }).map(String) },
  );
  return { type: 'integer', value, text: fc.constant(''), ascii: fc.constant('') };
}

function datetimeDomain(values: string[]): Domain {
  const existing = fc.constantFrom(...values);
  const value = fc.oneof(
    { weight: 4, arbitrary: existing },
    // The same instants written differently: another offset, epoch milliseconds.
    { weight: 1, arbitrary: existing.map((text) => new Date(Date.parse(text) + 2 * 3_600_000).toISOString().replace('Z', '+02:00')) },
    { weight: 1, arbitrary: existing.map((text) => Date.parse(text)) },
    { weight: 2, arbitrary: fc.date({ min: DATE_MIN, max: DATE_MAX, noInvalidDate: true }).map((date) => date.toISOString()) },
    { weight: 1, arbitrary: fc.date({ min: DATE_MIN, max: DATE_MAX, noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)) },
  );
  return { type: 'datetime', value, text: fc.constant(''), ascii: fc.constant('') };
}

const booleanDomain: Domain = {
  type: 'boolean',
  value: fc.oneof({ weight: 6, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom('true', 'false', 1, 0) }),
  text: fc.constant(''),
  ascii: fc.constant(''),
};

function compareOperands(type: FieldType, a: unknown, b: unknown): number {
  if (type === 'integer') return Number(a) - Number(b);
  if (type === 'datetime') return new Date(a as string).getTime() - new Date(b as string).getTime();
  return compareText(String(a), String(b));
}

function operand(domain: Domain, operator: Operator): fc.Arbitrary<unknown> {
  switch (operator) {
    case '_eq':
    case '_neq':
      return fc.oneof({ weight: 9, arbitrary: domain.value }, { weight: 1, arbitrary: fc.constant(null) });
    case '_in':
    case '_nin':
      return fc.array(domain.value, { maxLength: 4 });
    case '_between':
    case '_nbetween':
      // Mostly ordered (a real range), sometimes reversed (an empty range).
      return fc
        .tuple(domain.value, domain.value, fc.integer({ min: 0, max: 3 }))
        .map(([a, b, order]) => (order > 0 === compareOperands(domain.type, a, b) <= 0 ? [a, b] : [b, a]));
    case '_null':
    case '_nnull':
    case '_empty':
    case '_nempty':
      return fc.oneof({ weight: 4, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom('true', 'false', 1, 0) });
    default:
      if (TEXTUAL.includes(operator)) return CASE_INSENSITIVE.has(operator) ? domain.ascii : domain.text;
      return domain.value;
  }
}

/** A field-level rule: one or two operators on the same field (AND). */
function conditions(domain: Domain): fc.Arbitrary<Rule> {
  return fc
    .uniqueArray(fc.constantFrom(...OPERATORS_BY_TYPE[domain.type]), { minLength: 1, maxLength: 2 })
    .chain((operators) =>
      fc.tuple(...operators.map((operator) => operand(domain, operator))).map((values) => Object.fromEntries(operators.map((op, i) => [op, values[i]]))),
    );
}

function fieldLeaf(domains: Record<string, Domain>): fc.Arbitrary<Rule> {
  return fc.oneof(...Object.entries(domains).map(([name, domain]) => conditions(domain).map((rule) => ({ [name]: rule }))));
}

/** Nested _and / _or (and multi-key objects, which are an implicit AND) over `leaf`, up to `depth` levels. */
function nestedRules(leaf: fc.Arbitrary<Rule>, depth: number): fc.Arbitrary<Rule> {
  let current = leaf;
  for (let level = 1; level <= depth; level++) {
    const sub = current;
    current = fc.oneof(
      { weight: 6, arbitrary: leaf },
      { weight: 2, arbitrary: fc.array(sub, { maxLength: 3 }).map((list) => ({ _and: list })) },
      { weight: 2, arbitrary: fc.array(sub, { maxLength: 3 }).map((list) => ({ _or: list })) },
      { weight: 1, arbitrary: fc.tuple(leaf, leaf).map(([a, b]) => ({ ...b, ...a })) },
      { weight: 1, arbitrary: fc.tuple(leaf, fc.array(sub, { minLength: 1, maxLength: 2 })).map(([a, list]) => ({ ...a, _or: list })) },
    );
  }
  return current;
}

const tickets = DATA.support_ticket;
const ticketDomains: Record<string, Domain> = {
  id: integerDomain(ALL_TICKET_IDS),
  customer_name: textDomain(
    'string',
    tickets.map((row) => row.customer_name),
  ),
  customer_email: textDomain(
    'string',
    tickets.map((row) => row.customer_email),
  ),
  issue_type: textDomain(
    'string',
    tickets.map((row) => row.issue_type),
  ),
  status: textDomain(
    'string',
    tickets.map((row) => row.status),
  ),
  message: textDomain(
    'text',
    tickets.map((row) => row.message),
  ),
  resolution: textDomain(
    'text',
    tickets.map((row) => row.resolution),
  ),
  assigned_to: textDomain('uuid', [...AGENT_IDS]),
  date_created: datetimeDomain(tickets.map((row) => row.date_created)),
};
const agentDomains: Record<string, Domain> = {
  id: textDomain('uuid', [...AGENT_IDS]),
  team: textDomain('string', [...AGENTS.map((agent) => agent.team), 'SALES']),
  available: booleanDomain,
};
const messageDomains: Record<string, Domain> = {
  message: textDomain(
    'text',
    DATA.ticket_message.map((row) => row.message),
  ),
  internal: booleanDomain,
  date_created: datetimeDomain(DATA.ticket_message.map((row) => row.date_created)),
};

/** `assigned_to: {team: …, available: …}` (many-to-one), optionally with operators on the key itself. */
const assignedToLeaf: fc.Arbitrary<Rule> = fc
  .tuple(
    fc
      .uniqueArray(fc.constantFrom(...Object.keys(agentDomains)), { minLength: 1, maxLength: 2 })
      .chain((names) =>
        fc.tuple(...names.map((name) => conditions(agentDomains[name] as Domain))).map((rules) => Object.fromEntries(names.map((name, i) => [name, rules[i]]))),
      ),
    fc.option(conditions(ticketDomains.assigned_to as Domain), { freq: 4 }),
  )
  .map(([nested, own]) => ({ assigned_to: { ...(own ?? {}), ...nested } }));

/** Rules over ticket_message, including a many-to-one hop back to the ticket. */
const messageRule = nestedRules(
  fc.oneof(
    { weight: 6, arbitrary: fieldLeaf(messageDomains) },
    { weight: 1, arbitrary: conditions(ticketDomains.status as Domain).map((rule) => ({ ticket: { status: rule } })) },
  ),
  1,
);

/** `messages` (one-to-many): _some, _none, a bare rule (= _some), or "any message" / "no message". */
const messagesLeaf: fc.Arbitrary<Rule> = fc
  .oneof(
    { weight: 3, arbitrary: messageRule.map((rule) => ({ _some: rule })) },
    { weight: 3, arbitrary: messageRule.map((rule) => ({ _none: rule })) },
    { weight: 2, arbitrary: messageRule },
    { weight: 1, arbitrary: fc.constantFrom({ _some: {} }, { _none: {} }) },
  )
  .map((rule) => ({ messages: rule }));

const ticketRule = nestedRules(
  fc.oneof({ weight: 10, arbitrary: fieldLeaf(ticketDomains) }, { weight: 2, arbitrary: assignedToLeaf }, { weight: 2, arbitrary: messagesLeaf }),
  3,
);

// ---------------------------------------------------------------------------------------------------------------
// Running filters
// ---------------------------------------------------------------------------------------------------------------

interface Outcome {
  status: number;
  ids: number[] | null;
  body: string;
}

async function runFilter(t: TestApp, rule: unknown): Promise<Outcome> {
  const url = `/items/support_ticket?fields=id&limit=-1&sort=id&filter=${encodeURIComponent(JSON.stringify(rule))}`;
  const response = await t.inject({ method: 'GET', url, token: t.adminToken });
  if (response.statusCode !== 200) return { status: response.statusCode, ids: null, body: response.body };
  const ids = (response.json().data as Array<{ id: number }>).map((item) => item.id);
  return { status: 200, ids, body: '' };
}

/**
 * The same rule compiled for a statement keyed by primary keys (CompileContext.correlate: many-to-one filters as
 * correlated EXISTS), run straight against the database; null when the API refuses the rule.
 */
async function runCorrelated(t: TestApp, dialect: DialectName, rule: unknown): Promise<number[] | null> {
  const schema = t.ctx.schema.current();
  const collection = schema.collection('support_ticket');
  if (!collection) throw new Error('support_ticket is missing from the schema');
  let node: ReturnType<typeof normalizeFilter>;
  try {
    node = normalizeFilter(rule, collection, { schema });
  } catch {
    return null;
  }
  const condition = compileFilter(node, 't0', {
    dialect,
    dynamic: { user: null, role: null, now: new Date() },
    nextAlias: createAliasSequence(),
    correlate: true,
  });
  const statement = fragment`select ${fragment.ref('t0.id')} as ${fragment.id('id')} from ${fragment.table('support_ticket')} as ${fragment.id('t0')} where ${condition} order by ${fragment.ref('t0.id')}`;
  const rows = await runFragment<{ id: number }>(t.ctx.database.db, statement, dialect);
  return rows.map((row) => Number(row.id));
}

/** Every outcome per database, keyed by filter JSON, for the SQLite-vs-PostgreSQL comparison at the end. */
const outcomes: Partial<Record<DialectName, Map<string, Outcome>>> = {};

function record(dialect: DialectName, rule: unknown, outcome: Outcome): void {
  const map = outcomes[dialect] ?? new Map<string, Outcome>();
  outcomes[dialect] = map;
  map.set(JSON.stringify(rule), outcome);
}

const rowsById = new Map(DATA.support_ticket.map((row) => [row.id, row]));

/** A failure message with the filter, both id lists, their difference and the rows involved. */
function describeMismatch(dialect: DialectName, rule: unknown, expected: number[], outcome: Outcome): string {
  if (outcome.ids === null) return `filter ${JSON.stringify(rule)}\n${dialect} answered ${outcome.status}: ${outcome.body}\nreference: [${expected}]`;
  const actual = outcome.ids;
  const missing = expected.filter((id) => !actual.includes(id));
  const extra = actual.filter((id) => !expected.includes(id));
  const involved = [...missing, ...extra].slice(0, 6).map((id) => {
    const row = rowsById.get(id);
    const messages = DATA.ticket_message.filter((message) => message.ticket === id);
    return `  ${JSON.stringify(row)} messages=${JSON.stringify(messages.map(({ message, internal }) => ({ message, internal })))}`;
  });
  return [
    `filter: ${JSON.stringify(rule)}`,
    `reference (${expected.length}): [${expected}]`,
    `${dialect} (${actual.length}): [${actual}]`,
    `missing from ${dialect}: [${missing}]`,
    `unexpected in ${dialect}: [${extra}]`,
    'rows involved:',
    ...involved,
  ].join('\n');
}

async function checkAgainstReference(t: TestApp, dialect: DialectName, rule: unknown): Promise<{ expected: number[]; outcome: Outcome; ok: boolean }> {
  const expected = referenceIds(DATA, 'support_ticket', rule) as number[];
  const outcome = await runFilter(t, rule);
  record(dialect, rule, outcome);
  return { expected, outcome, ok: sameIds(outcome.ids, expected) };
}

const OPERATOR_NAMES: ReadonlySet<string> = new Set<string>(OPERATORS);

/**
 * Smaller variants of a rule, for reporting a failure: one key of a multi-key object, one child of a single-key
 * `_and` / `_or` (in its place), the list without one child, or any of these applied one level down. Operands
 * (the values of _eq, _in, …) are left alone. Variants the reference refuses are filtered out by the caller.
 */
function smallerRules(node: unknown): unknown[] {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return [];
  const object = node as Rule;
  const keys = Object.keys(object);
  const variants: unknown[] = [];
  if (keys.length > 1) for (const key of keys) variants.push({ [key]: object[key] });
  for (const key of keys) {
    const value = object[key];
    if (key === '_and' || key === '_or') {
      const list = value as unknown[];
      if (keys.length === 1) variants.push(...list);
      list.forEach((_, i) => {
        variants.push({ ...object, [key]: list.filter((_child, j) => j !== i) });
      });
      list.forEach((child, i) => {
        for (const smaller of smallerRules(child)) variants.push({ ...object, [key]: list.map((other, j) => (j === i ? smaller : other)) });
      });
    } else if (!OPERATOR_NAMES.has(key)) {
      for (const smaller of smallerRules(value)) variants.push({ ...object, [key]: smaller });
    }
  }
  return variants;
}

/**
 * Greedily shrinks a failing rule while it keeps failing the same way (same non-200 status, or a 200 with ids that
 * differ from the reference's). fast-check shrinks too, but cannot unwrap nested `_and` / `_or` levels.
 */
async function minimize(t: TestApp, rule: unknown, failure: Outcome): Promise<unknown> {
  let current = rule;
  for (let budget = 300; budget > 0; ) {
    let progressed = false;
    for (const candidate of smallerRules(current)) {
      let expected: number[];
      try {
        expected = referenceIds(DATA, 'support_ticket', candidate) as number[];
      } catch {
        continue;
      }
      budget -= 1;
      const outcome = await runFilter(t, candidate);
      const fails = failure.status === 200 ? outcome.status === 200 && !sameIds(outcome.ids, expected) : outcome.status === failure.status;
      if (fails) {
        current = candidate;
        progressed = true;
        break;
      }
      if (budget <= 0) break;
    }
    if (!progressed) break;
  }
  return current;
}

function sameIds(actual: number[] | null, expected: number[]): boolean {
  return actual !== null && actual.length === expected.length && actual.every((id, i) => id === expected[i]);
}

/** The operators and relational forms a rule uses, to check that the generator covers all of them. */
function featuresOf(node: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const child of node) featuresOf(child, into);
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return into;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'assigned_to' && typeof value === 'object' && value !== null && Object.keys(value).some((k) => !k.startsWith('_'))) into.add('m2o');
    if (key === 'messages') into.add(`o2m${Object.keys(value as Rule).find((k) => k === '_some' || k === '_none') ?? ' bare'}`);
    if (key.startsWith('_')) into.add(key);
    if (!OPERATOR_NAMES.has(key)) featuresOf(value, into);
  }
  return into;
}

/** Restricts a rule to the hand-written tickets 1–10. */
const handOnly = (rule: Rule): Rule => ({ _and: [{ customer_email: { _ends_with: FIXED } }, rule] });

/** One readable case per operator (and per logical / relational form), over tickets 1–10 only. */
const HAND_CASES: Array<[string, Rule, number[]]> = [
  ['_eq', { status: { _eq: 'Open' } }, [1, 5, 7, 10]],
  ['_eq null = IS NULL', { status: { _eq: null } }, [3]],
  ['_neq never matches NULL', { status: { _neq: 'Open' } }, [2, 4, 6, 8, 9]],
  ['_neq null = IS NOT NULL', { customer_name: { _neq: null } }, [1, 2, 4, 5, 6, 7, 8, 9, 10]],
  ['_lt compares text by code point', { customer_name: { _lt: 'a' } }, [1, 4, 6, 7, 8]],
  ['_gt: emoji sort after fullwidth letters', { customer_name: { _gt: 'ｚ' } }, [9, 10]],
  ['_lte on integers', { id: { _lte: 2 } }, [1, 2]],
  ['_gt on datetimes', { date_created: { _gt: '2025-06-01T00:00:00Z' } }, [7, 8, 9, 10]],
  ['_gte compares instants, not text', { date_created: { _gte: '2025-04-01T14:30:00+02:00' } }, [4, 5, 6, 7, 8, 9, 10]],
  ['_in', { issue_type: { _in: ['Billing', 'General Inquiry'] } }, [1, 3, 4, 5, 7, 8]],
  ['_in [] matches nothing', { status: { _in: [] } }, []],
  ['_nin never matches NULL', { status: { _nin: ['Open', 'Resolved'] } }, [4, 9]],
  ['_nin [] matches everything', { status: { _nin: [] } }, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
  ['_null true', { resolution: { _null: true } }, [1, 4, 7, 9]],
  ['_null false', { resolution: { _null: false } }, [2, 3, 5, 6, 8, 10]],
  ['_nnull', { assigned_to: { _nnull: true } }, [1, 2, 4, 5, 7, 8, 10]],
  ['_contains is case-sensitive', { message: { _contains: 'an' } }, [2, 6, 9]],
  ['_ncontains', { message: { _ncontains: 'an' } }, [1, 3, 4, 5, 7, 8, 10]],
  ['_icontains', { message: { _icontains: 'AN' } }, [2, 6, 7, 9]],
  ['_icontains treats % literally', { message: { _icontains: '%' } }, [3, 6]],
  ['_icontains treats _ literally', { message: { _icontains: '_' } }, [4, 6]],
  ['_nicontains never matches NULL', { customer_name: { _nicontains: 'ann' } }, [4, 5, 6, 7, 8, 9, 10]],
  ['_starts_with', { customer_name: { _starts_with: 'A' } }, [1]],
  ['_nstarts_with', { customer_name: { _nstarts_with: 'A' } }, [2, 4, 5, 6, 7, 8, 9, 10]],
  ['_istarts_with', { customer_name: { _istarts_with: 'a' } }, [1, 2]],
  ['_starts_with "" matches every non-NULL value', { customer_name: { _starts_with: '' } }, [1, 2, 4, 5, 6, 7, 8, 9, 10]],
  ['_nstarts_with "" matches nothing', { customer_name: { _nstarts_with: '' } }, []],
  ['_ends_with', { resolution: { _ends_with: 'ed' } }, [6, 8]],
  ['_ends_with an emoji', { customer_name: { _ends_with: '😀' } }, [8]],
  ['_nends_with', { resolution: { _nends_with: 'ed' } }, [2, 3, 5, 10]],
  ['_iends_with', { customer_email: { _iends_with: 'FIXED.TEST' } }, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
  ['_between (inclusive)', { date_created: { _between: ['2025-02-01T00:00:00Z', '2025-04-01'] } }, [2, 3]],
  ['_nbetween', { id: { _nbetween: [2, 8] } }, [1, 9, 10]],
  ['_empty on text = NULL or ""', { resolution: { _empty: true } }, [1, 3, 4, 7, 9]],
  ['_empty false', { resolution: { _empty: false } }, [2, 5, 6, 8, 10]],
  ['_nempty', { customer_name: { _nempty: true } }, [1, 2, 5, 6, 7, 8, 9, 10]],
  ['_empty on a datetime = NULL', { date_created: { _empty: true } }, []],
  ['two operators on one field = AND', { customer_name: { _icontains: 'n', _nstarts_with: 'A' } }, [2, 7, 10]],
  ['_or', { _or: [{ status: { _eq: 'Resolved' } }, { assigned_to: { _null: true } }] }, [2, 3, 6, 8, 9]],
  ['_and [] matches everything', { _and: [] }, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
  ['_or [] matches nothing', { _or: [] }, []],
  ['many-to-one', { assigned_to: { team: { _eq: 'support' } } }, [1, 4]],
  ['many-to-one boolean', { assigned_to: { available: { _eq: false } } }, [2, 8, 10]],
  ['many-to-one needs a referenced row', { assigned_to: { team: { _null: true } } }, [5]],
  ['one-to-many _some', { messages: { _some: { internal: { _eq: true } } } }, [1, 4]],
  ['one-to-many _none', { messages: { _none: { internal: { _eq: true } } } }, [2, 3, 5, 6, 7, 8, 9, 10]],
  ['one-to-many _some {} = has any', { messages: { _some: {} } }, [1, 2, 4, 5, 7]],
  ['one-to-many bare rule = _some', { messages: { message: { _null: true } } }, [5]],
  ['a quote in a value', { customer_name: { _eq: "O'Brien" } }, [7]],
];

/**
 * Operands this test first found failing (500 on PostgreSQL, or wrong rows on SQLite): integers outside 32 bits
 * (PostgreSQL integer columns are int4), datetimes outside years 1–9999 (toISOString writes "+010000-…", which
 * neither database reads back as a date) and NUL characters (PostgreSQL text cannot hold them). The compiler now
 * refuses them up front with 400 INVALID_QUERY on both databases.
 */
const REFUSED_OPERANDS: Array<[string, Rule]> = [
  ['integer beyond 32 bits (_lt 2^53-1)', { id: { _lt: Number.MAX_SAFE_INTEGER } }],
  ['integer beyond 32 bits (_eq 2^31)', { id: { _eq: 2 ** 31 } }],
  ['integer beyond 32 bits in a list', { id: { _in: [1, 3_000_000_000] } }],
  ['datetime after year 9999', { date_created: { _lt: '+010000-01-01T00:00:00.000Z' } }],
  ['datetime before year 0', { date_created: { _gt: '-000001-01-01T00:00:00.000Z' } }],
  ['latest JavaScript date as epoch milliseconds', { date_created: { _lte: 8_640_000_000_000_000 } }],
  ['NUL character (_eq)', { customer_name: { _eq: 'a\u0000b' } }],
  ['NUL character (_ncontains)', { message: { _ncontains: '\u0000' } }],
];

/** Operands that used to differ between the databases and now agree with the reference. */
const EDGE_CASES: Array<[string, Rule]> = [
  ['case-insensitive operand with a non-ASCII letter (É/é)', { customer_name: { _icontains: 'émile' } }],
  ['case-insensitive start with a non-ASCII letter', { customer_name: { _istarts_with: 'ÉMI' } }],
  ['null entries inside _in are dropped', { customer_name: { _in: [null, 'Ann'] } }],
];

/** Values that would change the statement if they were spliced into the SQL instead of bound. */
const INJECTIONS = ["x' OR 1=1 --", "' OR '1'='1", "%' OR 1=1 --", "'); DROP TABLE support_ticket; --", '" OR ""="'];

// ---------------------------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------------------------

for (const dialect of testDatabases()) {
  describe(`filter compiler differential (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(dialect, { env: { QUERY_LIMIT_MAX: '100000' } });
      await insertDataset(t);
    });
    afterAll(() => t?.close());

    it('holds the dataset', async () => {
      const outcome = await runFilter(t, {});
      expect(outcome.ids).toEqual(ALL_TICKET_IDS);
    });

    it.each(HAND_CASES)('%s', async (_name, rule, expectedIds) => {
      const restricted = handOnly(rule);
      expect(referenceIds(DATA, 'support_ticket', restricted), 'reference evaluator').toEqual(expectedIds);
      const { outcome } = await checkAgainstReference(t, dialect, restricted);
      expect(outcome.ids, outcome.body).toEqual(expectedIds);
    });

    it(`random filters select the same rows as the reference (${NUM_RUNS} runs)`, async () => {
      const shapes = { none: 0, all: 0, some: 0 };
      const features = new Set<string>();
      await fc.assert(
        fc.asyncProperty(ticketRule, async (rule) => {
          const { expected, outcome, ok } = await checkAgainstReference(t, dialect, rule);
          if (!ok) {
            const smallest = await minimize(t, rule, outcome);
            const again = await runFilter(t, smallest);
            const expectedSmallest = referenceIds(DATA, 'support_ticket', smallest) as number[];
            throw new Error(
              `${describeMismatch(dialect, rule, expected, outcome)}\n\nsmallest failing variant found:\n${describeMismatch(dialect, smallest, expectedSmallest, again)}`,
            );
          }
          if (outcome.status === 200) {
            const correlated = await runCorrelated(t, dialect, rule);
            expect(correlated, `correlated (keyed) form of ${JSON.stringify(rule)}`).toEqual(outcome.ids);
          }
          shapes[expected.length === 0 ? 'none' : expected.length === ALL_TICKET_IDS.length ? 'all' : 'some'] += 1;
          featuresOf(rule, features);
        }),
        { seed: PROPERTY_SEED, numRuns: NUM_RUNS },
      );
      // The generator must be worth something: most filters select some rows but not all of them, and every
      // operator and relational form shows up.
      expect(shapes.some, JSON.stringify(shapes)).toBeGreaterThan(NUM_RUNS * 0.4);
      const missing = [...OPERATORS, '_and', '_or', 'm2o', 'o2m_some', 'o2m_none', 'o2m bare'].filter((feature) => !features.has(feature));
      expect(missing, 'never generated').toEqual([]);
    });

    // Operands outside the generator's domain. Each of these failed when this test was written (see the comments):
    // they are kept as plain tests so the failures stay visible until the compiler is fixed.
    it.each(REFUSED_OPERANDS)('refuses with 400 INVALID_QUERY: %s', async (_name, rule) => {
      const response = await t.inject({
        method: 'GET',
        url: `/items/support_ticket?fields=id&filter=${encodeURIComponent(JSON.stringify(rule))}`,
        token: t.adminToken,
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().errors[0].extensions.code).toBe('INVALID_QUERY');
    });

    it.each(EDGE_CASES)('edge operand: %s', async (_name, rule) => {
      const expected = referenceIds(DATA, 'support_ticket', rule) as number[];
      const outcome = await runFilter(t, rule);
      expect(sameIds(outcome.ids, expected), describeMismatch(dialect, rule, expected, outcome)).toBe(true);
    });

    it('binds filter values as parameters (SQL injection attempts match literally)', async () => {
      for (const value of INJECTIONS) {
        for (const operator of ['_eq', '_neq', '_contains', '_icontains', '_starts_with', '_iends_with', '_lt', '_in']) {
          const rule = { customer_name: { [operator]: operator === '_in' ? [value] : value } };
          const { expected, outcome, ok } = await checkAgainstReference(t, dialect, rule);
          expect(ok, describeMismatch(dialect, rule, expected, outcome)).toBe(true);
        }
      }
      // Straight from the compiler: the value travels as a parameter and never appears in the SQL text.
      const schema = t.ctx.schema.current();
      const collection = schema.collection('support_ticket');
      if (!collection) throw new Error('support_ticket is missing from the schema');
      for (const value of INJECTIONS) {
        const node = normalizeFilter({ _or: [{ customer_name: { _eq: value } }, { message: { _icontains: value } }] }, collection, { schema });
        const condition = compileFilter(node, 't0', {
          dialect,
          dynamic: { user: null, role: null, now: new Date() },
          nextAlias: createAliasSequence(),
        });
        const query = compileFragment(
          fragment`select ${fragment.ref('t0.id')} from ${fragment.table('support_ticket')} as ${fragment.id('t0')} where ${condition}`,
          dialect,
        );
        expect(query.sql).not.toContain(value);
        expect(query.sql).not.toContain('OR 1=1');
        expect(query.parameters).toContain(value);
      }
    });
  });
}

describe('filter compiler: SQLite and PostgreSQL agree', () => {
  it.runIf(testDatabases().length === 2)('every filter run on both databases selected the same ids', () => {
    const [first, second] = testDatabases() as [DialectName, DialectName];
    const a = outcomes[first] ?? new Map<string, Outcome>();
    const b = outcomes[second] ?? new Map<string, Outcome>();
    const shared = [...a.keys()].filter((key) => b.has(key));
    // fast-check sometimes generates the same filter twice, hence less than NUM_RUNS distinct ones.
    expect(shared.length).toBeGreaterThan(NUM_RUNS / 2);
    const disagreements = shared
      .filter((key) => JSON.stringify(a.get(key)) !== JSON.stringify(b.get(key)))
      .map((key) => `filter ${key}\n  ${first}: ${JSON.stringify(a.get(key))}\n  ${second}: ${JSON.stringify(b.get(key))}`);
    expect(disagreements, disagreements.join('\n')).toEqual([]);
  });
});
