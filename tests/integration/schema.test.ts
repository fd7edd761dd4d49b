import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHelpdesk, type Helpdesk, submitTicket } from '../support/helpdesk.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { testDatabases } from '../support/test-database.js';

for (const dialect of testDatabases()) {
  describe(`ticket schema: fields and collections (${dialect})`, () => {
    let t: TestApp;
    let h: Helpdesk;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      h = await createHelpdesk(t);
    });
    afterAll(() => t?.close());

    const admin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
      t.inject({ method, url, token: t.adminToken, ...(payload === undefined ? {} : { payload: payload as object }) });

    it('describes the built-in fields in Directus’s shape', async () => {
      const fields = (await admin('GET', '/fields/support_ticket')).json().data;
      expect(fields.map((field: { field: string }) => field.field)).toEqual([
        'id',
        'customer_name',
        'customer_email',
        'issue_type',
        'status',
        'message',
        'assigned_to',
        'resolution',
        'date_created',
        'date_updated',
        'user_created',
        'user_updated',
        'messages',
      ]);
      const issueType = fields.find((field: { field: string }) => field.field === 'issue_type');
      expect(issueType).toMatchObject({
        collection: 'support_ticket',
        type: 'string',
        schema: { name: 'issue_type', is_nullable: false },
        meta: {
          interface: 'select-dropdown',
          required: true,
          options: { choices: [{ text: 'Billing', value: 'Billing' }, expect.anything(), expect.anything()] },
        },
      });
      expect(fields.find((field: { field: string }) => field.field === 'messages')).toMatchObject({ type: 'alias', schema: null, meta: { special: ['o2m'] } });
      const collections = (await admin('GET', '/collections')).json().data.map((collection: { collection: string }) => collection.collection);
      expect(collections).toEqual(expect.arrayContaining(['support_ticket', 'ticket_message', 'agents', 'users']));
    });

    it('shows customers only the fields they work with, and refuses schema changes', async () => {
      const fields = (await t.inject({ method: 'GET', url: '/fields/support_ticket', token: h.customerA.token })).json().data;
      const names = fields.map((field: { field: string }) => field.field);
      expect(names).toContain('issue_type');
      expect(names).not.toContain('user_updated');
      expect((await t.inject({ method: 'GET', url: '/fields/agents', token: h.customerA.token })).statusCode).toBe(200);
      expect(
        (await t.inject({ method: 'POST', url: '/fields/support_ticket', token: h.customerA.token, payload: { field: 'x', type: 'string' } })).statusCode,
      ).toBe(403);
      const collections = (await t.inject({ method: 'GET', url: '/collections', token: h.customerA.token })).json().data;
      expect(collections.map((c: { collection: string }) => c.collection)).not.toContain('permissions');
    });

    it('adds a dropdown field, sets and filters by it, edits its choices and deletes it — no other data lost', async () => {
      const before = await submitTicket(t, h.customerA, { message: 'Existing ticket keeps its data' }, h.agentX);
      const created = await admin('POST', '/fields/support_ticket', {
        field: 'priority',
        type: 'string',
        meta: {
          interface: 'select-dropdown',
          options: {
            choices: [
              { text: 'Low', value: 'low' },
              { text: 'High', value: 'high' },
            ],
          },
          note: 'How urgent',
        },
        schema: { default_value: 'low' },
      });
      expect(created.statusCode, created.body).toBe(200);
      expect(created.json().data).toMatchObject({
        field: 'priority',
        type: 'string',
        meta: { interface: 'select-dropdown', custom: true, note: 'How urgent' },
      });
      // The default applies to existing rows at once.
      expect((await admin('GET', `/items/support_ticket/${before}?fields=id,priority,message`)).json().data).toEqual({
        id: before,
        priority: 'low',
        message: 'Existing ticket keeps its data',
      });
      const high = await admin('POST', '/items/support_ticket', {
        customer_email: 'p@example.com',
        issue_type: 'Billing',
        message: 'urgent',
        priority: 'high',
      });
      expect(high.json().data.priority).toBe('high');
      const invalid = await admin('POST', '/items/support_ticket', {
        customer_email: 'p@example.com',
        issue_type: 'Billing',
        message: 'x',
        priority: 'extreme',
      });
      expect(invalid.json().errors[0].extensions).toMatchObject({ field: 'priority', type: 'choices' });
      expect((await admin('GET', '/items/support_ticket?fields=id&filter[priority][_eq]=high')).json().data).toEqual([{ id: high.json().data.id }]);
      // Agents may update custom fields ("$custom" in their rule); customers may not set them.
      expect(
        (await t.inject({ method: 'PATCH', url: `/items/support_ticket/${before}`, token: h.agentX.token, payload: { priority: 'high' } })).statusCode,
      ).toBe(200);
      expect(
        (
          await t.inject({
            method: 'POST',
            url: '/items/support_ticket',
            token: h.customerA.token,
            payload: { customer_email: 'a@example.com', issue_type: 'Billing', message: 'x', priority: 'high' },
          })
        ).statusCode,
      ).toBe(403);

      const edited = await admin('PATCH', '/fields/support_ticket/priority', { meta: { options: { choices: ['low', 'high', 'critical'] }, required: true } });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json().data.meta.options.choices.map((choice: { value: string }) => choice.value)).toEqual(['low', 'high', 'critical']);
      expect((await admin('PATCH', `/items/support_ticket/${before}`, { priority: 'critical' })).json().data.priority).toBe('critical');
      expect((await admin('PATCH', `/items/support_ticket/${before}`, { priority: null })).json().errors[0].extensions).toMatchObject({
        field: 'priority',
        type: 'nnull',
      });

      expect((await admin('DELETE', '/fields/support_ticket/priority')).statusCode).toBe(204);
      // Gone now: answered as GET answers an unknown field.
      expect((await admin('DELETE', '/fields/support_ticket/priority')).statusCode).toBe(403);
      const after = (await admin('GET', `/items/support_ticket/${before}`)).json().data;
      expect(after).toMatchObject({ id: before, message: 'Existing ticket keeps its data', assigned_to: h.agentX.agentId, status: 'Open' });
      expect(after.priority).toBeUndefined();
      expect((await admin('GET', '/items/support_ticket?filter[priority][_eq]=high')).statusCode).toBe(400);
    });

    it('supports every custom field type, with defaults and an index', async () => {
      const definitions = [
        { field: 'account_id', type: 'integer', schema: { default_value: 0, is_indexed: true } },
        { field: 'refund_amount', type: 'decimal' },
        { field: 'vip', type: 'boolean', schema: { default_value: false } },
        { field: 'due_on', type: 'date' },
        { field: 'follow_up_at', type: 'datetime' },
        { field: 'internal_summary', type: 'text' },
        { field: 'region', type: 'dropdown', meta: { options: { choices: ['EU', 'US'] } } },
      ];
      for (const definition of definitions) {
        const response = await admin('POST', '/fields/support_ticket', definition);
        expect(response.statusCode, `${definition.field}: ${response.body}`).toBe(200);
      }
      const created = await admin('POST', '/items/support_ticket', {
        customer_email: 'types@example.com',
        issue_type: 'Billing',
        message: 'typed',
        account_id: 42,
        refund_amount: 19.5,
        vip: true,
        due_on: '2026-12-31',
        follow_up_at: '2026-12-24T10:00:00+01:00',
        internal_summary: 'long text',
        region: 'EU',
      });
      expect(created.statusCode, created.body).toBe(200);
      expect(created.json().data).toMatchObject({
        account_id: 42,
        refund_amount: 19.5,
        vip: true,
        due_on: '2026-12-31',
        follow_up_at: '2026-12-24T09:00:00.000Z',
        internal_summary: 'long text',
        region: 'EU',
      });
      const id = created.json().data.id;
      const filtered = await admin(
        'GET',
        `/items/support_ticket?fields=id&filter[vip][_eq]=true&filter[refund_amount][_gt]=10&filter[due_on][_lte]=2026-12-31&filter[follow_up_at][_gte]=2026-12-24T08:00:00Z&filter[account_id][_between]=40,50`,
      );
      expect(filtered.json().data).toEqual([{ id }]);
      const wrongType = await admin('POST', '/items/support_ticket', {
        customer_email: 'x@example.com',
        issue_type: 'Billing',
        message: 'x',
        account_id: 'forty',
      });
      expect(wrongType.json().errors[0].extensions).toMatchObject({ field: 'account_id', type: 'type' });
      const defaults = await admin('POST', '/items/support_ticket?fields=account_id,vip', {
        customer_email: 'x@example.com',
        issue_type: 'Billing',
        message: 'x',
      });
      expect(defaults.json().data).toEqual({ account_id: 0, vip: false });
      for (const definition of definitions) expect((await admin('DELETE', `/fields/support_ticket/${definition.field}`)).statusCode).toBe(204);
      expect((await admin('GET', `/items/support_ticket/${id}?fields=message`)).json().data.message).toBe('typed');
    });

    it('edits built-in choices (a new issue type) but never deletes built-in fields', async () => {
      const added = await admin('PATCH', '/fields/support_ticket/issue_type', {
        meta: { options: { choices: ['Billing', 'Technical Issue', 'General Inquiry', 'Account'] } },
      });
      expect(added.statusCode, added.body).toBe(200);
      const ticket = await t.inject({
        method: 'POST',
        url: '/items/support_ticket',
        token: h.customerB.token,
        payload: { customer_email: h.customerB.email, issue_type: 'Account', message: 'Locked out' },
      });
      expect(ticket.statusCode, ticket.body).toBe(200);
      const deleted = await admin('DELETE', '/fields/support_ticket/issue_type');
      expect(deleted.statusCode).toBe(400);
      expect((await admin('GET', '/fields/support_ticket/issue_type')).json().data.meta.options.choices).toHaveLength(4);
    });

    it('deleting a field removes it from permission rows, so a new field of the same name starts with no access', async () => {
      expect((await admin('POST', '/fields/support_ticket', { field: 'region', type: 'string' })).statusCode).toBe(200);
      const [createRule] = (
        await admin('GET', `/permissions?filter[role][_eq]=${t.roles.customer}&filter[collection][_eq]=support_ticket&filter[action][_eq]=create`)
      ).json().data;
      const withRegion = await admin('PATCH', `/permissions/${createRule.id}`, {
        fields: [...createRule.fields, 'region'],
        presets: { ...createRule.presets, region: 'EU' },
      });
      expect(withRegion.statusCode, withRegion.body).toBe(200);
      expect((await admin('DELETE', '/fields/support_ticket/region')).statusCode).toBe(204);
      const after = (await admin('GET', `/permissions/${createRule.id}`)).json().data;
      expect(after.fields).toEqual(createRule.fields);
      expect(after.presets).toEqual(createRule.presets);
      expect((await admin('PATCH', `/permissions/${createRule.id}`, { presets: { status: 'Open' } })).statusCode).toBe(200);
      expect((await admin('POST', '/fields/support_ticket', { field: 'region', type: 'string' })).statusCode).toBe(200);
      const sneaky = await t.inject({
        method: 'POST',
        url: '/items/support_ticket',
        token: h.customerA.token,
        payload: { customer_email: 'a@example.com', issue_type: 'Billing', message: 'x', region: 'EU' },
      });
      expect(sneaky.statusCode).toBe(403);
      expect((await admin('DELETE', '/fields/support_ticket/region')).statusCode).toBe(204);
    });

    it('describes system collections read-only, and logs schema changes in the activity log', async () => {
      const users = (await admin('GET', '/fields/users')).json().data.map((field: { field: string }) => field.field);
      expect(users).toEqual(expect.arrayContaining(['id', 'email', 'role']));
      expect(users).not.toContain('password');
      expect((await admin('POST', '/fields/users', { field: 'x', type: 'string' })).statusCode).toBe(403);
      await admin('POST', '/fields/support_ticket', { field: 'audited', type: 'integer' });
      await admin('DELETE', '/fields/support_ticket/audited');
      const log = (await admin('GET', '/activity?filter[collection][_eq]=fields&filter[item][_eq]=support_ticket.audited&sort=id&fields=action')).json().data;
      expect(log).toEqual([{ action: 'create' }, { action: 'delete' }]);
    });

    it('refuses bad field definitions (INVALID_PAYLOAD, or FAILED_VALIDATION for a default that is not a valid value)', async () => {
      const bad = [
        { field: 'Bad Name', type: 'string' },
        { field: 'status', type: 'string' },
        { field: 'x1', type: 'blob' },
        { field: 'x2', type: 'dropdown' },
        { field: 'x3', type: 'integer', meta: { options: { choices: ['a'] } } },
        { field: 'x4', type: 'dropdown', meta: { options: { choices: ['a', 'a'] } } },
        { field: 'x5', type: 'integer', schema: { default_value: 'seven' } },
        { field: 'x6', type: 'dropdown', meta: { options: { choices: ['a'] } }, schema: { default_value: 'b' } },
      ];
      for (const definition of bad) {
        const response = await admin('POST', '/fields/support_ticket', definition);
        expect(response.statusCode, JSON.stringify(definition)).toBe(400);
      }
      expect((await admin('PATCH', '/fields/support_ticket/id', { meta: { note: 'x' } })).statusCode).toBe(400);
      expect((await admin('GET', '/fields/nope')).statusCode).toBe(403);
    });
  });
}
