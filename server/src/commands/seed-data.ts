import { randomUUID } from 'node:crypto';

/**
 * Realistic, reproducible helpdesk data for benchmarks: customers and agents, tickets spread over two years (older
 * ones mostly resolved), issue types and statuses in plausible proportions, a thread of messages per ticket with
 * agent notes among them, and a custom "priority" dropdown. Pure generation; seed.ts writes it in bulk.
 */
export interface SeedSize {
  tickets: number;
  customers: number;
  agents: number;
  messages: number;
}

export const SEARCH_WORD = 'zebrafish';
const FIRST = [
  'Ann',
  'Bob',
  'Chloé',
  'Dmitri',
  'Emma',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kofi',
  'Lena',
  'Mateo',
  'Nora',
  'Olu',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tala',
  'Uma',
  'Viktor',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zoë',
];
const LAST = [
  'Smith',
  'García',
  'Müller',
  'Rossi',
  'Nakamura',
  'Okafor',
  'Dubois',
  'Kowalski',
  'Jensen',
  'Silva',
  'Novak',
  'Haddad',
  'Kim',
  'Olsen',
  'Ivanova',
];
const SUBJECTS: Record<string, string[]> = {
  Billing: [
    'I was charged twice this month',
    'My invoice shows the wrong VAT number',
    'Please refund my last payment',
    'The card update page fails',
    'Why did my plan price change?',
  ],
  'Technical Issue': [
    'The app crashes on start',
    'I cannot log in since the update',
    'Export to CSV produces an empty file',
    'Sync stops after a few minutes',
    'The dashboard loads forever',
  ],
  'General Inquiry': [
    'Do you offer a discount for non-profits?',
    'What are your opening hours?',
    'Can I add more seats to my account?',
    'Where is my data stored?',
    'How do I change my email address?',
  ],
};
const DETAILS = [
  'It started yesterday and happens every time.',
  'I already tried restarting and clearing the cache.',
  'This is urgent for our team, please help.',
  'Screenshots are available on request.',
  'We use the Pro plan with 12 users.',
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit.',
];
const REPLIES = [
  'Thanks for reaching out, I am looking into this now.',
  'Could you tell me which version you are using?',
  'I have escalated this to our engineering team.',
  'This should be fixed now, could you try again?',
  'Thank you, that worked!',
  'Still happening on my side, unfortunately.',
];
const NOTES = ['Known issue, see incident 4711.', 'Customer is on a legacy plan.', 'Refund approved by finance.', 'Needs a follow-up next week.'];
const RESOLUTIONS = [
  'Refunded the duplicate charge.',
  'Fixed in release 2.1.1; the customer updated.',
  'Explained the pricing change.',
  'Reset the password and verified login.',
];
const STATUS_WEIGHTS: Array<[string, number]> = [
  ['Resolved', 0.55],
  ['In Progress', 0.15],
  ['Open', 0.3],
];
const ISSUE_WEIGHTS: Array<[string, number]> = [
  ['Technical Issue', 0.4],
  ['Billing', 0.35],
  ['General Inquiry', 0.25],
];
const PRIORITIES: Array<[string, number]> = [
  ['low', 0.3],
  ['normal', 0.55],
  ['high', 0.15],
];

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same dataset. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

function weighted(random: () => number, weights: Array<[string, number]>): string {
  let roll = random();
  for (const [value, weight] of weights) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return (weights[weights.length - 1] as [string, number])[0];
}

export interface SeedPerson {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
}

export function people(kind: 'customer' | 'agent', count: number, random: () => number): SeedPerson[] {
  return Array.from({ length: count }, (_, index) => ({
    id: randomUUID(),
    email: `${kind}${index + 1}@bench.parley`,
    firstName: pick(random, FIRST),
    lastName: pick(random, LAST),
  }));
}

export interface TicketRowData {
  id: number;
  customer_name: string;
  customer_email: string;
  issue_type: string;
  status: string;
  message: string;
  assigned_to: string | null;
  resolution: string | null;
  date_created: string;
  date_updated: string | null;
  user_created: string;
  user_updated: string | null;
  priority: string;
}

export interface MessageRowData {
  id: string;
  ticket: number;
  message: string;
  internal: boolean;
  date_created: string;
  user_created: string;
}

const TWO_YEARS_MS = 2 * 365 * 24 * 3600 * 1000;

/**
 * Generates tickets (with their messages) in id order, oldest first, lazily, so the writer can stream them into the
 * database in batches without holding millions of rows in memory.
 */
export function* generateTickets(
  size: SeedSize,
  customers: SeedPerson[],
  agents: Array<{ agentId: string; person: SeedPerson }>,
  now: Date,
  random: () => number,
): Generator<[TicketRowData, MessageRowData[]]> {
  const start = now.getTime() - TWO_YEARS_MS;
  const perTicket = size.messages / Math.max(1, size.tickets);
  let messagesLeft = size.messages;
  for (let index = 0; index < size.tickets; index++) {
    const id = index + 1;
    const customer = customers[index % customers.length] as SeedPerson;
    const created = start + (index / size.tickets) * TWO_YEARS_MS + Math.floor(random() * 60_000);
    const age = 1 - index / size.tickets;
    // Old tickets are mostly resolved; the newest are mostly open.
    const status =
      age > 0.1
        ? weighted(random, STATUS_WEIGHTS)
        : weighted(random, [
            ['Open', 0.6],
            ['In Progress', 0.3],
            ['Resolved', 0.1],
          ]);
    const assigned = status !== 'Open' || random() < 0.7 ? pick(random, agents) : undefined;
    const issueType = weighted(random, ISSUE_WEIGHTS);
    const mentionsSearchWord = random() < 0.01;
    const message = `${pick(random, SUBJECTS[issueType] as string[])}. ${pick(random, DETAILS)}${mentionsSearchWord ? ` Our ${SEARCH_WORD} tank monitor is affected.` : ''}`;
    const updated = status === 'Open' && !assigned ? null : created + Math.floor(random() * 72 * 3600_000);
    const ticket: TicketRowData = {
      id,
      customer_name: `${customer.firstName} ${customer.lastName}`,
      customer_email: customer.email,
      issue_type: issueType,
      status,
      message,
      assigned_to: assigned?.agentId ?? null,
      resolution: status === 'Resolved' ? pick(random, RESOLUTIONS) : null,
      date_created: new Date(created).toISOString(),
      date_updated: updated === null ? null : new Date(Math.min(updated, now.getTime())).toISOString(),
      user_created: customer.id,
      user_updated: assigned ? assigned.person.id : null,
      priority: weighted(random, PRIORITIES),
    };
    const ticketsLeft = size.tickets - index;
    const base = Math.floor(perTicket);
    let count = Math.min(messagesLeft, base + (random() < perTicket - base ? 1 : 0));
    if (ticketsLeft === 1) count = messagesLeft;
    messagesLeft -= count;
    const messages: MessageRowData[] = [];
    for (let m = 0; m < count; m++) {
      const byAgent = assigned !== undefined && m % 2 === 0;
      const internal = byAgent && random() < 0.15;
      messages.push({
        id: randomUUID(),
        ticket: id,
        message: internal ? pick(random, NOTES) : pick(random, REPLIES),
        internal,
        date_created: new Date(created + (m + 1) * 600_000 + Math.floor(random() * 300_000)).toISOString(),
        user_created: byAgent && assigned ? assigned.person.id : customer.id,
      });
    }
    yield [ticket, messages];
  }
}
