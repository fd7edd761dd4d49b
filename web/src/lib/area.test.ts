import { describe, expect, it } from 'vitest';
import type { Me, Role } from '../../../common/src/users';
import { ApiError } from '../api/client';
import { areaFromHints, createAreaResolver, safeNextPath } from './area';

const me = (overrides: Partial<Me> = {}): Me => ({
  id: 'u1',
  email: 'someone@example.com',
  first_name: null,
  last_name: null,
  status: 'active',
  role: 'r1',
  email_notifications: true,
  last_access: null,
  date_created: '2026-01-01T00:00:00.000Z',
  date_updated: null,
  ...overrides,
});

const role = (overrides: Partial<Role>): Role => ({
  id: 'r1',
  name: 'Customer',
  icon: null,
  description: null,
  admin_access: false,
  app_access: true,
  date_created: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

describe('choosing the area from /users/me', () => {
  it('follows the hints: admin access first, then the role name', () => {
    expect(areaFromHints(me({ admin_access: true, role_name: 'Agent' }))).toBe('admin');
    expect(areaFromHints(me({ admin_access: false, role_name: 'Agent' }))).toBe('agent');
    expect(areaFromHints(me({ role_name: 'Customer' }))).toBe('customer');
    expect(areaFromHints(me({ role_name: null, admin_access: false }))).toBe('customer');
    expect(areaFromHints(me())).toBeUndefined();
  });

  it('without hints, reads the role: admins may, everyone else gets 403 and the customer area', async () => {
    const forbidden = new ApiError({ code: 'FORBIDDEN', status: 403, message: 'no' });
    const resolve = (getRole: (id: string) => Promise<Role>) => createAreaResolver({ getRole })(me());
    expect(await resolve(async () => role({ name: 'Administrator', admin_access: true }))).toBe('admin');
    expect(await resolve(async () => role({ name: 'Agent' }))).toBe('agent');
    expect(await resolve(() => Promise.reject(forbidden))).toBe('customer');
    expect(await createAreaResolver({ getRole: () => Promise.reject(forbidden) })(me({ role: null }))).toBe('customer');
  });

  it('does not mistake an outage for "not an admin"', async () => {
    const outage = new ApiError({ code: 'NETWORK', status: 0, message: 'offline' });
    await expect(createAreaResolver({ getRole: () => Promise.reject(outage) })(me())).rejects.toBe(outage);
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
