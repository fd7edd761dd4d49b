import { parseArgs } from 'node:util';

/** What one `npm run bench` invocation does; parsed from argv (`npm run bench -- --db … --tickets …`). */
export interface BenchOptions {
  /** 'sqlite' or a postgres:// URL (a fresh schema is created in that database and dropped at the end). */
  db: string;
  tickets: number;
  customers: number;
  agents: number;
  messages: number;
  /** Seconds of measurement per scenario (after `warmup` seconds that are not counted). */
  duration: number;
  warmup: number;
  connections: number;
  /** Scenario ids to run (a–j); null runs all. */
  scenarios: Set<string> | null;
  /** Tickets created through the API for the sustained-delivery measurement of (j). */
  deliveries: number;
  /** Tickets created one by one at a modest rate for the commit-to-webhook latency of (j). */
  latencySamples: number;
  smoke: boolean;
}

export const USAGE = `Usage: npm run bench -- [options]

  --db sqlite|<postgres url>   database to run on (default sqlite; a PostgreSQL URL gets a fresh schema, dropped after)
  --tickets N                  dataset size (default 100000; customers N/50, agents N/5000, messages 2N unless given)
  --customers C --agents A --messages M
  --duration S                 seconds per scenario (default 10), after --warmup S (default 2)
  --connections N              concurrent connections (default 16)
  --scenarios a,c,d            only these scenarios (a–i load scenarios, j flow deliveries)
  --deliveries N               tickets created for the deliveries-per-second figure (default 5000)
  --smoke                      tiny dataset, 1 s per scenario; fails unless every scenario answered only 2xx
`;

export const SCENARIO_IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];

export function parseOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string', default: 'sqlite' },
      tickets: { type: 'string' },
      customers: { type: 'string' },
      agents: { type: 'string' },
      messages: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      scenarios: { type: 'string' },
      deliveries: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const smoke = values.smoke === true;
  const tickets = count('tickets', values.tickets, smoke ? 300 : 100_000, 1);
  const db = values.db ?? 'sqlite';
  if (db !== 'sqlite' && !/^postgres(ql)?:\/\//.test(db)) throw new Error(`--db must be "sqlite" or a postgres:// URL, not ${JSON.stringify(db)}`);
  const scenarios = values.scenarios === undefined ? null : new Set(values.scenarios.split(',').map((id) => id.trim().toLowerCase()));
  for (const id of scenarios ?? []) if (!SCENARIO_IDS.includes(id)) throw new Error(`--scenarios: unknown scenario "${id}" (known: ${SCENARIO_IDS.join(',')})`);
  return {
    db,
    tickets,
    // The reference dataset: 100,000 tickets, 2,000 customers, 20 agents, 200,000 messages.
    customers: count('customers', values.customers, Math.max(10, Math.round(tickets / 50)), 1),
    agents: count('agents', values.agents, Math.max(2, Math.round(tickets / 5000)), 1),
    messages: count('messages', values.messages, tickets * 2, 0),
    duration: count('duration', values.duration, smoke ? 1 : 10, 1),
    warmup: count('warmup', values.warmup, smoke ? 0 : 2, 0),
    connections: count('connections', values.connections, 16, 1),
    scenarios,
    deliveries: count('deliveries', values.deliveries, smoke ? 200 : 5000, 1),
    latencySamples: smoke ? 20 : 200,
    smoke,
  };
}

function count(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) throw new Error(`--${name} must be a whole number ≥ ${min}, not ${JSON.stringify(value)}`);
  return number;
}
