import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithRole } from '../support/factories.js';
import { createHelpdesk, type Helpdesk, postMessage, submitTicket } from '../support/helpdesk.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { testDatabases } from '../support/test-database.js';

/**
 * The permission matrix of issue #3: two customers, two agents and an admin, every read path and the writes each
 * role may or may not do, with the exact rows and fields each sees.
 */
type Who = 'A' | 'B' | 'X' | 'Y' | 'admin';

for (const dialect of testDatabases()) {
  describe(`permission matrix (${dialect})`, () => {
    let t: TestApp;
    let h: Helpdesk;
    const tickets = { A1: 0, A2: 0, B1: 0, B2: 0 };
    const messages: Record<string, string> = {};
    const token = (who: Who) => (who === 'admin' ? t.adminToken : { A: h.customerA, B: h.customerB, X: h.agentX, Y: h.agentY }[who].token);
    const get = (who: Who, url: string) => t.inject({ method: 'GET', url, token: token(who) });
    const ids = async (who: Who, url: string) => ((await get(who, url)).json().data as Array<{ id: unknown }>).map((item) => item.id);

    beforeAll(async () => {
      t = await createTestApp(dialect);
      h = await createHelpdesk(t);
      tickets.A1 = await submitTicket(t, h.customerA, { message: 'A1 printer broken' }, h.agentX);
      tickets.A2 = await submitTicket(t, h.customerA, { message: 'A2 unassigned' });
      tickets.B1 = await submitTicket(t, h.customerB, { message: 'B1 secret-bravo invoice' }, h.agentY);
      tickets.B2 = await submitTicket(t, h.customerB, { message: 'B2 handled by X' }, h.agentX);
      const post = async (key: string, who: Who, ticket: number, text: string, internal?: boolean) => {
        const response = await postMessage(t, token(who), ticket, text, internal);
        if (response.statusCode !== 200) throw new Error(`${key}: ${response.body}`);
        messages[key] = response.json().data.id;
      };
      await post('xPublicA1', 'X', tickets.A1, 'We are on it');
      await post('xNoteA1', 'X', tickets.A1, 'internal-kilo: customer seems upset', true);
      await post('aReplyA1', 'A', tickets.A1, 'Thanks!');
      await post('yPublicB1', 'Y', tickets.B1, 'Refund sent');
      await post('yNoteB1', 'Y', tickets.B1, 'internal-lima note', true);
      await post('xPublicB2', 'X', tickets.B2, 'Looking into B2');
    });
    afterAll(() => t?.close());

    it('lists exactly the tickets each role may see', async () => {
      const expected: Record<Who, number[]> = {
        A: [tickets.A1, tickets.A2],
        B: [tickets.B1, tickets.B2],
        X: [tickets.A1, tickets.B2],
        Y: [tickets.B1],
        admin: [tickets.A1, tickets.A2, tickets.B1, tickets.B2],
      };
      for (const who of Object.keys(expected) as Who[]) {
        expect(await ids(who, '/items/support_ticket?fields=id&sort=id'), who).toEqual(expected[who]);
      }
    });

    it('reads single tickets: a hidden one answers exactly like one that does not exist', async () => {
      const missing = await get('A', '/items/support_ticket/999999');
      const visible: Record<Who, Array<keyof typeof tickets>> = {
        A: ['A1', 'A2'],
        B: ['B1', 'B2'],
        X: ['A1', 'B2'],
        Y: ['B1'],
        admin: ['A1', 'A2', 'B1', 'B2'],
      };
      for (const who of Object.keys(visible) as Who[]) {
        for (const key of Object.keys(tickets) as Array<keyof typeof tickets>) {
          const response = await get(who, `/items/support_ticket/${tickets[key]}`);
          if (visible[who].includes(key)) expect(response.statusCode, `${who} ${key}`).toBe(200);
          else {
            expect(response.statusCode, `${who} ${key}`).toBe(403);
            expect(response.body).toBe(missing.body);
          }
        }
      }
    });

    /** The messages (keys of `messages`) each person may read: customers never see internal notes. */
    const messagesVisible = (): Record<Who, string[]> => ({
      A: ['xPublicA1', 'aReplyA1'],
      B: ['yPublicB1', 'xPublicB2'],
      X: ['xPublicA1', 'xNoteA1', 'aReplyA1', 'xPublicB2'],
      Y: ['yPublicB1', 'yNoteB1'],
      admin: Object.keys(messages),
    });

    it('lists exactly the messages each role may see: customers never see internal notes', async () => {
      const visible = messagesVisible();
      for (const who of Object.keys(visible) as Who[]) {
        const seen = await ids(who, '/items/ticket_message?fields=id&limit=-1');
        expect(seen.sort(), who).toEqual(visible[who].map((key) => messages[key]).sort());
      }
    });

    it('reads a thread by its ticket (the relation the rules cross, pinned by the filter) under the same rules', async () => {
      const visible = messagesVisible();
      const onTicket: Record<string, Array<keyof typeof tickets>> = {
        xPublicA1: ['A1'],
        xNoteA1: ['A1'],
        aReplyA1: ['A1'],
        yPublicB1: ['B1'],
        yNoteB1: ['B1'],
        xPublicB2: ['B2'],
      };
      const expected = (who: Who, keys: Array<keyof typeof tickets>) =>
        visible[who]
          .filter((message) => keys.some((key) => onTicket[message]?.includes(key)))
          .map((message) => messages[message])
          .sort();
      const thread = async (who: Who, filter: string) => (await ids(who, `/items/ticket_message?fields=id&${filter}`)).sort();
      for (const who of Object.keys(visible) as Who[]) {
        for (const key of Object.keys(tickets) as Array<keyof typeof tickets>) {
          expect(await thread(who, `filter[ticket][_eq]=${tickets[key]}`), `${who} ${key}`).toEqual(expected(who, [key]));
        }
        expect(await thread(who, `filter[ticket][_in]=${tickets.A1},${tickets.B1}`), `${who} A1+B1`).toEqual(expected(who, ['A1', 'B1']));
      }
    });

    it('expands the messages alias and relations under each collection’s own rule', async () => {
      const thread = (await get('A', `/items/support_ticket/${tickets.A1}?fields=id,messages.message,messages.internal`)).json().data;
      expect(thread.messages).toEqual([{ message: 'We are on it' }, { message: 'Thanks!' }]);
      const agentThread = (await get('X', `/items/support_ticket/${tickets.A1}?fields=messages.message,messages.internal`)).json().data;
      expect(agentThread.messages).toHaveLength(3);
      expect(agentThread.messages[1]).toEqual({ message: 'internal-kilo: customer seems upset', internal: true });

      // Customers see the name of the agent on their ticket, not the agent's email.
      const agent = (await get('A', `/items/support_ticket/${tickets.A1}?fields=assigned_to.user.first_name,assigned_to.user.email,assigned_to.team`)).json()
        .data;
      expect(agent).toEqual({ assigned_to: { user: { first_name: 'Xena' } } });
      // Customers see only the agents of their own tickets, and only who they are.
      expect((await get('A', '/items/agents?fields=*')).json().data).toEqual([{ id: h.agentX.agentId, user: h.agentX.id }]);
      expect(
        (await get('B', '/items/agents?fields=id&sort=id'))
          .json()
          .data.map((a: { id: string }) => a.id)
          .sort(),
      ).toEqual([h.agentX.agentId, h.agentY.agentId].sort());
      const users = (await get('A', '/users?fields=id,first_name,email&sort=first_name')).json().data;
      expect(users).toEqual([
        { id: h.customerA.id, first_name: 'Ann' },
        { id: h.agentX.id, first_name: 'Xena' },
      ]);
      // `*` and `*.*` contain only readable fields.
      const star = (await get('A', `/items/support_ticket/${tickets.A1}?fields=*.*`)).json().data;
      expect(star.user_updated).toBeUndefined();
      expect(star.user_created).toEqual({ id: h.customerA.id, first_name: 'Ann', last_name: null });
      expect(star.messages.map((message: { message: string }) => message.message)).toEqual(['We are on it', 'Thanks!']);
    });

    it('filters, searches, counts and aggregates reveal nothing outside a customer’s rows', async () => {
      expect(await ids('A', `/items/support_ticket?fields=id&filter[id][_eq]=${tickets.B1}`)).toEqual([]);
      expect(await ids('A', '/items/support_ticket?fields=id&search=secret-bravo')).toEqual([]);
      expect(await ids('admin', '/items/support_ticket?fields=id&search=secret-bravo')).toEqual([tickets.B1]);
      const meta = (await get('A', '/items/support_ticket?fields=id&meta=*&search=secret-bravo')).json().meta;
      expect(meta).toEqual({ total_count: 2, filter_count: 0 });
      expect((await get('A', '/items/support_ticket?aggregate[count]=*')).json().data).toEqual([{ count: 2 }]);
      expect((await get('A', '/items/support_ticket?aggregate[count]=*&groupBy=status')).json().data).toEqual([{ status: 'Open', count: 2 }]);
      expect((await get('A', '/items/ticket_message?aggregate[count]=*')).json().data).toEqual([{ count: 2 }]);
      expect((await get('X', '/items/support_ticket?aggregate[countDistinct]=user_created')).json().data).toEqual([{ countDistinct: { user_created: 2 } }]);
      // An internal note's words cannot be probed through the messages relation.
      expect(await ids('A', '/items/support_ticket?fields=id&filter[messages][_some][message][_contains]=internal-kilo')).toEqual([]);
      expect(await ids('X', '/items/support_ticket?fields=id&filter[messages][_some][message][_contains]=internal-kilo')).toEqual([tickets.A1]);
      expect(await ids('A', '/items/ticket_message?fields=id&search=internal')).toEqual([]);
    });

    it('refuses (403) filtering, sorting, searching-by-filter and aggregating on fields the caller cannot read', async () => {
      for (const url of [
        '/items/support_ticket?filter[user_updated][_nnull]=true',
        '/items/support_ticket?sort=user_updated',
        '/items/support_ticket?aggregate[countDistinct]=user_updated',
        '/items/support_ticket?aggregate[count]=*&groupBy=user_updated',
        '/items/support_ticket?filter[assigned_to][user][email][_eq]=x@example.com',
        '/items/support_ticket?filter[messages][_some][internal][_eq]=true',
        '/items/support_ticket?sort=assigned_to.team',
        '/items/ticket_message?filter[internal][_eq]=true',
      ]) {
        const response = await get('A', url);
        expect(response.statusCode, url).toBe(403);
        expect(response.json().errors[0].extensions.code).toBe('FORBIDDEN');
      }
    });

    it('lets a customer create tickets only with customer fields, and nothing else', async () => {
      const before = (await get('admin', '/items/support_ticket?aggregate[count]=*')).json().data[0].count;
      for (const extra of [{ status: 'Resolved' }, { assigned_to: h.agentX.agentId }, { resolution: 'Done' }]) {
        const response = await t.inject({
          method: 'POST',
          url: '/items/support_ticket',
          token: token('A'),
          payload: { customer_email: h.customerA.email, issue_type: 'Billing', message: 'x', ...extra },
        });
        expect(response.statusCode, JSON.stringify(extra)).toBe(403);
      }
      expect((await get('admin', '/items/support_ticket?aggregate[count]=*')).json().data[0].count).toBe(before);
      const update = await t.inject({ method: 'PATCH', url: `/items/support_ticket/${tickets.A1}`, token: token('A'), payload: { message: 'edited' } });
      expect(update.statusCode).toBe(403);
      expect((await t.inject({ method: 'DELETE', url: `/items/support_ticket/${tickets.A1}`, token: token('A') })).statusCode).toBe(403);
    });

    it('lets a customer name only their own email on a ticket (notifications go there); admins file for anyone', async () => {
      const create = (token: string, email: string) =>
        t.inject({ method: 'POST', url: '/items/support_ticket', token, payload: { customer_email: email, issue_type: 'Billing', message: 'mail me' } });
      const count = async () => (await t.inject({ method: 'GET', url: '/items/support_ticket?aggregate[count]=*', token: t.adminToken })).json().data[0].count;
      const before = await count();
      for (const other of [h.customerB.email, 'victim@example.com']) expect((await create(h.customerA.token, other)).statusCode).toBe(403);
      expect(await count()).toBe(before);
      const own = await create(h.customerA.token, `  ${h.customerA.email.toUpperCase()} `);
      expect(own.statusCode, own.body).toBe(200);
      expect(own.json().data.customer_email).toBe(h.customerA.email);
      const walkIn = await create(t.adminToken, 'walk-in@example.com');
      expect(walkIn.statusCode).toBe(200);
      // The same rule works in filters: a customer's tickets filed under their own address.
      const mine = await t.inject({
        method: 'GET',
        url: '/items/support_ticket?fields=id&filter[customer_email][_eq]=$CURRENT_USER.email&limit=-1',
        token: h.customerA.token,
      });
      expect(mine.json().data.map((ticket: { id: number }) => ticket.id)).toContain(own.json().data.id);
      // Later tests count each customer's tickets.
      const keys = [own.json().data.id, walkIn.json().data.id];
      expect((await t.inject({ method: 'DELETE', url: '/items/support_ticket', token: t.adminToken, payload: keys })).statusCode).toBe(204);
    });

    it('refuses messages on other people’s tickets, storing nothing', async () => {
      const before = (await get('admin', '/items/ticket_message?aggregate[count]=*')).json().data[0].count;
      const cases: Array<[Who, number, boolean?]> = [
        ['B', tickets.A1],
        ['B', 999_999],
        ['Y', tickets.A1],
        ['A', tickets.A1, true],
      ];
      for (const [who, ticket, internal] of cases) {
        const response = await postMessage(t, token(who), ticket, 'intruding', internal);
        expect(response.statusCode, `${who} → ${ticket}`).toBe(403);
      }
      // A missing ticket and a foreign one answer the same, so ids cannot be probed.
      expect((await postMessage(t, token('B'), 999_999, 'x')).body).toBe((await postMessage(t, token('B'), tickets.A1, 'x')).body);
      expect((await get('admin', '/items/ticket_message?aggregate[count]=*')).json().data[0].count).toBe(before);
    });

    it('lets agents update only their own tickets, only allowed fields, and only their own messages', async () => {
      const own = await t.inject({ method: 'PATCH', url: `/items/support_ticket/${tickets.B2}`, token: token('X'), payload: { status: 'In Progress' } });
      expect(own.statusCode, own.body).toBe(200);
      expect(own.json().data.status).toBe('In Progress');
      expect(
        (await t.inject({ method: 'PATCH', url: `/items/support_ticket/${tickets.B1}`, token: token('X'), payload: { status: 'Resolved' } })).statusCode,
      ).toBe(403);
      expect(
        (await t.inject({ method: 'PATCH', url: `/items/support_ticket/${tickets.B2}`, token: token('X'), payload: { assigned_to: h.agentY.agentId } }))
          .statusCode,
      ).toBe(403);
      expect(
        (await t.inject({ method: 'PATCH', url: `/items/support_ticket/${tickets.B2}`, token: token('X'), payload: { status: 'Closed' } })).statusCode,
      ).toBe(400);
      // A batch containing one foreign ticket changes nothing at all.
      const batch = await t.inject({
        method: 'PATCH',
        url: '/items/support_ticket',
        token: token('X'),
        payload: { keys: [tickets.A1, tickets.B1], data: { status: 'Resolved' } },
      });
      expect(batch.statusCode).toBe(403);
      expect((await get('admin', `/items/support_ticket/${tickets.A1}?fields=status`)).json().data.status).toBe('Open');
      // By query, only the agent's own tickets are touched.
      const byQuery = await t.inject({
        method: 'PATCH',
        url: '/items/support_ticket?fields=id',
        token: token('X'),
        payload: { query: { filter: { status: { _in: ['Open', 'In Progress'] } } }, data: { resolution: 'Checked' } },
      });
      expect(
        byQuery
          .json()
          .data.map((item: { id: number }) => item.id)
          .sort(),
      ).toEqual([tickets.A1, tickets.B2].sort());
      expect((await get('admin', `/items/support_ticket/${tickets.B1}?fields=resolution`)).json().data.resolution).toBeNull();
      expect((await t.inject({ method: 'DELETE', url: '/items/support_ticket', token: token('X'), payload: { query: { filter: {} } } })).statusCode).toBe(403);

      expect(
        (await t.inject({ method: 'PATCH', url: `/items/ticket_message/${messages.xPublicA1}`, token: token('X'), payload: { message: 'edited' } })).statusCode,
      ).toBe(200);
      expect(
        (await t.inject({ method: 'PATCH', url: `/items/ticket_message/${messages.aReplyA1}`, token: token('X'), payload: { message: 'edited' } })).statusCode,
      ).toBe(403);
      expect(
        (await t.inject({ method: 'PATCH', url: `/items/ticket_message/${messages.yPublicB1}`, token: token('X'), payload: { message: 'edited' } })).statusCode,
      ).toBe(403);
      expect((await t.inject({ method: 'PATCH', url: `/agents/${h.agentX.agentId}`, token: token('X'), payload: { available: false } })).statusCode).toBe(404);
      expect((await t.inject({ method: 'PATCH', url: `/items/agents/${h.agentX.agentId}`, token: token('X'), payload: { available: false } })).statusCode).toBe(
        200,
      );
      expect((await t.inject({ method: 'PATCH', url: `/items/agents/${h.agentY.agentId}`, token: token('X'), payload: { available: false } })).statusCode).toBe(
        403,
      );
    });

    it('a role without permission rows, and anonymous callers, get nothing', async () => {
      const role = (await t.inject({ method: 'POST', url: '/roles', token: t.adminToken, payload: { name: `Nobody ${dialect}` } })).json().data;
      const nobody = await createUserWithRole(t, 'customer');
      await t.inject({ method: 'PATCH', url: `/users/${nobody.id}`, token: t.adminToken, payload: { role: role.id } });
      const nobodyToken = await t.login(nobody.email, nobody.password);
      for (const collection of ['support_ticket', 'ticket_message', 'agents']) {
        expect((await t.inject({ method: 'GET', url: `/items/${collection}`, token: nobodyToken })).statusCode).toBe(403);
        expect((await t.inject({ method: 'GET', url: `/items/${collection}` })).statusCode).toBe(403);
      }
      expect((await t.inject({ method: 'GET', url: '/permissions/me', token: nobodyToken })).json().data).toEqual({});
    });

    it('permission rows are data: admins edit them and the change applies at once', async () => {
      const rows = (
        await get('admin', `/permissions?filter[role][_eq]=${t.roles.customer}&filter[collection][_eq]=support_ticket&filter[action][_eq]=read`)
      ).json().data;
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ collection: 'support_ticket', action: 'read', permissions: { user_created: { _eq: '$CURRENT_USER' } } });
      const narrowed = await t.inject({
        method: 'PATCH',
        url: `/permissions/${rows[0].id}`,
        token: t.adminToken,
        payload: { permissions: { _and: [{ user_created: { _eq: '$CURRENT_USER' } }, { status: { _neq: 'Resolved' } }] } },
      });
      expect(narrowed.statusCode, narrowed.body).toBe(200);
      await t.inject({ method: 'PATCH', url: `/items/support_ticket/${tickets.A2}`, token: t.adminToken, payload: { status: 'Resolved' } });
      expect(await ids('A', '/items/support_ticket?fields=id')).toEqual([tickets.A1]);
      const broken = await t.inject({
        method: 'PATCH',
        url: `/permissions/${rows[0].id}`,
        token: t.adminToken,
        payload: { permissions: { nope: { _eq: 1 } } },
      });
      expect(broken.statusCode).toBe(400);
      await t.inject({
        method: 'PATCH',
        url: `/permissions/${rows[0].id}`,
        token: t.adminToken,
        payload: { permissions: { user_created: { _eq: '$CURRENT_USER' } } },
      });
      expect(await ids('A', '/items/support_ticket?fields=id&sort=id')).toEqual([tickets.A1, tickets.A2]);
      expect((await get('A', '/permissions')).statusCode).toBe(403);
      const mine = (await get('A', '/permissions/me')).json().data;
      expect(mine.support_ticket.read.access).toBe('partial');
      expect(mine.support_ticket.create.access).toBe('partial');
      expect(mine.support_ticket.update).toEqual({ access: 'none' });
      expect(mine.support_ticket.create.fields.sort()).toEqual(['customer_email', 'customer_name', 'issue_type', 'message']);
    });
  });
}
