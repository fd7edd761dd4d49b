import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_TEST_ENV } from '../support/flow-env.js';
import { createHelpdesk, type Helpdesk, postMessage, submitTicket } from '../support/helpdesk.js';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp-peer.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { testDatabases } from '../support/test-database.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

async function waitUntil<T>(read: () => Promise<T>, done: (value: NoInfer<T>) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

for (const dialect of testDatabases()) {
  describe(`flows (${dialect})`, () => {
    let t: TestApp;
    let h: Helpdesk;
    let receiver: WebhookReceiver;
    let smtp: SmtpPeer;
    beforeAll(async () => {
      receiver = await startWebhookReceiver();
      smtp = await startSmtpPeer();
      t = await createTestApp(dialect, { worker: true, env: { ...FLOW_TEST_ENV, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) } });
      h = await createHelpdesk(t);
    });
    afterAll(async () => {
      await t?.close();
      await receiver?.close();
      await smtp?.close();
    });
    afterEach(async () => {
      receiver.respond(() => ({ status: 200, body: '{"ok":true}' }));
      // Each test sets up the flows it needs.
      const flows = (await t.inject({ method: 'GET', url: '/flows?fields=id,name&limit=-1', token: t.adminToken })).json().data;
      for (const flow of flows) if (flow.name.startsWith('test:')) await t.inject({ method: 'DELETE', url: `/flows/${flow.id}`, token: t.adminToken });
    });

    const createFlow = async (body: Record<string, unknown>) => {
      const response = await t.inject({ method: 'POST', url: '/flows', token: t.adminToken, payload: body });
      expect(response.statusCode, response.body).toBe(200);
      return response.json().data as { id: string; operation: string; operations: string[] };
    };
    const webhookFlow = (name: string, url: string, extra: Record<string, unknown> = {}) =>
      createFlow({
        name: `test:${name}`,
        trigger: 'event',
        options: { type: 'action', scope: ['items.create', 'items.update'], collections: ['support_ticket', 'ticket_message'] },
        operations: [{ key: 'webhook', type: 'request', options: { method: 'POST', url, headers: [], body: '{{$trigger}}' } }],
        ...extra,
      });

    it('ships the built-in notification flows, the tutorial webhook inactive', async () => {
      const flows = (
        await t.inject({ method: 'GET', url: '/flows?fields=name,status,trigger,options,operations.type,operations.options', token: t.adminToken })
      ).json().data;
      const tutorial = flows.find((flow: { name: string }) => flow.name === 'Ticket notifications');
      expect(tutorial).toMatchObject({
        status: 'inactive',
        trigger: 'event',
        options: { type: 'action', scope: ['items.create', 'items.update'], collections: ['support_ticket', 'ticket_message'] },
        operations: [{ type: 'request', options: { method: 'POST', body: '{{$trigger}}' } }],
      });
      expect(flows.filter((flow: { name: string; status: string }) => flow.name.startsWith('Email') && flow.status === 'active')).toHaveLength(4);
    });

    it('the tutorial flow POSTs once per ticket create, ticket update and message create, with the item, within a second', async () => {
      const start = receiver.requests.length;
      await webhookFlow('tutorial', `${receiver.url}/hook`);
      const created = Date.now();
      const ticket = await submitTicket(t, h.customerA, { message: 'App crashes on start.' });
      await t.inject({ method: 'PATCH', url: `/items/support_ticket/${ticket}`, token: t.adminToken, payload: { status: 'In Progress' } });
      await postMessage(t, h.customerA.token, ticket, 'Any update?');
      const requests = (await receiver.waitFor(start + 3)).slice(start);
      expect(Date.now() - created).toBeLessThan(1000 + 200);
      const bodies = requests.map((request) => request.json() as Record<string, unknown>).sort((a, b) => String(a.event).localeCompare(String(b.event)));
      expect(bodies).toEqual([
        {
          event: 'support_ticket.items.create',
          collection: 'support_ticket',
          key: ticket,
          payload: expect.objectContaining({ message: 'App crashes on start.', issue_type: 'Billing' }),
        },
        { event: 'support_ticket.items.update', collection: 'support_ticket', keys: [ticket], payload: { status: 'In Progress' } },
        {
          event: 'ticket_message.items.create',
          collection: 'ticket_message',
          key: expect.any(String),
          payload: { ticket, message: 'Any update?', internal: false },
        },
      ]);
      for (const request of requests) {
        expect(request.headers['content-type']).toBe('application/json');
        expect(request.headers['webhook-id']).toMatch(/^msg_/);
        expect(Number(request.headers['webhook-timestamp'])).toBeGreaterThan(0);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receiver.requests.length - start).toBe(3);
    });

    it('saves a run’s progress after each operation with effects, so a crash later in the chain does not send it again', async () => {
      const start = receiver.requests.length;
      receiver.respond((request) => (request.path === '/second' ? 'hang' : { status: 200 }));
      const flow = await createFlow({
        name: 'test:progress',
        trigger: 'event',
        options: { type: 'action', scope: ['items.create'], collections: ['support_ticket'] },
        operations: [
          { key: 'first', type: 'request', options: { method: 'POST', url: `${receiver.url}/first`, body: '{}' }, resolve: 'shape' },
          { key: 'shape', type: 'transform', options: { json: { ok: true } }, resolve: 'second' },
          { key: 'second', type: 'request', options: { method: 'POST', url: `${receiver.url}/second`, body: '{}' } },
        ],
      });
      await submitTicket(t, h.customerA);
      const requests = (await receiver.waitFor(start + 2)).slice(start);
      expect(requests.map((request) => request.path)).toEqual(['/first', '/second']);
      // While the second request hangs, the stored run already resumes after the first (at the transform, which has no
      // effects and is simply run again): a worker taking the run over after a crash would not POST /first again.
      const db = t.ctx.database.db;
      const operations = await db.selectFrom('operations').select(['id', 'key']).where('flow', '=', flow.id).execute();
      const idOf = (key: string) => operations.find((operation) => operation.key === key)?.id;
      const [first, shape, second] = [idOf('first'), idOf('shape'), idOf('second')] as [string, string, string];
      // The run that is sending /second (an event of an earlier test may start another run of this flow).
      const sending = await db.selectFrom('deliveries').select('run').where('operation', '=', second).executeTakeFirstOrThrow();
      const run = await db.selectFrom('flow_runs').select(['current_operation', 'status']).where('id', '=', sending.run).executeTakeFirstOrThrow();
      expect(run.current_operation).not.toBe(first);
      expect(run).toEqual({ current_operation: shape, status: 'running' });
    });

    it('retries 500, 500, 500 then 200: one delivery, four attempts logged, the same webhook-id', async () => {
      const start = receiver.requests.length;
      receiver.respond((_request, index) => (index - start < 3 ? { status: 500, body: 'boom' } : { status: 200 }));
      const flow = await webhookFlow('retry', `${receiver.url}/flaky`);
      await submitTicket(t, h.customerA);
      const requests = (await receiver.waitFor(start + 4)).slice(start);
      expect(new Set(requests.map((request) => request.headers['webhook-id'])).size).toBe(1);
      const delivery = await waitUntil(
        async () =>
          (await t.inject({ method: 'GET', url: `/deliveries?filter[flow][_eq]=${flow.id}&fields=*,attempt_log.*`, token: t.adminToken })).json().data,
        (list: Array<{ state: string }>) => list.length === 1 && list[0]?.state === 'delivered',
      );
      expect(delivery[0]).toMatchObject({ id: requests[0]?.headers['webhook-id'], kind: 'request', attempts: 4, last_status: 200 });
      expect(delivery[0].attempt_log.map((attempt: { attempt: number; status: number }) => [attempt.attempt, attempt.status])).toEqual([
        [1, 500],
        [2, 500],
        [3, 500],
        [4, 200],
      ]);
      expect(delivery[0].attempt_log[0].response_excerpt).toBe('boom');
    });

    it('delivers after the receiver was down for a while', async () => {
      await webhookFlow('outage', `${receiver.url}/later`);
      const start = receiver.requests.length;
      await receiver.down();
      await submitTicket(t, h.customerB);
      const flowRuns = async () =>
        (await t.inject({ method: 'GET', url: '/flow-runs?filter[status][_eq]=retrying&fields=id,last_error', token: t.adminToken })).json().data;
      const retrying = await waitUntil(flowRuns, (list: unknown[]) => list.length > 0);
      expect(retrying[0].last_error).toMatch(/ECONNREFUSED|refused/i);
      await receiver.up();
      await receiver.waitFor(start + 1);
      expect(receiver.requests[start]?.json()).toMatchObject({ event: 'support_ticket.items.create' });
    });

    it('fails a 4xx at once, and gives up as dead after the attempt limit; a dead delivery can be replayed', async () => {
      const flow = await webhookFlow('dead', `${receiver.url}/dead`);
      const start = receiver.requests.length;
      receiver.respond(() => ({ status: 503, headers: { 'retry-after': '0' } }));
      await submitTicket(t, h.customerB);
      await receiver.waitFor(start + 5);
      const dead = await waitUntil(
        async () => (await t.inject({ method: 'GET', url: `/deliveries?filter[flow][_eq]=${flow.id}`, token: t.adminToken })).json().data,
        (list: Array<{ state: string }>) => list[0]?.state === 'dead',
      );
      expect(dead[0].attempts).toBe(5);
      receiver.respond(() => ({ status: 200 }));
      const replay = await t.inject({ method: 'POST', url: `/deliveries/${dead[0].id}/replay`, token: t.adminToken });
      expect(replay.statusCode).toBe(202);
      await receiver.waitFor(start + 6);
      expect(receiver.requests[start + 5]?.headers['webhook-id']).toBe(dead[0].id);
      await waitUntil(
        async () => (await t.inject({ method: 'GET', url: `/deliveries/${dead[0].id}`, token: t.adminToken })).json().data,
        (delivery: { state: string }) => delivery.state === 'delivered',
      );

      const gone = await webhookFlow('gone', `${receiver.url}/gone`);
      receiver.respond(() => ({ status: 410 }));
      const before = receiver.requests.length;
      await submitTicket(t, h.customerB);
      const failed = await waitUntil(
        async () => (await t.inject({ method: 'GET', url: `/deliveries?filter[flow][_eq]=${gone.id}`, token: t.adminToken })).json().data,
        (list: Array<{ state: string }>) => list[0]?.state === 'failed',
      );
      expect(failed[0]).toMatchObject({ attempts: 1, last_status: 410 });
      expect(receiver.requests.slice(before).filter((request) => request.path === '/gone')).toHaveLength(1);
      expect((await t.inject({ method: 'POST', url: `/deliveries/${dead[0].id}/replay`, token: h.customerA.token })).statusCode).toBe(403);
    });

    it('signs requests so a receiver verifies them with the standardwebhooks package', async () => {
      const secret = `whsec_${Buffer.from('a-very-secret-signing-key-32byte').toString('base64')}`;
      await webhookFlow('signed', `${receiver.url}/signed`, { signing_secret: secret });
      const start = receiver.requests.length;
      await submitTicket(t, h.customerA, { message: 'sign me' });
      const [request] = (await receiver.waitFor(start + 1)).slice(start);
      if (!request) throw new Error('no request');
      const verifier = new Webhook(secret);
      const headers = {
        'webhook-id': String(request.headers['webhook-id']),
        'webhook-timestamp': String(request.headers['webhook-timestamp']),
        'webhook-signature': String(request.headers['webhook-signature']),
      };
      expect(verifier.verify(request.body, headers)).toMatchObject({ event: 'support_ticket.items.create' });
      expect(() => verifier.verify(request.body.replace('sign me', 'tampered'), headers)).toThrow();
    });

    it('refuses to call denied addresses (cloud metadata), without retrying', async () => {
      const flow = await webhookFlow('metadata', 'http://169.254.169.254/latest/meta-data/');
      await submitTicket(t, h.customerA);
      const delivery = await waitUntil(
        async () =>
          (await t.inject({ method: 'GET', url: `/deliveries?filter[flow][_eq]=${flow.id}&fields=*,attempt_log.error`, token: t.adminToken })).json().data,
        (list: Array<{ state: string }>) => list[0]?.state === 'failed',
      );
      expect(delivery[0].attempts).toBe(1);
      expect(delivery[0].attempt_log[0].error).toMatch(/deny list/);
    });

    it('a filter flow rejects tickets containing a word: 400 with its message, nothing stored, no event', async () => {
      await createFlow({
        name: 'test:no-refunds',
        trigger: 'event',
        options: { type: 'filter', scope: ['items.create'], collections: ['support_ticket'] },
        operations: [
          {
            key: 'check',
            type: 'condition',
            options: { filter: { $trigger: { payload: { message: { _ncontains: 'lottery' } } } }, message: 'Tickets about lotteries are not accepted.' },
          },
        ],
      });
      const count = async () => (await t.inject({ method: 'GET', url: '/items/support_ticket?aggregate[count]=*', token: t.adminToken })).json().data[0].count;
      const events = async () =>
        Number(
          (
            await t.ctx.database.db
              .selectFrom('event_outbox')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const [ticketsBefore, eventsBefore] = [await count(), await events()];
      const refused = await t.inject({
        method: 'POST',
        url: '/items/support_ticket',
        token: h.customerA.token,
        payload: { customer_email: 'a@example.com', issue_type: 'Billing', message: 'I won the lottery!' },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors[0].message).toBe('Tickets about lotteries are not accepted.');
      expect([await count(), await events()]).toEqual([ticketsBefore, eventsBefore]);
      const accepted = await submitTicket(t, h.customerA, { message: 'A normal question' });
      expect(accepted).toBeGreaterThan(0);
    });

    it('a filter flow can change the payload', async () => {
      await createFlow({
        name: 'test:tag',
        trigger: 'event',
        options: { type: 'filter', scope: ['items.create'], collections: ['support_ticket'] },
        operations: [
          {
            key: 'shape',
            type: 'transform',
            options: {
              json: { customer_email: '{{$trigger.payload.customer_email}}', issue_type: 'General Inquiry', message: '[web] {{$trigger.payload.message}}' },
            },
          },
        ],
      });
      const response = await t.inject({
        method: 'POST',
        url: '/items/support_ticket',
        token: t.adminToken,
        payload: { customer_email: 'b@example.com', issue_type: 'Billing', message: 'hello' },
      });
      expect(response.json().data).toMatchObject({ issue_type: 'General Inquiry', message: '[web] hello' });
    });

    it('mails the customer on an agent reply and a status change, the agent on assignment and customer replies; never for internal notes', async () => {
      smtp.mails.splice(0);
      const ticket = await submitTicket(t, h.customerA, { customer_name: 'Zoë', customer_email: h.customerA.email, message: 'Überweisung fehlt 💸' });
      await t.inject({ method: 'PATCH', url: `/items/support_ticket/${ticket}`, token: t.adminToken, payload: { assigned_to: h.agentX.agentId } });
      const assigned = await smtp.waitForMail(h.agentX.email);
      expect(assigned.parsed.subject).toBe(`Ticket #${ticket} was assigned to you`);
      expect(assigned.parsed.text).toContain('Überweisung fehlt 💸');

      await postMessage(t, h.agentX.token, ticket, 'internal-only: customer is VIP', true);
      await postMessage(t, h.agentX.token, ticket, 'We will refund <b>today</b> — “promised” ✅');
      const reply = await smtp.waitForMail(h.customerA.email);
      expect(reply.parsed.subject).toBe(`New reply on your ticket #${ticket}`);
      expect(reply.parsed.text).toContain('We will refund <b>today</b> — “promised” ✅');
      expect(reply.parsed.html).toContain('We will refund &lt;b&gt;today&lt;/b&gt; — “promised” ✅');
      expect(reply.parsed.html).toContain('Hello Zoë');

      await postMessage(t, h.customerA.token, ticket, 'Thank you!');
      await waitUntil(
        async () => smtp.mails.filter((mail) => mail.to.includes(h.agentX.email)).length,
        (n) => n === 2,
      );
      const customerReplied = smtp.mails.filter((mail) => mail.to.includes(h.agentX.email)).at(-1);
      expect(customerReplied?.parsed.subject).toBe(`Zoë replied on ticket #${ticket}`);
      expect(customerReplied?.raw).toMatch(/^Subject: =\?UTF-8\?/m);

      await t.inject({
        method: 'PATCH',
        url: `/items/support_ticket/${ticket}`,
        token: h.agentX.token,
        payload: { status: 'Resolved', resolution: 'Refunded – sorry!' },
      });
      const resolved = await waitUntil(
        async () => smtp.mails.find((mail) => mail.to.includes(h.customerA.email) && mail.parsed.subject?.includes('is now Resolved')),
        (mail) => mail !== undefined,
      );
      expect(resolved?.parsed.text).toContain('Refunded – sorry!');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const toCustomer = smtp.mails.filter((mail) => mail.to.includes(h.customerA.email));
      expect(toCustomer.map((mail) => mail.parsed.text ?? '').join('\n')).not.toContain('internal-only');
      expect(toCustomer).toHaveLength(2);
    });

    it('sends no customer mail for a note that is internal by the field default (events carry the stored values)', async () => {
      const setDefault = (value: boolean) =>
        t.inject({ method: 'PATCH', url: '/fields/ticket_message/internal', token: t.adminToken, payload: { schema: { default_value: value } } });
      const ticket = await submitTicket(t, h.customerA, { message: 'default-internal check' });
      await t.inject({ method: 'PATCH', url: `/items/support_ticket/${ticket}`, token: t.adminToken, payload: { assigned_to: h.agentX.agentId } });
      expect((await setDefault(true)).statusCode).toBe(200);
      try {
        smtp.mails.splice(0);
        const receiverStart = receiver.requests.length;
        await webhookFlow('payload', `${receiver.url}/payload`);
        await postMessage(t, h.agentX.token, ticket, 'NOTE-BY-DEFAULT: do not mail');
        const [event] = (await receiver.waitFor(receiverStart + 1)).slice(receiverStart);
        if (!event) throw new Error('the webhook of the note did not arrive');
        expect((event.json() as { payload: { internal: boolean } }).payload.internal).toBe(true);
        // The built-in reply flow has run by the time the webhook of the same event arrived, give or take.
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(smtp.mails.filter((mail) => (mail.parsed.text ?? '').includes('NOTE-BY-DEFAULT'))).toEqual([]);
      } finally {
        await setDefault(false);
      }
    });

    it('keeps a run log with each step’s input and output', async () => {
      const flow = await webhookFlow('logged', `${receiver.url}/logged`);
      const ticket = await submitTicket(t, h.customerB, { message: 'log me' });
      const run = await waitUntil(
        async () =>
          (await t.inject({ method: 'GET', url: `/flow-runs?filter[flow][_eq]=${flow.id}&fields=status,steps,trigger`, token: t.adminToken })).json().data,
        (list: Array<{ status: string }>) => list[0]?.status === 'succeeded',
      );
      expect(run[0].trigger).toMatchObject({ key: ticket });
      expect(run[0].steps[0]).toMatchObject({
        key: 'webhook',
        status: 'resolved',
        input: { url: `${receiver.url}/logged`, body: expect.objectContaining({ key: ticket }) },
        output: { status: 200 },
      });
    });

    it('manual and webhook triggers, schedules and test runs', async () => {
      const hook = await createFlow({
        name: 'test:inbound',
        trigger: 'webhook',
        options: { method: 'POST' },
        operations: [{ key: 'echo', type: 'transform', options: { json: { got: '{{$trigger.body.value}}' } } }],
      });
      const inbound = await t.inject({ method: 'POST', url: `/flows/trigger/${hook.id}`, payload: { value: 42 } });
      expect(inbound.json()).toEqual({ data: { got: 42 } });
      expect((await t.inject({ method: 'GET', url: `/flows/trigger/${hook.id}` })).statusCode).toBe(403);

      const manual = await createFlow({
        name: 'test:manual',
        trigger: 'manual',
        options: { collections: ['support_ticket'] },
        operations: [
          { key: 'read', type: 'item-read', options: { collection: 'support_ticket', key: '{{$trigger.keys.0}}', query: { fields: ['id', 'status'] } } },
        ],
      });
      const ticket = await submitTicket(t, h.customerA);
      const mine = await t.inject({
        method: 'POST',
        url: `/flows/trigger/${manual.id}`,
        token: h.customerA.token,
        payload: { collection: 'support_ticket', keys: [ticket] },
      });
      expect(mine.json()).toEqual({ data: { id: ticket, status: 'Open' } });
      // The item read runs with the trigger's permissions: another customer's ticket stays hidden.
      const theirs = await t.inject({
        method: 'POST',
        url: `/flows/trigger/${manual.id}`,
        token: h.customerB.token,
        payload: { collection: 'support_ticket', keys: [ticket] },
      });
      expect(theirs.json().data).toMatchObject({ code: 'FORBIDDEN' });
      expect((await t.inject({ method: 'POST', url: `/flows/trigger/${manual.id}`, payload: {} })).statusCode).toBe(401);

      const scheduled = await createFlow({
        name: 'test:every-second',
        trigger: 'schedule',
        options: { cron: '* * * * * *' },
        operations: [{ key: 'note', type: 'log', options: { message: 'tick at {{$trigger.timestamp}}' } }],
      });
      await waitUntil(
        async () =>
          (await t.inject({ method: 'GET', url: `/flow-runs?filter[flow][_eq]=${scheduled.id}&filter[status][_eq]=succeeded`, token: t.adminToken })).json()
            .data,
        (list: unknown[]) => list.length >= 1,
        5000,
      );
      expect(
        (
          await t.inject({
            method: 'POST',
            url: '/flows',
            token: t.adminToken,
            payload: { name: 'test:bad-cron', trigger: 'schedule', options: { cron: 'every day' } },
          })
        ).statusCode,
      ).toBe(400);

      const test = await t.inject({ method: 'POST', url: `/flows/${hook.id}/test`, token: t.adminToken, payload: { trigger: { body: { value: 7 } } } });
      expect(test.json().data).toMatchObject({ outcome: 'succeeded', steps: [{ key: 'echo', status: 'resolved', output: { got: 7 } }] });
    });

    it('validates flows and keeps them admin-only', async () => {
      const bad = [
        { name: 'test:x', trigger: 'event', options: { scope: ['items.explode'], collections: ['support_ticket'] } },
        { name: 'test:x', trigger: 'event', options: { scope: ['items.create'], collections: ['users'] } },
        { name: 'test:x', trigger: 'manual', operations: [{ key: 'a', type: 'shell', options: {} }] },
        { name: 'test:x', trigger: 'manual', operations: [{ key: 'a', type: 'request', options: {} }] },
        { name: 'test:x', trigger: 'manual', signing_secret: 'not-a-secret' },
      ];
      for (const body of bad)
        expect((await t.inject({ method: 'POST', url: '/flows', token: t.adminToken, payload: body })).statusCode, JSON.stringify(body)).toBe(400);
      const flow = await createFlow({ name: 'test:keys', trigger: 'manual', operations: [{ key: 'first', type: 'log', options: { message: 'hi' } }] });
      const duplicate = await t.inject({
        method: 'POST',
        url: '/operations',
        token: t.adminToken,
        payload: { flow: flow.id, key: 'first', type: 'log', options: {} },
      });
      expect(duplicate.statusCode).toBe(400);
      expect(duplicate.json().errors[0]).toMatchObject({
        message: 'Another operation of this flow already has the key "first".',
        extensions: { code: 'RECORD_NOT_UNIQUE', field: 'key' },
      });
      expect((await t.inject({ method: 'GET', url: '/flows', token: h.agentX.token })).statusCode).toBe(403);
      expect((await t.inject({ method: 'POST', url: '/flows', token: h.agentX.token, payload: { name: 'x', trigger: 'manual' } })).statusCode).toBe(403);
      expect((await t.inject({ method: 'GET', url: '/deliveries', token: h.customerA.token })).statusCode).toBe(403);
    });
  });
}
