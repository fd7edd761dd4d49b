import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as commonAuth from '../../common/src/auth.js';
import type { Role, User } from '../../common/src/users.js';
import * as serverPasswords from '../../server/src/features/auth/passwords.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { testDatabases } from '../support/test-database.js';

type Kind = 'string' | 'string|null' | 'boolean';

// What the web app reads, field by field. Keyed by the common/ types, so adding a field there fails `tsc` until it
// is listed here, and the server's answers are then checked against it.
const USER_FIELDS: Record<keyof User, Kind> = {
  id: 'string',
  email: 'string',
  first_name: 'string|null',
  last_name: 'string|null',
  status: 'string',
  role: 'string|null',
  email_notifications: 'boolean',
  last_access: 'string|null',
  date_created: 'string',
  date_updated: 'string|null',
};

const ROLE_FIELDS: Record<keyof Role, Kind> = {
  id: 'string',
  name: 'string',
  icon: 'string|null',
  description: 'string|null',
  admin_access: 'boolean',
  app_access: 'boolean',
  date_created: 'string',
};

function mismatches(data: Record<string, unknown>, fields: Record<string, Kind>): string[] {
  return Object.entries(fields).flatMap(([field, kind]) => {
    const value = data[field];
    const ok = kind === 'boolean' ? typeof value === 'boolean' : typeof value === 'string' || (kind === 'string|null' && value === null);
    return ok ? [] : [`${field}: expected ${kind}, got ${JSON.stringify(value)}`];
  });
}

describe('the web app’s API types (common/src) match what the server sends', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(testDatabases()[0] ?? 'sqlite');
  });
  afterAll(() => t?.close());

  it('GET /users/me and GET /roles/:id carry every field the web app reads, with its type', async () => {
    const me = (await t.inject({ method: 'GET', url: '/users/me', token: t.adminToken })).json().data;
    expect(mismatches(me, USER_FIELDS)).toEqual([]);
    const role = (await t.inject({ method: 'GET', url: `/roles/${me.role}`, token: t.adminToken })).json().data;
    expect(mismatches(role, ROLE_FIELDS)).toEqual([]);
  });

  it('password rules are the same on both sides', () => {
    expect(commonAuth.PASSWORD_MIN_LENGTH).toBe(serverPasswords.PASSWORD_MIN_LENGTH);
    expect(commonAuth.PASSWORD_MAX_LENGTH).toBe(serverPasswords.PASSWORD_MAX_LENGTH);
  });
});
