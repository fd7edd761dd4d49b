import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexPendingSearchRows } from '../../server/src/query/search-index.js';
import { createHelpdesk, type Helpdesk, postMessage, submitTicket } from '../support/helpdesk.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { testDatabases } from '../support/test-database.js';

const code = (response: { json(): { errors: Array<{ extensions: { code: string } }> } }) => response.json().errors[0]?.extensions.code;

for (const dialect of testDatabases()) {
  describe(`items API (${dialect})`, () => {
    let t: TestApp;
    let h: Helpdesk;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      h = await createHelpdesk(t);
    });
    afterAll(() => t?.close());

    it('creates a ticket with server-set values and Directus’s response shape', async () => {
      const response = await t.inject({
        method: 'POST',
        url: '/items/support_ticket',
        token: h.customerA.token,
        payload: { customer_name: 'Ann Example', customer_email: h.customerA.email, issue_type: 'Billing', message: 'I was charged twice.' },
      });
      expect(response.statusCode, response.body).toBe(200);
      const ticket = response.json().data;
      expect(ticket).toMatchObject({
        customer_name: 'Ann Example',
        customer_email: h.customerA.email,
        issue_type: 'Billing',
        status: 'Open',
        message: 'I was charged twice.',
        assigned_to: null,
        resolution: null,
        date_updated: null,
        user_created: h.customerA.id,
      });
      expect(ticket.id).toBeTypeOf('number');
      expect(ticket.date_created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    });

    it('creates from an array in order, and shapes the answer with ?fields', async () => {
      const response = await t.inject({
        method: 'POST',
        url: '/items/support_ticket?fields=id,status,message',
        token: h.customerA.token,
        payload: [
          { customer_email: h.customerA.email, issue_type: 'Technical Issue', message: 'Login fails.' },
          { customer_email: h.customerA.email, issue_type: 'General Inquiry', message: 'Opening hours?' },
        ],
      });
      expect(response.statusCode, response.body).toBe(200);
      const [first, second] = response.json().data;
      expect(Object.keys(first).sort()).toEqual(['id', 'message', 'status']);
      expect(first.message).toBe('Login fails.');
      expect(second.message).toBe('Opening hours?');
      expect(second.id).toBeGreaterThan(first.id);
      expect((await t.inject({ method: 'POST', url: '/items/support_ticket', token: h.customerA.token, payload: [] })).json()).toEqual({ data: [] });
    });

    it('reports every invalid field at once with FAILED_VALIDATION', async () => {
      const response = await t.inject({
        method: 'POST',
        url: '/items/support_ticket',
        token: h.customerA.token,
        payload: { message: 'x', issue_type: 'Refund' },
      });
      expect(response.statusCode).toBe(400);
      const errors = response.json().errors.map((error: { extensions: Record<string, unknown> }) => error.extensions);
      expect(errors).toEqual(
        expect.arrayContaining([
          { field: 'customer_email', path: [], type: 'required', code: 'FAILED_VALIDATION' },
          { field: 'issue_type', path: [], type: 'choices', code: 'FAILED_VALIDATION' },
        ]),
      );
      const badEmail = await t.inject({
        method: 'POST',
        url: '/items/support_ticket',
        token: h.customerA.token,
        payload: { customer_email: 'not-an-email', issue_type: 'Billing', message: 'x' },
      });
      expect(badEmail.json().errors[0].extensions).toMatchObject({ field: 'customer_email', type: 'email' });
      const long = await t.inject({
        method: 'POST',
        url: '/items/support_ticket',
        token: h.customerA.token,
        payload: { customer_name: 'n'.repeat(256), customer_email: 'a@b.co', issue_type: 'Billing', message: 'm'.repeat(100_001) },
      });
      expect(long.json().errors.map((error: { extensions: { field: string; type: string } }) => [error.extensions.field, error.extensions.type])).toEqual([
        ['customer_name', 'max_length'],
        ['message', 'max_length'],
      ]);
      const nullEmail = await t.inject({
        method: 'POST',
        url: '/items/support_ticket',
        token: h.customerA.token,
        payload: { customer_email: null, issue_type: 'Billing', message: 'x' },
      });
      expect(nullEmail.json().errors[0].extensions).toMatchObject({ field: 'customer_email', type: 'nnull' });
    });

    it('refuses unknown fields and server-managed fields with 400, storing nothing', async () => {
      const before = (await t.inject({ method: 'GET', url: '/items/support_ticket?aggregate[count]=*', token: t.adminToken })).json().data[0].count;
      for (const extra of [{ nope: 1 }, { id: 5 }, { date_created: '2020-01-01T00:00:00Z' }, { user_created: h.customerB.id }, { messages: [] }]) {
        const response = await t.inject({
          method: 'POST',
          url: '/items/support_ticket',
          token: t.adminToken,
          payload: { customer_email: 'a@b.co', issue_type: 'Billing', message: 'x', ...extra },
        });
        expect(response.statusCode, JSON.stringify(extra)).toBe(400);
        expect(code(response)).toBe('FAILED_VALIDATION');
        expect(response.json().errors[0].extensions.field).toBe(Object.keys(extra)[0]);
      }
      const after = (await t.inject({ method: 'GET', url: '/items/support_ticket?aggregate[count]=*', token: t.adminToken })).json().data[0].count;
      expect(after).toBe(before);
    });

    it('refuses unknown keys in batch bodies, and keys together with query, changing nothing', async () => {
      const ticket = await submitTicket(t, h.customerA);
      const bodies: Array<['PATCH' | 'DELETE', unknown]> = [
        ['PATCH', { keys: [ticket], data: { status: 'In Progress' }, extra: 1 }],
        ['PATCH', { keys: [ticket], query: { filter: {} }, data: { status: 'In Progress' } }],
        ['DELETE', { keys: [ticket], force: true }],
        ['DELETE', { keys: [ticket], query: { limit: 1 } }],
      ];
      for (const [method, payload] of bodies) {
        const response = await t.inject({ method, url: '/items/support_ticket', token: t.adminToken, payload: payload as Record<string, unknown> });
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
        expect(code(response)).toBe('INVALID_PAYLOAD');
      }
      const stored = await t.inject({ method: 'GET', url: `/items/support_ticket/${ticket}?fields=status`, token: t.adminToken });
      expect(stored.json().data).toEqual({ status: 'Open' });
    });

    it('updates one item, many by keys, by an array, and by query', async () => {
      const ids = [await submitTicket(t, h.customerA), await submitTicket(t, h.customerA), await submitTicket(t, h.customerA)];
      const one = await t.inject({ method: 'PATCH', url: `/items/support_ticket/${ids[0]}`, token: t.adminToken, payload: { status: 'In Progress' } });
      expect(one.json().data).toMatchObject({ id: ids[0], status: 'In Progress', user_updated: expect.any(String) });
      expect(one.json().data.date_updated).not.toBeNull();

      const byKeys = await t.inject({
        method: 'PATCH',
        url: '/items/support_ticket?fields=id,status',
        token: t.adminToken,
        payload: { keys: ids, data: { status: 'Resolved' } },
      });
      expect(byKeys.json().data).toEqual(ids.map((id) => ({ id, status: 'Resolved' })));

      const byArray = await t.inject({
        method: 'PATCH',
        url: '/items/support_ticket?fields=id,status',
        token: t.adminToken,
        payload: [
          { id: ids[0], status: 'Open' },
          { id: ids[1], status: 'In Progress' },
        ],
      });
      expect(byArray.json().data).toEqual([
        { id: ids[0], status: 'Open' },
        { id: ids[1], status: 'In Progress' },
      ]);

      const byQuery = await t.inject({
        method: 'PATCH',
        url: '/items/support_ticket?fields=id,issue_type',
        token: t.adminToken,
        payload: { query: { filter: { id: { _in: ids } } }, data: { issue_type: 'General Inquiry' } },
      });
      expect(byQuery.json().data.map((item: { issue_type: string }) => item.issue_type)).toEqual(['General Inquiry', 'General Inquiry', 'General Inquiry']);
    });

    it('answers 403 FORBIDDEN alike for missing and malformed ids, on read, update and delete', async () => {
      for (const url of ['/items/support_ticket/999999999', '/items/support_ticket/abc']) {
        const read = await t.inject({ method: 'GET', url, token: t.adminToken });
        expect(read.statusCode).toBe(403);
        expect(read.json()).toEqual({ errors: [{ message: "You don't have permission to access this.", extensions: { code: 'FORBIDDEN' } }] });
        expect((await t.inject({ method: 'PATCH', url, token: t.adminToken, payload: { status: 'Open' } })).statusCode).toBe(403);
        expect((await t.inject({ method: 'DELETE', url, token: t.adminToken })).statusCode).toBe(403);
      }
      expect(code(await t.inject({ method: 'GET', url: '/items/nope', token: t.adminToken }))).toBe('FORBIDDEN');
      expect(code(await t.inject({ method: 'GET', url: '/items/users', token: t.adminToken }))).toBe('FORBIDDEN');
    });

    it('deletes by id, by an array of keys and by {keys}', async () => {
      const ids = [await submitTicket(t, h.customerB), await submitTicket(t, h.customerB), await submitTicket(t, h.customerB)];
      expect((await t.inject({ method: 'DELETE', url: `/items/support_ticket/${ids[0]}`, token: t.adminToken })).statusCode).toBe(204);
      expect((await t.inject({ method: 'DELETE', url: '/items/support_ticket', token: t.adminToken, payload: [ids[1]] })).statusCode).toBe(204);
      expect((await t.inject({ method: 'DELETE', url: '/items/support_ticket', token: t.adminToken, payload: { keys: [ids[2]] } })).statusCode).toBe(204);
      for (const id of ids) expect((await t.inject({ method: 'GET', url: `/items/support_ticket/${id}`, token: t.adminToken })).statusCode).toBe(403);
    });

    it('reads with fields, relational dot paths, *.* and the messages alias', async () => {
      const id = await submitTicket(t, h.customerA, { message: 'Relational read' }, h.agentX);
      await postMessage(t, h.agentX.token, id, 'First reply');
      await postMessage(t, h.customerA.token, id, 'Thanks');
      const read = await t.inject({
        method: 'GET',
        url: `/items/support_ticket/${id}?fields=id,status,assigned_to.team,assigned_to.user.first_name,messages.message`,
        token: t.adminToken,
      });
      expect(read.json().data).toEqual({
        id,
        status: 'Open',
        assigned_to: { team: 'support', user: { first_name: 'Xena' } },
        messages: [{ message: 'First reply' }, { message: 'Thanks' }],
      });
      const ids = (await t.inject({ method: 'GET', url: `/items/support_ticket/${id}?fields=id,messages`, token: t.adminToken })).json().data;
      expect(ids.messages).toHaveLength(2);
      expect(ids.messages[0]).toBeTypeOf('string');
      const starStar = (await t.inject({ method: 'GET', url: `/items/support_ticket/${id}?fields=*.*`, token: t.adminToken })).json().data;
      expect(starStar.assigned_to).toMatchObject({ id: h.agentX.agentId, team: 'support', user: h.agentX.id });
      expect(starStar.user_created).toMatchObject({ id: h.customerA.id, email: h.customerA.email });
      expect(starStar.messages.map((message: { message: string }) => message.message)).toEqual(['First reply', 'Thanks']);
      const star = (await t.inject({ method: 'GET', url: `/items/support_ticket/${id}?fields=*`, token: t.adminToken })).json().data;
      expect(star.assigned_to).toBe(h.agentX.agentId);
      expect(star.messages).toBeUndefined();
      // The children's own link back, as a key and expanded: grouping by it must not replace what was asked for.
      const withFields = async (fields: string) =>
        (await t.inject({ method: 'GET', url: `/items/support_ticket/${id}?fields=${fields}`, token: t.adminToken })).json().data;
      expect((await withFields('messages.ticket,messages.message')).messages).toEqual([
        { ticket: id, message: 'First reply' },
        { ticket: id, message: 'Thanks' },
      ]);
      const expanded = await withFields('messages.ticket.id,messages.ticket.status');
      expect(expanded.messages).toEqual([{ ticket: { id, status: 'Open' } }, { ticket: { id, status: 'Open' } }]);
    });

    it('filters (JSON and bracket form), sorts, pages and counts', async () => {
      const tag = `batch-${dialect}`;
      const created: number[] = [];
      for (const [index, status] of ['Open', 'Open', 'In Progress', 'Resolved', 'Open'].entries()) {
        const id = await submitTicket(t, h.customerB, { customer_name: `${tag}-${index}`, issue_type: index % 2 ? 'Technical Issue' : 'Billing' });
        if (status !== 'Open') await t.inject({ method: 'PATCH', url: `/items/support_ticket/${id}`, token: t.adminToken, payload: { status } });
        created.push(id);
      }
      const base = `/items/support_ticket?fields=id,customer_name&filter[customer_name][_starts_with]=${tag}`;
      const json = encodeURIComponent(JSON.stringify({ customer_name: { _starts_with: tag }, status: { _eq: 'Open' } }));
      const viaJson = await t.inject({
        method: 'GET',
        url: `/items/support_ticket?fields=id&filter=${json}&meta=filter_count,total_count`,
        token: t.adminToken,
      });
      const viaBrackets = await t.inject({ method: 'GET', url: `${base}&filter[status][_eq]=Open&meta=filter_count`, token: t.adminToken });
      expect(viaJson.json().data.map((item: { id: number }) => item.id)).toEqual([created[0], created[1], created[4]]);
      expect(viaJson.json().meta.filter_count).toBe(3);
      expect(viaJson.json().meta.total_count).toBeGreaterThanOrEqual(5);
      expect(Object.keys(viaJson.json())).toEqual(['meta', 'data']);
      expect(viaBrackets.json().meta).toEqual({ filter_count: 3 });

      const inList = await t.inject({ method: 'GET', url: `${base}&filter[status][_in]=In Progress,Resolved`, token: t.adminToken });
      expect(inList.json().data.map((item: { id: number }) => item.id)).toEqual([created[2], created[3]]);
      const sorted = await t.inject({ method: 'GET', url: `${base}&sort=-customer_name`, token: t.adminToken });
      expect(sorted.json().data.map((item: { customer_name: string }) => item.customer_name)).toEqual([4, 3, 2, 1, 0].map((i) => `${tag}-${i}`));
      const page2 = await t.inject({ method: 'GET', url: `${base}&sort=id&limit=2&page=2`, token: t.adminToken });
      expect(page2.json().data.map((item: { id: number }) => item.id)).toEqual([created[2], created[3]]);
      const offset = await t.inject({ method: 'GET', url: `${base}&sort=id&limit=2&offset=2`, token: t.adminToken });
      expect(offset.json().data).toEqual(page2.json().data);
      const orFilter = encodeURIComponent(JSON.stringify({ _or: [{ id: { _eq: created[0] } }, { id: { _eq: created[3] } }] }));
      expect((await t.inject({ method: 'GET', url: `/items/support_ticket?fields=id&filter=${orFilter}`, token: t.adminToken })).json().data).toEqual([
        { id: created[0] },
        { id: created[3] },
      ]);
      const recent = encodeURIComponent(JSON.stringify({ date_created: { _gte: '$NOW(-1 hour)' }, customer_name: { _starts_with: tag } }));
      expect((await t.inject({ method: 'GET', url: `/items/support_ticket?fields=id&filter=${recent}`, token: t.adminToken })).json().data).toHaveLength(5);
      const future = encodeURIComponent(JSON.stringify({ date_created: { _gt: '$NOW(+1 day)' } }));
      expect((await t.inject({ method: 'GET', url: `/items/support_ticket?fields=id&filter=${future}`, token: t.adminToken })).json().data).toEqual([]);
      const mine = encodeURIComponent(JSON.stringify({ user_created: { _eq: '$CURRENT_USER' } }));
      expect((await t.inject({ method: 'GET', url: `/items/support_ticket?fields=id&filter=${mine}`, token: t.adminToken })).json().data).toEqual([]);
    });

    it('filters through relations: many-to-one paths and _some / _none over messages', async () => {
      const withReply = await submitTicket(t, h.customerA, { customer_name: 'rel-a' }, h.agentY);
      const silent = await submitTicket(t, h.customerA, { customer_name: 'rel-b' }, h.agentY);
      await postMessage(t, h.agentY.token, withReply, 'a sales reply');
      const base = '/items/support_ticket?fields=id&filter[customer_name][_starts_with]=rel-';
      const someReply = await t.inject({ method: 'GET', url: `${base}&filter[messages][_some][message][_contains]=sales`, token: t.adminToken });
      expect(someReply.json().data).toEqual([{ id: withReply }]);
      const noMessages = await t.inject({ method: 'GET', url: `${base}&filter[messages][_none][id][_nnull]=true`, token: t.adminToken });
      expect(noMessages.json().data).toEqual([{ id: silent }]);
      const byTeam = await t.inject({ method: 'GET', url: `${base}&filter[assigned_to][team][_eq]=sales`, token: t.adminToken });
      expect(byTeam.json().data).toEqual([{ id: withReply }, { id: silent }]);
      const byAgentEmail = await t.inject({ method: 'GET', url: `${base}&filter[assigned_to][user][email][_eq]=${h.agentY.email}`, token: t.adminToken });
      expect(byAgentEmail.json().data).toHaveLength(2);
      const sortByAgent = await t.inject({
        method: 'GET',
        url: '/items/support_ticket?fields=id&sort=assigned_to.user.first_name&limit=1',
        token: t.adminToken,
      });
      expect(sortByAgent.statusCode).toBe(200);
    });

    it('searches text fields and matches ids', async () => {
      const id = await submitTicket(t, h.customerA, { message: 'The Zebra-42 printer jams' });
      const found = await t.inject({ method: 'GET', url: '/items/support_ticket?fields=id&search=zebra-42&meta=filter_count', token: t.adminToken });
      expect(found.json()).toEqual({ meta: { filter_count: 1 }, data: [{ id }] });
      const byId = await t.inject({ method: 'GET', url: `/items/support_ticket?fields=id&search=${id}`, token: t.adminToken });
      expect(byId.json().data).toContainEqual({ id });
      const literal = await t.inject({ method: 'GET', url: '/items/support_ticket?fields=id&search=%25', token: t.adminToken });
      expect(literal.json().data).toEqual([]);
    });

    it('finds tickets by their current text at once, before and after the search index catches up', async () => {
      const id = await submitTicket(t, h.customerA, { message: 'The Quokka-7 scanner hums' });
      const ids = async (word: string) => {
        const response = await t.inject({ method: 'GET', url: `/items/support_ticket?fields=id&search=${word}`, token: t.adminToken });
        return (response.json().data as Array<{ id: number }>).map((row) => row.id);
      };
      // SQLite indexes changes in the background (maintenance.ts); here it is run by hand, between the checks.
      const indexNow = async () => {
        await indexPendingSearchRows(t.ctx.database.db);
        if (t.dialect === 'sqlite') await sql`insert into support_ticket_search (support_ticket_search) values ('integrity-check')`.execute(t.ctx.database.db);
      };
      for (const step of ['queued', 'indexed']) {
        if (step === 'indexed') await indexNow();
        expect(await ids('quokka-7'), step).toEqual([id]);
      }
      const edited = await t.inject({
        method: 'PATCH',
        url: `/items/support_ticket/${id}`,
        payload: { message: 'The Wombat-9 scanner hums' },
        token: t.adminToken,
      });
      expect(edited.statusCode).toBe(200);
      for (const step of ['queued', 'indexed']) {
        if (step === 'indexed') await indexNow();
        expect(await ids('quokka-7'), step).toEqual([]);
        expect(await ids('wombat-9'), step).toEqual([id]);
      }
      expect((await t.inject({ method: 'DELETE', url: `/items/support_ticket/${id}`, token: t.adminToken })).statusCode).toBe(204);
      for (const step of ['queued', 'indexed']) {
        if (step === 'indexed') await indexNow();
        expect(await ids('wombat-9'), step).toEqual([]);
      }
    });

    it('aggregates with groupBy in Directus’s shape', async () => {
      const counts = await t.inject({ method: 'GET', url: '/items/support_ticket?aggregate[count]=*&groupBy[]=status', token: t.adminToken });
      const rows = counts.json().data as Array<{ status: string; count: number }>;
      expect(rows.map((row) => row.status)).toEqual([...rows.map((row) => row.status)].sort());
      const total = (await t.inject({ method: 'GET', url: '/items/support_ticket?aggregate[count]=*', token: t.adminToken })).json().data[0].count;
      expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(total);
      const several = await t.inject({
        method: 'GET',
        url: '/items/support_ticket?aggregate[count]=id&aggregate[max]=id&aggregate[countDistinct]=user_created&groupBy=status,issue_type&limit=2&sort=status',
        token: t.adminToken,
      });
      const first = several.json().data[0];
      expect(Object.keys(first)).toEqual(['status', 'issue_type', 'count', 'max', 'countDistinct']);
      expect(first.count).toEqual({ id: expect.any(Number) });
      expect(first.max).toEqual({ id: expect.any(Number) });
      const avg = await t.inject({ method: 'GET', url: '/items/support_ticket?aggregate[avg]=id', token: t.adminToken });
      expect(avg.json().data[0].avg.id).toBeTypeOf('number');
    });

    it('reuses aggregate results only until something changes', async () => {
      const count = async (token: string) =>
        (await t.inject({ method: 'GET', url: '/items/support_ticket?aggregate[count]=*', token })).json().data[0].count as number;
      const before = await count(t.adminToken);
      expect(await count(t.adminToken)).toBe(before);
      const mine = await count(h.customerB.token);
      const id = await submitTicket(t, h.customerB);
      expect(await count(t.adminToken)).toBe(before + 1);
      expect(await count(h.customerB.token)).toBe(mine + 1);
      await t.inject({ method: 'DELETE', url: `/items/support_ticket/${id}`, token: t.adminToken });
      expect(await count(t.adminToken)).toBe(before);
    });

    it('answers bad queries with 400 INVALID_QUERY, never 500', async () => {
      // Built as text: JSON.stringify itself overflows the stack on 10,000 levels.
      const deep = (levels: number) => `${'{"_and":['.repeat(levels)}{"status":{"_eq":"Open"}}${']}'.repeat(levels)}`;
      const cases = [
        '/items/support_ticket?filter[nope][_eq]=1',
        '/items/support_ticket?fields=id,nope',
        '/items/support_ticket?sort=nope',
        '/items/support_ticket?filter=not json',
        '/items/support_ticket?filter[status][_bogus]=x',
        '/items/support_ticket?filter[status][eq]=Open',
        '/items/support_ticket?filter[id][_eq]=abc',
        '/items/support_ticket?filter[date_created][_gt]=yesterday',
        '/items/support_ticket?filter[internal][_eq]=true',
        '/items/support_ticket?limit=-5',
        '/items/support_ticket?limit=abc',
        '/items/support_ticket?offset=-1',
        '/items/support_ticket?meta=bogus',
        '/items/support_ticket?aggregate[median]=id',
        '/items/support_ticket?aggregate[sum]=status',
        `/items/support_ticket?filter=${encodeURIComponent(deep(10_000))}`,
        `/items/support_ticket?filter=${encodeURIComponent(JSON.stringify({ _or: Array.from({ length: 20_000 }, (_, i) => ({ customer_name: { _eq: `name-${i}` } })) }))}`,
      ];
      for (const url of cases) {
        const started = performance.now();
        const response = await t.inject({ method: 'GET', url, token: t.adminToken });
        expect(response.statusCode, `${url.slice(0, 80)} → ${response.body.slice(0, 200)}`).toBe(400);
        expect(code(response)).toBe('INVALID_QUERY');
        expect(performance.now() - started, url.slice(0, 80)).toBeLessThan(2000);
      }
    });

    it('answers a 1 MB filter over real HTTP with 400 (and a SEARCH body too large with 413)', async () => {
      const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const huge = encodeURIComponent(JSON.stringify({ customer_name: { _eq: 'x'.repeat(1024 * 1024) } }));
      const response = await fetch(`${url}/items/support_ticket?filter=${huge}`, { headers: { authorization: `Bearer ${t.adminToken}` } });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe('INVALID_QUERY');
      const search = await fetch(`${url}/items/support_ticket`, {
        method: 'SEARCH',
        headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: { filter: { status: { _eq: 'Open' } }, fields: ['id'], limit: 1 } }),
      });
      expect(search.status).toBe(200);
    });

    it('records activity and revisions for every change, readable by admins only', async () => {
      const id = await submitTicket(t, h.customerA, { message: 'Audit me' });
      await t.inject({
        method: 'PATCH',
        url: `/items/support_ticket/${id}`,
        token: t.adminToken,
        payload: { status: 'In Progress' },
        headers: { 'user-agent': 'audit-test' },
      });
      const activity = await t.inject({
        method: 'GET',
        url: `/activity?filter[collection][_eq]=support_ticket&filter[item][_eq]=${id}&sort=id&fields=action,user,ip,user_agent,revisions.delta`,
        token: t.adminToken,
      });
      const [create, update] = activity.json().data;
      expect(create).toMatchObject({ action: 'create', user: h.customerA.id });
      expect(create.revisions[0].delta).toMatchObject({ message: 'Audit me', status: 'Open' });
      expect(update).toMatchObject({ action: 'update', user_agent: 'audit-test', ip: '127.0.0.1' });
      expect(update.revisions[0].delta).toMatchObject({ status: 'In Progress' });
      const revisions = await t.inject({ method: 'GET', url: `/revisions?filter[item][_eq]=${id}&fields=data`, token: t.adminToken });
      expect(revisions.json().data.at(-1).data).toMatchObject({ id, status: 'In Progress', message: 'Audit me' });
      expect((await t.inject({ method: 'GET', url: '/activity', token: h.customerA.token })).statusCode).toBe(403);
      expect((await t.inject({ method: 'GET', url: '/revisions', token: h.agentX.token })).statusCode).toBe(403);
    });

    it('removing an agent unassigns their tickets as recorded updates, with an event', async () => {
      const user = (
        await t.inject({ method: 'POST', url: '/users', token: t.adminToken, payload: { email: `leaving-${dialect}@example.com`, role: t.roles.agent } })
      ).json().data;
      const agent = (await t.inject({ method: 'POST', url: '/items/agents', token: t.adminToken, payload: { user: user.id } })).json().data;
      const ticket = await submitTicket(t, h.customerA);
      await t.inject({ method: 'PATCH', url: `/items/support_ticket/${ticket}`, token: t.adminToken, payload: { assigned_to: agent.id } });
      expect((await t.inject({ method: 'DELETE', url: `/items/agents/${agent.id}`, token: t.adminToken })).statusCode).toBe(204);
      expect((await t.inject({ method: 'GET', url: `/items/support_ticket/${ticket}?fields=assigned_to`, token: t.adminToken })).json().data).toEqual({
        assigned_to: null,
      });
      const log = (
        await t.inject({
          method: 'GET',
          url: `/activity?filter[item][_eq]=${ticket}&filter[collection][_eq]=support_ticket&sort=-id&limit=1&fields=action,revisions.delta`,
          token: t.adminToken,
        })
      ).json().data;
      expect(log[0]).toMatchObject({ action: 'update', revisions: [{ delta: expect.objectContaining({ assigned_to: null }) }] });
      const events = await t.ctx.database.db
        .selectFrom('event_outbox')
        .selectAll()
        .where('collection', '=', 'support_ticket')
        .where('event', '=', 'items.update')
        .orderBy('id', 'desc')
        .limit(1)
        .execute();
      expect(JSON.parse(events[0]?.payload ?? '{}')).toEqual({ assigned_to: null });
      expect(JSON.parse(events[0]?.keys ?? '[]')).toEqual([ticket]);
    });

    it('records changes to users, roles and permissions in the activity log, secrets masked', async () => {
      const user = (
        await t.inject({
          method: 'POST',
          url: '/users',
          token: t.adminToken,
          payload: { email: `logged-${dialect}@example.com`, password: 'secret-password-1' },
        })
      ).json().data;
      await t.inject({
        method: 'PATCH',
        url: `/users/${user.id}`,
        token: t.adminToken,
        payload: { first_name: 'Logged', token: 'a-static-token-of-some-length' },
      });
      const log = (
        await t.inject({
          method: 'GET',
          url: `/activity?filter[collection][_eq]=users&filter[item][_eq]=${user.id}&sort=id&fields=action,revisions.delta`,
          token: t.adminToken,
        })
      ).json().data;
      expect(log.map((entry: { action: string }) => entry.action)).toEqual(['create', 'update']);
      expect(log[0].revisions[0].delta.password).toBe('**********');
      expect(log[1].revisions[0].delta).toMatchObject({ first_name: 'Logged', token_hash: '**********' });
      expect(JSON.stringify(log)).not.toContain('secret-password-1');
      const role = (await t.inject({ method: 'POST', url: '/roles', token: t.adminToken, payload: { name: `Logged role ${dialect}` } })).json().data;
      expect(
        (
          await t.inject({ method: 'GET', url: `/activity?filter[collection][_eq]=roles&filter[item][_eq]=${role.id}&fields=action`, token: t.adminToken })
        ).json().data,
      ).toEqual([{ action: 'create' }]);
    });

    it('a rolled-back write leaves no activity behind', async () => {
      const before = (await t.inject({ method: 'GET', url: '/activity?aggregate[count]=*', token: t.adminToken })).json().data[0].count;
      const foreign = await submitTicket(t, h.customerB);
      const refused = await postMessage(t, h.customerA.token, foreign, 'not my ticket');
      expect(refused.statusCode).toBe(403);
      const after = (await t.inject({ method: 'GET', url: '/activity?aggregate[count]=*', token: t.adminToken })).json().data[0].count;
      expect(after).toBe(before + 1);
    });
  });
}
