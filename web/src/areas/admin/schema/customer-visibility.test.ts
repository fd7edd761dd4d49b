import { describe, expect, it } from 'vitest';
import type { PermissionRow } from '../../../../../common/src/helpdesk';
import { customerVisibility, withField } from './customer-visibility';

const row = (action: 'read' | 'create', fields: string[]): PermissionRow => ({
  id: action === 'read' ? 2 : 1,
  role: 'customer',
  collection: 'support_ticket',
  action,
  permissions: null,
  validation: null,
  presets: null,
  fields,
});
const priority = { field: 'priority', meta: { custom: true } };

describe('showing a custom field to customers', () => {
  it('is shown only when both the read and the create permission list it', () => {
    expect(customerVisibility(priority, { read: row('read', ['id', 'priority']), create: row('create', ['priority']) })).toEqual({ shown: true, locked: null });
    expect(customerVisibility(priority, { read: row('read', ['id', 'priority']), create: row('create', ['message']) }).shown).toBe(false);
  });

  it('cannot be toggled per field when a wildcard covers every custom field, or a permission is missing', () => {
    expect(customerVisibility(priority, { read: row('read', ['$custom']), create: row('create', ['priority']) }).locked).toMatch(/every custom field/);
    expect(customerVisibility(priority, { read: row('read', ['*']), create: row('create', ['*']) })).toMatchObject({ shown: true });
    expect(customerVisibility(priority, { read: row('read', ['priority']) }).locked).toMatch(/no read or create permission/);
  });

  it('adds or removes the name, dropping names of deleted fields', () => {
    const known = new Set(['message', 'priority']);
    expect(withField(row('create', ['message', 'gone']), 'priority', true, known)).toEqual(['message', 'priority']);
    expect(withField(row('create', ['message', 'priority', '$custom']), 'priority', false, known)).toEqual(['message', '$custom']);
  });
});
