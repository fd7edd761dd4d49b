import type { Api } from './api.js';
import type { LoadRequest } from './load.js';
import type { SeedResult } from './parley.js';

/**
 * The load scenarios of issue #6 §2 (a–i). Each builds one request cycle per person: tokens come from
 * /auth/login once per scenario (several customers and agents, spread over the connections), ids from the API.
 */
export interface Scenario {
  id: string;
  title: string;
  /** Who does what, for the report. */
  request: string;
  build(context: ScenarioContext): Promise<LoadRequest[][]>;
}

export interface ScenarioContext {
  api: Api;
  seed: SeedResult;
}

export const CUSTOMER_LIST_PATH = '/items/support_ticket?limit=25&sort=-date_created';
const AGENT_QUEUE_PATH = '/items/support_ticket?filter[status][_eq]=Open&sort=-date_created&limit=25&meta=filter_count';
const ADMIN_RELATIONS_PATH = '/items/support_ticket?fields=*,assigned_to.user.email&filter[issue_type][_eq]=Billing&limit=50';
const ADMIN_AGGREGATE_PATH = '/items/support_ticket?aggregate[count]=*&groupBy=status';

const get = (path: string, token: string): LoadRequest => ({ method: 'GET', path, headers: { authorization: `Bearer ${token}` } });
const send = (method: 'POST' | 'PATCH', path: string, body: unknown, token?: string): LoadRequest => ({
  method,
  path,
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});

export const SCENARIOS: Scenario[] = [
  {
    id: 'a',
    title: 'customer lists own tickets',
    request: `GET ${CUSTOMER_LIST_PATH}`,
    async build({ api, seed }) {
      return (await api.loginAll(seed.customers_login)).map((token) => [get(CUSTOMER_LIST_PATH, token)]);
    },
  },
  {
    id: 'b',
    title: 'customer creates a ticket',
    request: 'POST /items/support_ticket {customer_name, customer_email, issue_type, message}',
    async build({ api, seed }) {
      const tokens = await api.loginAll(seed.customers_login);
      return tokens.map((token, index) => {
        const email = seed.customers_login[index]?.email ?? 'customer@bench.parley';
        const ticket = {
          customer_name: email.split('@')[0],
          customer_email: email,
          issue_type: 'Technical Issue',
          message: 'The invoice page stays blank after I sign in, on both my laptop and my phone. What can I try?',
        };
        return [send('POST', '/items/support_ticket', ticket, token)];
      });
    },
  },
  {
    id: 'c',
    title: "agent's Open queue",
    request: `GET ${AGENT_QUEUE_PATH}`,
    async build({ api, seed }) {
      return (await api.loginAll(seed.agents_login)).map((token) => [get(AGENT_QUEUE_PATH, token)]);
    },
  },
  {
    id: 'd',
    title: 'customer reads a thread',
    request: 'GET /items/ticket_message?filter[ticket][_eq]=<own ticket>&sort=date_created',
    async build({ api, seed }) {
      const cycles: LoadRequest[][] = [];
      for (const token of await api.loginAll(seed.customers_login)) {
        // The customer's own messages are on the customer's own tickets: one of those has a thread.
        const [message] = await api.data<Array<{ ticket: number }>>('GET', '/items/ticket_message?fields=ticket&limit=1', { token });
        if (message) cycles.push([get(`/items/ticket_message?filter[ticket][_eq]=${message.ticket}&sort=date_created`, token)]);
      }
      if (cycles.length === 0) throw new Error('(d): none of the seeded customers with a login has a ticket with messages');
      return cycles;
    },
  },
  {
    id: 'e',
    title: 'login (argon2id)',
    request: 'POST /auth/login {email, password}, rotating over the seeded accounts',
    async build({ seed }) {
      const accounts = [...seed.customers_login, ...seed.agents_login];
      // Every connection walks all accounts, each starting at a different one.
      return accounts.map((_, start) =>
        accounts.map((_, step) => {
          const account = accounts[(start + step) % accounts.length];
          return send('POST', '/auth/login', { email: account.email, password: account.password });
        }),
      );
    },
  },
  {
    id: 'f',
    title: 'admin list with relations',
    request: `GET ${ADMIN_RELATIONS_PATH}`,
    async build({ api, seed }) {
      return [[get(ADMIN_RELATIONS_PATH, await api.login(seed.admin))]];
    },
  },
  {
    id: 'g',
    title: 'admin search',
    request: 'GET /items/support_ticket?search=<word>&limit=25',
    async build({ api, seed }) {
      return [[get(`/items/support_ticket?search=${encodeURIComponent(seed.search_word)}&limit=25`, await api.login(seed.admin))]];
    },
  },
  {
    id: 'h',
    title: 'admin dashboard aggregate',
    request: `GET ${ADMIN_AGGREGATE_PATH}`,
    async build({ api, seed }) {
      return [[get(ADMIN_AGGREGATE_PATH, await api.login(seed.admin))]];
    },
  },
  {
    id: 'i',
    title: 'agent replies + status update',
    request: 'POST /items/ticket_message {ticket, message} then PATCH /items/support_ticket/<id> {status}, own tickets',
    async build({ api, seed }) {
      const cycles: LoadRequest[][] = [];
      for (const token of await api.loginAll(seed.agents_login)) {
        const tickets = await api.data<Array<{ id: number }>>(
          'GET',
          '/items/support_ticket?fields=id&filter[status][_neq]=Resolved&sort=-date_created&limit=10',
          {
            token,
          },
        );
        if (tickets.length === 0) continue;
        // Each ticket twice per cycle, In Progress then back to Open, so every update really changes the status.
        const cycle: LoadRequest[] = [];
        for (const status of ['In Progress', 'Open'])
          for (const { id } of tickets) {
            cycle.push(send('POST', '/items/ticket_message', { ticket: id, message: `Thanks for the details, I am looking into it (${status}).` }, token));
            cycle.push(send('PATCH', `/items/support_ticket/${id}`, { status }, token));
          }
        cycles.push(cycle);
      }
      if (cycles.length === 0) throw new Error('(i): none of the seeded agents with a login has an unresolved ticket');
      return cycles;
    },
  },
];
