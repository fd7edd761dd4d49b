import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app.js';

export interface TestUser {
  id: string;
  email: string;
  password: string;
}

/** An active user with one of the default roles, created through the admin API. */
export async function createUserWithRole(
  t: TestApp,
  role: 'admin' | 'agent' | 'customer',
  overrides: { email?: string; first_name?: string } = {},
): Promise<TestUser> {
  const email = overrides.email ?? `${role}-${randomUUID().slice(0, 8)}@example.com`;
  const password = `pw-${randomUUID()}`;
  const response = await t.inject({
    method: 'POST',
    url: '/users',
    token: t.adminToken,
    payload: { email, password, role: t.roles[role], first_name: overrides.first_name ?? role },
  });
  if (response.statusCode !== 200) throw new Error(`creating ${role} failed: ${response.body}`);
  return { id: response.json().data.id, email, password };
}
