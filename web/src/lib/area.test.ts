import { describe, expect, it } from 'vitest';
import type { Me } from '../../../common/src/users';
import { type MeWithRole, toMe } from '../api/users';
import { areaOf, safeNextPath } from './area';

const raw = (role: MeWithRole['role']): MeWithRole => ({
  id: 'u1',
  email: 'someone@example.com',
  first_name: null,
  last_name: null,
  status: 'active',
  role,
  email_notifications: true,
  last_access: null,
  date_created: '2026-01-01T00:00:00.000Z',
  date_updated: null,
});

const meWith = (role: MeWithRole['role']): Me => toMe(raw(role));

describe('choosing the area from /users/me', () => {
  it('sends roles with admin access to the admin console, whatever their name', () => {
    expect(areaOf(meWith({ id: 'r1', name: 'Administrator', admin_access: true }))).toBe('admin');
    expect(areaOf(meWith({ id: 'r1', name: 'Agent', admin_access: true }))).toBe('admin');
  });

  it('sends the Agent role to the agent workspace', () => {
    expect(areaOf(meWith({ id: 'r2', name: 'Agent', admin_access: false }))).toBe('agent');
  });

  it('sends everyone else to the customer portal: customers, other roles, no role', () => {
    expect(areaOf(meWith({ id: 'r3', name: 'Customer', admin_access: false }))).toBe('customer');
    expect(areaOf(meWith({ id: 'r4', name: 'Partner', admin_access: false }))).toBe('customer');
    expect(areaOf(meWith({ id: 'r5', name: 'agent', admin_access: false }))).toBe('customer');
    expect(areaOf(meWith(null))).toBe('customer');
  });

  it('keeps the role id on Me and adds the role’s name and admin flag', () => {
    const me = meWith({ id: 'r2', name: 'Agent', admin_access: false });
    expect(me).toMatchObject({ id: 'u1', role: 'r2', role_name: 'Agent', admin_access: false });
    expect(meWith(null)).toMatchObject({ role: null, role_name: null, admin_access: false });
  });
});

describe('the page to return to after signing in', () => {
  it('accepts pages of this app', () => {
    expect(safeNextPath('/admin/users')).toBe('/admin/users');
    expect(safeNextPath('/tickets/12?tab=thread')).toBe('/tickets/12?tab=thread');
  });

  it('refuses other sites, API paths and sign-in pages', () => {
    for (const next of [
      null,
      '',
      'https://evil.example',
      '//evil.example/x',
      '/\\evil.example',
      'admin',
      '/users/me',
      '/auth/logout',
      '/login',
      '/login?next=/x',
      '/reset-password?token=x',
    ]) {
      expect(safeNextPath(next), String(next)).toBeUndefined();
    }
  });
});
