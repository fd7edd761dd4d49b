import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHelpdesk, type Helpdesk, submitTicket } from '../support/helpdesk.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { testDatabases } from '../support/test-database.js';

interface PermissionRow {
  id: number;
  permissions: unknown;
  validation: unknown;
}

for (const dialect of testDatabases()) {
  describe(`ticket schema: what the databases would disagree on (${dialect})`, () => {
    let t: TestApp;
    let h: Helpdesk;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      h = await createHelpdesk(t);
    });
    afterAll(() => t?.close());

    const admin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
      t.inject({ method, url, token: t.adminToken, ...(payload === undefined ? {} : { payload: payload as object }) });
    const addField = async (definition: Record<string, unknown>) => {
      const response = await admin('POST', '/fields/support_ticket', definition);
      expect(response.statusCode, response.body).toBe(200);
    };
    const customerRule = async (collection: string, action: string): Promise<PermissionRow> => {
      const url = `/permissions?filter[role][_eq]=${t.roles.customer}&filter[collection][_eq]=${collection}&filter[action][_eq]=${action}`;
      const [row] = (await admin('GET', url)).json().data;
      return row;
    };

    it('refuses field names the databases reserve for system columns, on both databases and in any case', async () => {
      for (const field of ['xmin', 'xmax', 'cmin', 'cmax', 'ctid', 'tableoid', 'oid', 'rowid', '_rowid_', 'XMIN', 'RowId', 'OID']) {
        const response = await admin('POST', '/fields/support_ticket', { field, type: 'string' });
        expect(response.statusCode, `${field}: ${response.body}`).toBe(400);
        expect(response.json().errors[0].extensions.code).toBe('INVALID_PAYLOAD');
      }
      expect((await admin('POST', '/fields/support_ticket', { field: 'xmin', type: 'string' })).json().errors[0].message).toContain('reserved');
      const names = (await admin('GET', '/fields/support_ticket')).json().data.map((field: { field: string }) => field.field);
      expect(names).not.toContain('xmin');
      expect(names).not.toContain('rowid');
      // Names that merely contain a reserved word are fine.
      await addField({ field: 'xmin_reply', type: 'string' });
      expect((await admin('DELETE', '/fields/support_ticket/xmin_reply')).statusCode).toBe(204);
    });

    it('refuses calendar dates that do not exist in payloads, defaults and filters, and keeps leap days working', async () => {
      await addField({ field: 'cal_date', type: 'date' });
      await addField({ field: 'cal_dt', type: 'datetime' });
      const id = await submitTicket(t, h.customerA, { message: 'dated' });
      const valid = await admin('PATCH', `/items/support_ticket/${id}`, { cal_date: '2024-02-29', cal_dt: '2024-02-29T10:00:00Z' });
      expect(valid.statusCode, valid.body).toBe(200);
      expect(valid.json().data).toMatchObject({ cal_date: '2024-02-29', cal_dt: '2024-02-29T10:00:00.000Z' });

      for (const [field, value] of [
        ['cal_date', '2026-04-31'],
        ['cal_date', '2026-02-29'],
        ['cal_date', '2026-13-01'],
        ['cal_dt', '2026-02-30T10:00:00Z'],
        ['cal_dt', '2026-12-24T24:00:00Z'],
        ['cal_dt', 'Feb 30 2026'],
      ] as const) {
        const response = await admin('PATCH', `/items/support_ticket/${id}`, { [field]: value });
        expect(response.statusCode, `${field} ${value}: ${response.body}`).toBe(400);
        expect(response.json().errors[0].extensions).toMatchObject({ code: 'FAILED_VALIDATION', field, type: 'type' });
      }
      expect((await admin('GET', `/items/support_ticket/${id}?fields=cal_date,cal_dt`)).json().data).toEqual({
        cal_date: '2024-02-29',
        cal_dt: '2024-02-29T10:00:00.000Z',
      });

      for (const url of [
        '/items/support_ticket?filter[cal_date][_eq]=2026-02-30',
        '/items/support_ticket?filter[cal_date][_between]=2026-01-01,2026-04-31',
        '/items/support_ticket?filter[cal_dt][_gte]=2026-02-30T10:00:00Z',
      ]) {
        const response = await admin('GET', url);
        expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
        expect(response.json().errors[0].extensions.code).toBe('INVALID_QUERY');
      }
      expect((await admin('GET', '/items/support_ticket?fields=id&filter[cal_date][_eq]=2024-02-29')).json().data).toEqual([{ id }]);
      expect((await admin('GET', '/items/support_ticket?fields=id&filter[cal_dt][_lte]=2024-02-29T10:00:00Z')).json().data).toEqual([{ id }]);

      for (const [method, url, body] of [
        ['POST', '/fields/support_ticket', { field: 'cal_default', type: 'date', schema: { default_value: '2026-02-30' } }],
        ['PATCH', '/fields/support_ticket/cal_date', { schema: { default_value: '2026-02-30' } }],
        ['PATCH', '/fields/support_ticket/cal_dt', { schema: { default_value: '2026-02-30T10:00:00Z' } }],
      ] as const) {
        const response = await admin(method, url, body);
        expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
        expect(response.json().errors[0].extensions).toMatchObject({ code: 'FAILED_VALIDATION', field: body.field ?? url.split('/').at(-1), type: 'type' });
      }
      expect((await admin('GET', '/fields/support_ticket/cal_default')).statusCode).toBe(403);
      const leapDefault = await admin('PATCH', '/fields/support_ticket/cal_date', { schema: { default_value: '2024-02-29' } });
      expect(leapDefault.statusCode, leapDefault.body).toBe(200);
      expect(leapDefault.json().data.schema.default_value).toBe('2024-02-29');

      for (const field of ['cal_date', 'cal_dt']) expect((await admin('DELETE', `/fields/support_ticket/${field}`)).statusCode).toBe(204);
    });

    it('refuses to delete a field that a permission rule’s filter or validation names, so the role keeps working', async () => {
      await addField({ field: 'flagged', type: 'boolean' });
      const read = await customerRule('support_ticket', 'read');
      const narrowed = await admin('PATCH', `/permissions/${read.id}`, {
        permissions: { _and: [{ user_created: { _eq: '$CURRENT_USER' } }, { flagged: { _null: true } }] },
      });
      expect(narrowed.statusCode, narrowed.body).toBe(200);

      const refused = await admin('DELETE', '/fields/support_ticket/flagged');
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().errors[0].extensions.code).toBe('INVALID_PAYLOAD');
      expect(refused.json().errors[0].message).toContain('role "Customer"');
      expect(refused.json().errors[0].message).toContain(`permission ${read.id}`);
      expect((await admin('GET', '/fields/support_ticket/flagged')).statusCode).toBe(200);
      expect((await t.inject({ method: 'GET', url: '/users/me', token: h.customerA.token })).statusCode).toBe(200);
      expect((await t.inject({ method: 'GET', url: '/items/support_ticket', token: h.customerA.token })).statusCode).toBe(200);

      expect((await admin('PATCH', `/permissions/${read.id}`, { permissions: read.permissions })).statusCode).toBe(200);
      expect((await admin('DELETE', '/fields/support_ticket/flagged')).statusCode).toBe(204);
      expect((await t.inject({ method: 'GET', url: '/users/me', token: h.customerA.token })).statusCode).toBe(200);
    });

    it('also refuses while a validation rule names the field, even through a relation from another collection', async () => {
      await addField({ field: 'escalated', type: 'boolean' });
      const create = await customerRule('ticket_message', 'create');
      const validation = { _and: [{ ticket: { user_created: { _eq: '$CURRENT_USER' }, escalated: { _neq: true } } }, { internal: { _eq: false } }] };
      const withRule = await admin('PATCH', `/permissions/${create.id}`, { validation });
      expect(withRule.statusCode, withRule.body).toBe(200);

      const refused = await admin('DELETE', '/fields/support_ticket/escalated');
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().errors[0].extensions.code).toBe('INVALID_PAYLOAD');
      expect(refused.json().errors[0].message).toContain(`ticket_message create (permission ${create.id})`);
      expect((await admin('GET', '/fields/support_ticket/escalated')).statusCode).toBe(200);
      expect((await t.inject({ method: 'GET', url: '/items/ticket_message', token: h.customerA.token })).statusCode).toBe(200);

      expect((await admin('PATCH', `/permissions/${create.id}`, { validation: create.validation })).statusCode).toBe(200);
      expect((await admin('DELETE', '/fields/support_ticket/escalated')).statusCode).toBe(204);
    });

    it('answers a missing field on DELETE as GET does: 403 FORBIDDEN', async () => {
      const read = await admin('GET', '/fields/support_ticket/nonexistent');
      const deleted = await admin('DELETE', '/fields/support_ticket/nonexistent');
      expect(deleted.statusCode).toBe(read.statusCode);
      expect(deleted.statusCode).toBe(403);
      expect(deleted.json().errors[0].extensions.code).toBe('FORBIDDEN');
      expect((await admin('GET', '/activity?filter[collection][_eq]=fields&filter[item][_eq]=support_ticket.nonexistent')).json().data).toEqual([]);
    });

    it('applies a new max_length to a custom string field, and refuses it where it cannot apply', async () => {
      await addField({ field: 'short_code', type: 'string', schema: { default_value: 'ab' } });
      const edited = await admin('PATCH', '/fields/support_ticket/short_code', { schema: { max_length: 3 } });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json().data.schema.max_length).toBe(3);
      expect((await admin('GET', '/fields/support_ticket/short_code')).json().data.schema.max_length).toBe(3);
      const id = await submitTicket(t, h.customerA, { message: 'coded' });
      const tooLong = await admin('PATCH', `/items/support_ticket/${id}`, { short_code: 'abcd' });
      expect(tooLong.json().errors[0].extensions).toMatchObject({ code: 'FAILED_VALIDATION', field: 'short_code', type: 'max_length' });
      expect((await admin('PATCH', `/items/support_ticket/${id}`, { short_code: 'abc' })).statusCode).toBe(200);

      // The default has to fit the new maximum.
      const defaultTooLong = await admin('PATCH', '/fields/support_ticket/short_code', { schema: { max_length: 1 } });
      expect(defaultTooLong.json().errors[0].extensions).toMatchObject({ code: 'FAILED_VALIDATION', field: 'short_code', type: 'max_length' });
      expect((await admin('GET', '/fields/support_ticket/short_code')).json().data.schema.max_length).toBe(3);

      await addField({ field: 'tier', type: 'dropdown', meta: { options: { choices: ['gold', 'silver'] } } });
      await addField({ field: 'seats', type: 'integer' });
      for (const [url, body, reason] of [
        ['/fields/support_ticket/short_code', { schema: { max_length: 0 } }, 'max_length'],
        ['/fields/support_ticket/customer_name', { schema: { max_length: 3 } }, 'max_length'],
        ['/fields/support_ticket/seats', { schema: { max_length: 3 } }, 'max_length'],
        ['/fields/support_ticket/tier', { schema: { max_length: 4 } }, 'max_length'],
        ['/fields/support_ticket/short_code', { schema: { is_indexed: true } }, 'is_indexed'],
      ] as const) {
        const response = await admin('PATCH', url, body);
        expect(response.statusCode, `${url} ${JSON.stringify(body)}: ${response.body}`).toBe(400);
        expect(response.json().errors[0]).toMatchObject({ extensions: { code: 'INVALID_PAYLOAD' }, message: expect.stringContaining(reason) });
      }
      expect((await admin('GET', '/fields/support_ticket/customer_name')).json().data.schema.max_length).toBe(255);
      // Sending back the current value (a round trip of GET) is not a change.
      expect((await admin('PATCH', '/fields/support_ticket/customer_name', { schema: { max_length: 255 } })).statusCode).toBe(200);
      const integerWithLength = await admin('POST', '/fields/support_ticket', { field: 'seats_two', type: 'integer', schema: { max_length: 3 } });
      expect(integerWithLength.json().errors[0]).toMatchObject({ extensions: { code: 'INVALID_PAYLOAD' }, message: expect.stringContaining('max_length') });

      for (const field of ['short_code', 'tier', 'seats']) expect((await admin('DELETE', `/fields/support_ticket/${field}`)).statusCode).toBe(204);
    });

    it('refuses customer emails that name several mailboxes or carry a display name', async () => {
      for (const email of ['a,b@x.com', 'a;b@x.com', 'a b@x.com', 'Ann <a@x.com>', '"a"@x.com', 'a(b)@x.com', 'a\\b@x.com', 'a@x', 'a@@x.com']) {
        const response = await t.inject({
          method: 'POST',
          url: '/items/support_ticket',
          token: h.customerA.token,
          payload: { customer_email: email, issue_type: 'Billing', message: 'x' },
        });
        expect(response.statusCode, email).toBe(400);
        expect(response.json().errors[0].extensions).toMatchObject({ code: 'FAILED_VALIDATION', field: 'customer_email', type: 'email' });
      }
      const unusual = await t.inject({
        method: 'POST',
        url: '/items/support_ticket',
        token: t.adminToken,
        payload: { customer_email: "O'Brien+help@Mail.example.org", issue_type: 'Billing', message: 'x' },
      });
      expect(unusual.statusCode, unusual.body).toBe(200);
      // Stored like account emails: trimmed and lower case.
      expect(unusual.json().data.customer_email).toBe("o'brien+help@mail.example.org");
    });
  });
}
