import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHelpdesk, type Helpdesk, postMessage, submitTicket } from '../support/helpdesk.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { testDatabases } from '../support/test-database.js';

/** Reads whose statements would bind more values than a database accepts (SQLite: 32,766 per statement). */
for (const dialect of testDatabases()) {
  describe(`large reads (${dialect})`, () => {
    let t: TestApp;
    let h: Helpdesk;
    const BULK = 33_000;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      h = await createHelpdesk(t);
      const first = await submitTicket(t, h.customerA, { message: 'first of many' }, h.agentX);
      await postMessage(t, h.agentX.token, first, 'reply on the first');
      // Rows straight into the table: the API would take minutes for this many.
      const row = await t.ctx.database.db.selectFrom('support_ticket').selectAll().where('id', '=', first).executeTakeFirstOrThrow();
      await sql`
        with recursive n(i) as (select 1 union all select i + 1 from n where i < ${BULK})
        insert into support_ticket (customer_name, customer_email, issue_type, status, message, assigned_to, date_created, user_created)
        select ${row.customer_name}, ${row.customer_email}, ${row.issue_type}, 'Open', ${'bulk'}, ${h.agentX.agentId}, ${row.date_created}, ${row.user_created}
        from n`.execute(t.ctx.database.db);
    }, 120_000);
    afterAll(() => t?.close());

    it('expands one-to-many relations of tens of thousands of parents (children fetched in slices of parents)', async () => {
      const response = await t.inject({
        method: 'GET',
        url: `/items/agents/${h.agentX.agentId}?fields=id,tickets.id,tickets.messages.message`,
        token: t.adminToken,
      });
      expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
      const tickets = response.json().data.tickets as Array<{ id: number; messages: Array<{ message: string }> }>;
      expect(tickets).toHaveLength(BULK + 1);
      expect(tickets.filter((ticket) => ticket.messages.length > 0).map((ticket) => ticket.messages.map((message) => message.message))).toEqual([
        ['reply on the first'],
      ]);
    });

    it('refuses filters with more values than a statement can bind, also in SEARCH bodies, with 400', async () => {
      const lists = Array.from({ length: 33 }, (_, i) => ({ ticket: { _in: Array.from({ length: 1000 }, (_, k) => i * 1000 + k + 1) } }));
      const response = await t.inject({ method: 'SEARCH', url: '/items/ticket_message', token: t.adminToken, payload: { query: { filter: { _or: lists } } } });
      expect(response.statusCode, response.body.slice(0, 300)).toBe(400);
      expect(response.json().errors[0].extensions.code).toBe('INVALID_QUERY');
      const beyondDates = await t.inject({ method: 'GET', url: '/items/ticket_message?filter[date_created][_gt]=$NOW(-999999 years)', token: t.adminToken });
      expect(beyondDates.statusCode, beyondDates.body.slice(0, 300)).toBe(400);
    });
  });
}
