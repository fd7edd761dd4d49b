import { aggregate, authentication, createDirectus, createItem, deleteItem, readItem, readItems, readMe, rest, updateItem } from '@directus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithRole } from '../support/factories.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/test-app.js';
import { testDatabases } from '../support/test-database.js';

for (const dialect of testDatabases()) {
  describe(`@directus/sdk against Parley (${dialect})`, () => {
    let t: TestApp;
    let url: string;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    });
    afterAll(() => t?.close());

    it('logs in, refreshes and reads /users/me with rest + authentication', async () => {
      const client = createDirectus(url)
        .with(authentication('json', { autoRefresh: false }))
        .with(rest());
      const login = await client.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      expect(login.access_token).toBeTypeOf('string');
      expect(login.refresh_token).toBeTypeOf('string');
      const me = await client.request(readMe({ fields: ['id', 'email'] }));
      expect(me.email).toBe(ADMIN_EMAIL);

      const refreshed = await client.refresh();
      expect(refreshed.refresh_token).not.toBe(login.refresh_token);
      const again = await client.request(readMe());
      expect(again.email).toBe(ADMIN_EMAIL);
      await client.logout();
    });

    it('drives the support journey: customer submits, admin assigns, agent replies and resolves, customer reads', async () => {
      const customerUser = await createUserWithRole(t, 'customer');
      const agentUser = await createUserWithRole(t, 'agent', { first_name: 'Agnes' });
      const signIn = async (email: string, password: string) => {
        const client = createDirectus(url)
          .with(authentication('json', { autoRefresh: false }))
          .with(rest());
        await client.login(email, password);
        return client;
      };
      const admin = await signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
      const customer = await signIn(customerUser.email, customerUser.password);
      const agent = await signIn(agentUser.email, agentUser.password);
      const agentRow = await admin.request(createItem('agents', { user: agentUser.id, team: 'support', available: true }));

      const ticket = await customer.request(
        createItem('support_ticket', {
          customer_name: 'Cleo',
          customer_email: customerUser.email,
          issue_type: 'Technical Issue',
          message: 'The app crashes on start.',
        }),
      );
      expect(ticket).toMatchObject({ status: 'Open', user_created: customerUser.id });

      const open = await admin.request(readItems('support_ticket', { filter: { status: { _eq: 'Open' }, assigned_to: { _null: true } }, fields: ['id'] }));
      expect(open.map((item) => item.id)).toContain(ticket.id);
      await admin.request(updateItem('support_ticket', ticket.id, { assigned_to: agentRow.id }));

      const queue = await agent.request(
        readItems('support_ticket', { filter: { status: { _eq: 'Open' } }, sort: ['-date_created'], fields: ['id', 'customer_name', 'message'] }),
      );
      expect(queue).toEqual([{ id: ticket.id, customer_name: 'Cleo', message: 'The app crashes on start.' }]);
      await agent.request(createItem('ticket_message', { ticket: ticket.id, message: 'Which version do you run?' }));
      await agent.request(createItem('ticket_message', { ticket: ticket.id, message: 'Probably the 2.1 regression', internal: true }));
      await agent.request(updateItem('support_ticket', ticket.id, { status: 'In Progress' }));
      await customer.request(createItem('ticket_message', { ticket: ticket.id, message: 'Version 2.1' }));
      await agent.request(updateItem('support_ticket', ticket.id, { status: 'Resolved', resolution: 'Fixed in 2.1.1; please update.' }));

      const seen = await customer.request(
        readItem('support_ticket', ticket.id, { fields: ['status', 'resolution', 'assigned_to.user.first_name', 'messages.message'] as never }),
      );
      expect(seen).toEqual({
        status: 'Resolved',
        resolution: 'Fixed in 2.1.1; please update.',
        assigned_to: { user: { first_name: 'Agnes' } },
        messages: [{ message: 'Which version do you run?' }, { message: 'Version 2.1' }],
      });
      const counts = await admin.request(aggregate('support_ticket', { aggregate: { count: '*' }, groupBy: ['status'] }));
      expect(counts).toContainEqual({ status: 'Resolved', count: 1 });
      await expect(customer.request(deleteItem('support_ticket', ticket.id))).rejects.toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
      await admin.request(deleteItem('support_ticket', ticket.id));
      await expect(admin.request(readItem('support_ticket', ticket.id))).rejects.toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    });

    it('surfaces Parley errors in the Directus error shape', async () => {
      const client = createDirectus(url).with(authentication('json')).with(rest());
      await expect(client.login(ADMIN_EMAIL, 'wrong-password')).rejects.toMatchObject({
        errors: [{ extensions: { code: 'INVALID_CREDENTIALS' } }],
      });
    });
  });
}
