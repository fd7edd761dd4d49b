import { describe, expect, it } from 'vitest';
import type { MyPermissions, Ticket, TicketMessage } from '../../../common/src/helpdesk';
import { fieldMeta } from './test-factories';
import { allowedFields, assignedAgentName, authorLabel, choicesOf, customFieldsFor, fieldLabel, formatFieldValue, parseTicketId, threadItems } from './tickets';

const ticket = (overrides: Partial<Ticket> = {}): Ticket => ({
  id: 7,
  customer_name: 'Ann Lee',
  customer_email: 'ann@example.com',
  issue_type: 'Billing',
  status: 'Open',
  message: 'Help',
  assigned_to: null,
  resolution: null,
  date_created: '2026-12-01T10:00:00.000Z',
  date_updated: null,
  user_created: 'ann',
  ...overrides,
});

const message = (overrides: Partial<TicketMessage>): TicketMessage => ({
  id: 'm1',
  ticket: 7,
  message: 'Hi',
  internal: false,
  date_created: '2026-12-01T11:00:00.000Z',
  date_updated: null,
  user_created: null,
  user_updated: null,
  ...overrides,
});

describe('ticket fields for people', () => {
  it('labels fields from their names', () => {
    expect(fieldLabel('order_number')).toBe('Order number');
    expect(fieldLabel('priority')).toBe('Priority');
  });

  it('reads choices from the field, in the admin’s order, and shows their text', () => {
    const priority = fieldMeta('priority', {
      meta: {
        options: {
          choices: [
            { text: 'High', value: 'high' },
            { text: 'Low', value: 'low' },
          ],
        },
      },
    });
    expect(choicesOf(priority).map((choice) => choice.value)).toEqual(['high', 'low']);
    expect(choicesOf(undefined)).toEqual([]);
    expect(formatFieldValue(priority, 'low')).toBe('Low');
    expect(formatFieldValue(fieldMeta('vip', { type: 'boolean' }), false)).toBe('No');
    expect(formatFieldValue(priority, null)).toBe('—');
  });

  it('offers only the custom fields the permission allows, without hidden or read-only ones', () => {
    const fields = [
      fieldMeta('status'),
      fieldMeta('priority', { meta: { custom: true, sort: 20 } }),
      fieldMeta('order_number', { meta: { custom: true, sort: 10 } }),
      fieldMeta('secret', { meta: { custom: true, hidden: true } }),
      fieldMeta('computed', { meta: { custom: true, readonly: true } }),
    ];
    expect(customFieldsFor(fields, 'all').map((field) => field.field)).toEqual(['order_number', 'priority']);
    expect(customFieldsFor(fields, new Set(['priority', 'status'])).map((field) => field.field)).toEqual(['priority']);
  });
});

describe('what /permissions/me allows', () => {
  const permissions = {
    support_ticket: {
      create: { access: 'full', fields: ['message', 'issue_type'] },
      read: { access: 'partial', fields: ['*'] },
      update: { access: 'none' },
      delete: { access: 'none', fields: ['id'] },
    },
  } as MyPermissions;

  it('lists fields, treats "*" as every field, and "none" as no field at all', () => {
    expect(allowedFields(permissions, 'support_ticket', 'create')).toEqual(new Set(['message', 'issue_type']));
    expect(allowedFields(permissions, 'support_ticket', 'read')).toBe('all');
    expect(allowedFields(permissions, 'support_ticket', 'update')).toEqual(new Set());
    expect(allowedFields(permissions, 'support_ticket', 'delete')).toEqual(new Set());
    expect(allowedFields(permissions, 'agents', 'read')).toEqual(new Set());
  });
});

describe('the thread', () => {
  it('starts with the message the ticket was opened with, then the messages as the reader sees their authors', () => {
    const items = threadItems(
      ticket(),
      [
        message({ id: 'a', user_created: { id: 'agent', first_name: 'Alex', last_name: null }, message: 'On it' }),
        message({ id: 'b', user_created: { id: 'ann', first_name: 'Ann', last_name: 'Lee' }, message: 'Thanks' }),
        message({ id: 'c', user_created: null, message: 'From an admin the reader may not see', internal: true }),
      ],
      'ann',
    );
    expect(items.map(({ author, text, internal }) => [author, text, internal ?? false])).toEqual([
      ['You', 'Help', false],
      ['Alex', 'On it', false],
      ['You', 'Thanks', false],
      ['Support team', 'From an admin the reader may not see', true],
    ]);
  });

  it('names the customer to anyone else', () => {
    expect(threadItems(ticket(), [], 'agent')[0]?.author).toBe('Ann Lee');
    expect(threadItems(ticket({ customer_name: null }), [], 'agent')[0]?.author).toBe('ann@example.com');
    expect(authorLabel({ id: 'x', first_name: null, last_name: null, email: 'x@example.com' }, 'me')).toBe('x@example.com');
  });
});

describe('the agent a customer sees', () => {
  it('is named when the name is readable, described when not, and absent while unassigned', () => {
    expect(assignedAgentName(ticket({ assigned_to: { user: { first_name: 'Alex' } } }))).toBe('Alex');
    expect(assignedAgentName(ticket({ assigned_to: { user: { first_name: null } } }))).toBe('A support agent');
    expect(assignedAgentName(ticket({ assigned_to: 'agent-id' }))).toBe('A support agent');
    expect(assignedAgentName(ticket({ assigned_to: null }))).toBeUndefined();
  });
});

describe('ticket numbers in addresses', () => {
  it('accepts positive integers only', () => {
    expect(parseTicketId('12')).toBe(12);
    for (const bad of [undefined, '', '0', '-1', '1.5', '12abc', 'new', '01', '99999999999999999999']) expect(parseTicketId(bad), String(bad)).toBeUndefined();
  });
});
