import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_TEST_ENV } from '../support/flow-env.js';
import { freePort, type ParleyProcess, runParley } from '../support/spawn-parley.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, TEST_SECRET, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase, testDatabases } from '../support/test-database.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * Delivery that survives crashes, with the real `parley` processes: a server killed with SIGKILL in the middle of a
 * delivery delivers after it restarts, and two `parley worker` processes share one PostgreSQL outbox without ever
 * delivering an event twice.
 */
async function api(url: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

async function login(url: string): Promise<string> {
  const response = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  return ((await response.json()) as { data: { access_token: string } }).data.access_token;
}

async function waitUntil(done: () => boolean, failure: string, timeoutMs = 15_000): Promise<void> {
  for (const started = Date.now(); !done(); await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() - started > timeoutMs) throw new Error(failure);
  }
}

const tutorialFlow = (url: string) => ({
  name: 'Ticket notifications (test)',
  trigger: 'event',
  options: { type: 'action', scope: ['items.create', 'items.update'], collections: ['support_ticket'] },
  operations: [{ key: 'webhook', type: 'request', options: { method: 'POST', url, body: '{{$trigger}}' } }],
});

for (const dialect of testDatabases()) {
  describe(`delivery survives a crash (${dialect})`, () => {
    let database: TestDatabase;
    let receiver: WebhookReceiver;
    const processes: ParleyProcess[] = [];
    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      receiver = await startWebhookReceiver();
    });
    afterAll(async () => {
      for (const process of processes) await process.stop('SIGKILL');
      await receiver?.close();
      await database?.drop();
    });

    /** `parley start`'s environment on this test's database (SQLite files under `dataDir`). */
    const serverEnv = async (dataDir: string, settings: Record<string, string>) => ({
      ...FLOW_TEST_ENV,
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      AUTH_SECRET: TEST_SECRET,
      ...settings,
      ...(dialect === 'postgres' ? { DATABASE_URL: database.url } : {}),
    });

    it('a server killed with SIGKILL mid-delivery delivers the event after it restarts', async () => {
      const env = await serverEnv(database.dataDir, { FLOW_REQUEST_TIMEOUT: '1s', WORKER_LEASE: '2s' });
      const first = runParley(['start'], env);
      processes.push(first);
      await first.waitHealthy();
      const token = await login(first.url);
      expect((await api(first.url, token, 'POST', '/flows', tutorialFlow(`${receiver.url}/crash`))).status).toBe(200);

      // The receiver takes the first request and never answers: the server is killed while it waits.
      receiver.respond((_request, index) => (index === 0 ? 'hang' : { status: 200 }));
      const created = await api(first.url, token, 'POST', '/items/support_ticket', {
        customer_email: 'crash@example.com',
        issue_type: 'Billing',
        message: 'Survive this',
      });
      expect(created.status).toBe(200);
      await receiver.waitFor(1);
      await first.stop('SIGKILL');

      const second = runParley(['start'], env);
      processes.push(second);
      await second.waitHealthy();
      const [hung, delivered] = await receiver.waitFor(2, 15_000);
      expect(delivered?.json()).toMatchObject({ event: 'support_ticket.items.create', key: created.json.data.id, payload: { message: 'Survive this' } });
      expect(delivered?.headers['webhook-id']).toBe(hung?.headers['webhook-id']);
      const secondToken = await login(second.url);
      const deliveries = await api(second.url, secondToken, 'GET', '/deliveries?fields=state,attempts');
      expect(deliveries.json.data).toEqual([{ state: 'delivered', attempts: 2 }]);
      await second.stop();
    });

    it("parley start's worker thread ends when idle and starts again for the next event", async () => {
      const server = runParley(['start'], await serverEnv(`${database.dataDir}/idle`, { WORKER_IDLE_EXIT: '1s' }));
      processes.push(server);
      await server.waitHealthy();
      const token = await login(server.url);
      const threads = () => fs.readdirSync(`/proc/${server.child.pid}/task`).length;
      receiver.respond(() => ({ status: 200 }));
      // On PostgreSQL the database (and the crash test's flow) is shared: count only this flow's deliveries.
      const delivered = async (count: number) => {
        const mine = () => receiver.requests.filter((request) => request.path === '/idle');
        await waitUntil(() => mine().length >= count, 'the idle flow did not deliver');
        return mine();
      };
      expect((await api(server.url, token, 'POST', '/flows', tutorialFlow(`${receiver.url}/idle`))).status).toBe(200);
      const ticket = { customer_email: 'idle@example.com', issue_type: 'Billing', message: 'Wake up' };
      expect((await api(server.url, token, 'POST', '/items/support_ticket', ticket)).status).toBe(200);
      await delivered(1);
      const working = threads();
      await waitUntil(() => threads() < working, `the thread count stayed ${working}`);
      expect((await api(server.url, token, 'POST', '/items/support_ticket', { ...ticket, message: 'Wake up again' })).status).toBe(200);
      const requests = await delivered(2);
      expect(requests[1]?.json()).toMatchObject({ event: 'support_ticket.items.create', payload: { message: 'Wake up again' } });
      await server.stop();
    });
  });
}

describe.runIf(testDatabases().includes('postgres'))('two parley worker processes share one PostgreSQL outbox', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  const workers: ParleyProcess[] = [];
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await createTestApp('postgres', { env: FLOW_TEST_ENV });
  });
  afterAll(async () => {
    for (const worker of workers) await worker.stop('SIGKILL');
    await t?.close();
    await receiver?.close();
  });

  it('delivers each of 2,000 events exactly once, with both workers taking part', async () => {
    const flow = await t.inject({ method: 'POST', url: '/flows', token: t.adminToken, payload: tutorialFlow(`${receiver.url}/shared`) });
    expect(flow.statusCode, flow.body).toBe(200);
    const env = { ...FLOW_TEST_ENV, DATABASE_URL: t.database.url, DATA_DIR: t.database.dataDir, AUTH_SECRET: TEST_SECRET, WORKER_CONCURRENCY: '16' };
    workers.push(runParley(['worker'], env), runParley(['worker'], env));

    for (let batch = 0; batch < 10; batch++) {
      const tickets = Array.from({ length: 200 }, (_, index) => ({
        customer_email: `bulk${batch}-${index}@example.com`,
        issue_type: 'Billing',
        message: `bulk ${batch}/${index}`,
      }));
      const response = await t.inject({ method: 'POST', url: '/items/support_ticket?fields=id', token: t.adminToken, payload: tickets });
      expect(response.statusCode).toBe(200);
    }
    await receiver.waitFor(2000, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ids = receiver.requests.map((request) => request.headers['webhook-id']);
    const keys = receiver.requests.map((request) => (request.json() as { key: number }).key);
    expect(receiver.requests).toHaveLength(2000);
    expect(new Set(ids).size).toBe(2000);
    expect(new Set(keys).size).toBe(2000);
    const owners = await t.ctx.database.db.selectFrom('flow_runs').select('lease_owner').where('status', '=', 'succeeded').groupBy('lease_owner').execute();
    expect(owners.length).toBe(2);
  });
});
