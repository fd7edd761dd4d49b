import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithRole } from '../support/factories.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/test-app.js';
import { testDatabases } from '../support/test-database.js';

function cookieFrom(response: { cookies: Array<{ name: string; value: string }> }, name: string): string | undefined {
  return response.cookies.find((cookie) => cookie.name === name)?.value;
}

for (const dialect of testDatabases()) {
  describe(`auth (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(dialect, { env: { AUTH_LOGIN_MAX_FAILURES: '10' } });
    });
    afterAll(() => t?.close());

    it('logs in with json mode and reads /users/me with the access token', async () => {
      const login = await t.inject({ method: 'POST', url: '/auth/login', payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
      expect(login.statusCode).toBe(200);
      const { data } = login.json();
      expect(data.expires).toBe(900_000);
      expect(typeof data.refresh_token).toBe('string');
      const me = await t.inject({ method: 'GET', url: '/users/me', token: data.access_token });
      expect(me.statusCode).toBe(200);
      expect(me.json().data.email).toBe(ADMIN_EMAIL);
      expect(me.json().data.password).toBeUndefined();
    });

    it('accepts the email in any case and with surrounding spaces', async () => {
      const login = await t.inject({ method: 'POST', url: '/auth/login', payload: { email: ' Admin@Example.COM', password: ADMIN_PASSWORD } });
      expect(login.statusCode, login.body).toBe(200);
    });

    it('answers an unknown email exactly like a wrong password', async () => {
      const wrong = await t.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: ADMIN_EMAIL, password: 'not-the-password' },
        remoteAddress: '10.0.0.9',
      });
      const unknown = await t.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: 'nobody@example.com', password: 'whatever' },
        remoteAddress: '10.0.0.9',
      });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(unknown.body).toBe(wrong.body);
      expect(wrong.json().errors[0].extensions.code).toBe('INVALID_CREDENTIALS');
    });

    it('spends about the same time on an unknown email as on a wrong password', async () => {
      const time = async (email: string) => {
        const started = performance.now();
        await t.inject({ method: 'POST', url: '/auth/login', payload: { email, password: 'wrong-password' }, remoteAddress: '10.0.0.10' });
        return performance.now() - started;
      };
      await time('warmup@example.com');
      const unknown = await time('ghost@example.com');
      const known = await time(ADMIN_EMAIL);
      // Both verify an argon2id hash; without the dummy check an unknown email answers in well under a millisecond.
      expect(unknown).toBeGreaterThan(known / 4);
    });

    it('answers the 11th rapid wrong login from one address with 429', async () => {
      const user = await createUserWithRole(t, 'customer');
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 11; attempt++) {
        const response = await t.inject({ method: 'POST', url: '/auth/login', payload: { email: user.email, password: 'wrong' }, remoteAddress: '10.1.1.1' });
        statuses.push(response.statusCode);
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses[10]).toBe(429);
      // Even the right password is refused while throttled, so guessing gains nothing.
      const blocked = await t.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: user.email, password: user.password },
        remoteAddress: '10.1.1.1',
      });
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().errors[0].extensions.code).toBe('REQUESTS_EXCEEDED');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('throttles per account too, whatever address the attempts come from', async () => {
      const user = await createUserWithRole(t, 'customer');
      for (let attempt = 0; attempt < 10; attempt++) {
        await t.inject({ method: 'POST', url: '/auth/login', payload: { email: user.email, password: 'wrong' }, remoteAddress: `10.2.0.${attempt}` });
      }
      const response = await t.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: user.email, password: user.password },
        remoteAddress: '10.2.1.1',
      });
      expect(response.statusCode).toBe(429);
      t.clock.advance(16 * 60_000);
      const later = await t.inject({ method: 'POST', url: '/auth/login', payload: { email: user.email, password: user.password }, remoteAddress: '10.2.1.1' });
      expect(later.statusCode).toBe(200);
    });

    it('rotates the refresh token and revokes the whole session when a rotated token is reused', async () => {
      const login = (await t.inject({ method: 'POST', url: '/auth/login', payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } })).json().data;
      const first = await t.inject({ method: 'POST', url: '/auth/refresh', payload: { refresh_token: login.refresh_token } });
      expect(first.statusCode).toBe(200);
      const rotated = first.json().data.refresh_token;
      expect(rotated).not.toBe(login.refresh_token);

      const reuse = await t.inject({ method: 'POST', url: '/auth/refresh', payload: { refresh_token: login.refresh_token } });
      expect(reuse.statusCode).toBe(401);
      expect(reuse.json().errors[0].extensions.code).toBe('INVALID_CREDENTIALS');
      // The thief's reuse also kills the legitimate holder's newer token.
      const afterRevoke = await t.inject({ method: 'POST', url: '/auth/refresh', payload: { refresh_token: rotated } });
      expect(afterRevoke.statusCode).toBe(401);
    });

    it('stores refresh tokens only as hashes', async () => {
      const login = (await t.inject({ method: 'POST', url: '/auth/login', payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } })).json().data;
      const stored = await t.ctx.database.db.selectFrom('refresh_tokens').select('token_hash').execute();
      expect(stored.length).toBeGreaterThan(0);
      expect(stored.some((row) => row.token_hash === login.refresh_token)).toBe(false);
    });

    it('logs out: the refresh token stops working, and logging out twice is fine', async () => {
      const login = (await t.inject({ method: 'POST', url: '/auth/login', payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } })).json().data;
      const logout = await t.inject({ method: 'POST', url: '/auth/logout', payload: { refresh_token: login.refresh_token } });
      expect(logout.statusCode).toBe(204);
      expect((await t.inject({ method: 'POST', url: '/auth/logout', payload: { refresh_token: login.refresh_token } })).statusCode).toBe(204);
      const refresh = await t.inject({ method: 'POST', url: '/auth/refresh', payload: { refresh_token: login.refresh_token } });
      expect(refresh.statusCode).toBe(401);
    });

    it('cookie mode keeps the refresh token in an HttpOnly SameSite cookie and refreshes from it', async () => {
      const login = await t.inject({ method: 'POST', url: '/auth/login', payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, mode: 'cookie' } });
      expect(login.statusCode).toBe(200);
      expect(login.json().data.refresh_token).toBeUndefined();
      const setCookie = String(login.headers['set-cookie']);
      expect(setCookie).toMatch(/parley_refresh_token=/);
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Lax/);
      const cookie = cookieFrom(login, 'parley_refresh_token') as string;
      const refresh = await t.inject({ method: 'POST', url: '/auth/refresh', cookies: { parley_refresh_token: cookie } });
      expect(refresh.statusCode, refresh.body).toBe(200);
      expect(refresh.json().data.access_token).toBeTypeOf('string');
      expect(cookieFrom(refresh, 'parley_refresh_token')).not.toBe(cookie);
    });

    it('session mode authenticates by cookie alone and logout ends it', async () => {
      const login = await t.inject({ method: 'POST', url: '/auth/login', payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, mode: 'session' } });
      expect(login.json()).toEqual({ data: { expires: 86_400_000 } });
      const session = cookieFrom(login, 'parley_session_token') as string;
      const me = await t.inject({ method: 'GET', url: '/users/me', cookies: { parley_session_token: session } });
      expect(me.statusCode).toBe(200);
      const renewed = await t.inject({ method: 'POST', url: '/auth/refresh', payload: { mode: 'session' }, cookies: { parley_session_token: session } });
      expect(renewed.statusCode, renewed.body).toBe(200);
      const logout = await t.inject({ method: 'POST', url: '/auth/logout', payload: { mode: 'session' }, cookies: { parley_session_token: session } });
      expect(logout.statusCode).toBe(204);
      const after = await t.inject({ method: 'GET', url: '/users/me', cookies: { parley_session_token: session } });
      expect(after.statusCode).toBe(401);
      expect(after.json().errors[0].extensions.code).toBe('INVALID_CREDENTIALS');
    });

    it('refuses a cross-site form post that carries the session cookie, and changes nothing', async () => {
      const login = await t.inject({ method: 'POST', url: '/auth/login', payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, mode: 'session' } });
      const session = cookieFrom(login, 'parley_session_token') as string;
      const before = await t.inject({ method: 'GET', url: '/users/me', cookies: { parley_session_token: session } });

      const forged = await t.inject({
        method: 'PATCH',
        url: '/users/me',
        cookies: { parley_session_token: session },
        headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'first_name=Mallory',
      });
      expect(forged.statusCode).toBe(403);
      const forgedJson = await t.inject({
        method: 'PATCH',
        url: '/users/me',
        cookies: { parley_session_token: session },
        headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
        payload: { first_name: 'Mallory' },
      });
      expect(forgedJson.statusCode).toBe(403);
      const after = await t.inject({ method: 'GET', url: '/users/me', cookies: { parley_session_token: session } });
      expect(after.json().data.first_name).toBe(before.json().data.first_name);

      const sameOrigin = await t.inject({
        method: 'PATCH',
        url: '/users/me',
        cookies: { parley_session_token: session },
        headers: { origin: 'http://parley.test' },
        payload: { first_name: 'Ada' },
      });
      expect(sameOrigin.statusCode, sameOrigin.body).toBe(200);
      expect(sameOrigin.json().data.first_name).toBe('Ada');
    });

    it('refuses expired access tokens with TOKEN_EXPIRED and foreign signatures with INVALID_TOKEN', async () => {
      const token = await t.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      const forged = `${token.slice(0, token.lastIndexOf('.'))}.${'A'.repeat(43)}`;
      const bad = await t.inject({ method: 'GET', url: '/users/me', token: forged });
      expect(bad.statusCode).toBe(403);
      expect(bad.json().errors[0].extensions.code).toBe('INVALID_TOKEN');
      const garbage = await t.inject({ method: 'GET', url: '/users/me', token: 'garbage' });
      expect(garbage.statusCode).toBe(401);
      t.clock.advance(16 * 60_000);
      const expired = await t.inject({ method: 'GET', url: '/users/me', token });
      expect(expired.statusCode).toBe(401);
      expect(expired.json().errors[0].extensions.code).toBe('TOKEN_EXPIRED');
    });

    it('accepts a static API token and stores only its hash', async () => {
      const user = await createUserWithRole(t, 'agent');
      const staticToken = 'static-token-for-scripts-0123456789';
      const set = await t.inject({ method: 'PATCH', url: `/users/${user.id}`, token: t.adminToken, payload: { token: staticToken } });
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json().data.token).toBeUndefined();
      const me = await t.inject({ method: 'GET', url: '/users/me', token: staticToken });
      expect(me.statusCode).toBe(200);
      expect(me.json().data.id).toBe(user.id);
      const viaQuery = await t.inject({ method: 'GET', url: `/users/me?access_token=${staticToken}` });
      expect(viaQuery.statusCode).toBe(200);
      const row = await t.ctx.database.db.selectFrom('users').select('token_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
      expect(row.token_hash).not.toBe(staticToken);
    });

    it('does not let invited or suspended users log in', async () => {
      const suspended = await createUserWithRole(t, 'customer');
      await t.inject({ method: 'PATCH', url: `/users/${suspended.id}`, token: t.adminToken, payload: { status: 'suspended' } });
      const refused = await t.inject({ method: 'POST', url: '/auth/login', payload: { email: suspended.email, password: suspended.password } });
      expect(refused.statusCode).toBe(401);
      expect(refused.json().errors[0].extensions.code).toBe('INVALID_CREDENTIALS');
      const invited = await t.inject({
        method: 'POST',
        url: '/users',
        token: t.adminToken,
        payload: { email: 'invited-only@example.com', password: 'some-password-1', status: 'invited', role: t.roles.customer },
      });
      expect(invited.statusCode).toBe(200);
      const invitedLogin = await t.inject({ method: 'POST', url: '/auth/login', payload: { email: 'invited-only@example.com', password: 'some-password-1' } });
      expect(invitedLogin.statusCode).toBe(401);
    });

    it('ends the web sessions of a user who is suspended', async () => {
      const user = await createUserWithRole(t, 'customer');
      const login = await t.inject({ method: 'POST', url: '/auth/login', payload: { email: user.email, password: user.password, mode: 'session' } });
      const session = cookieFrom(login, 'parley_session_token') as string;
      expect((await t.inject({ method: 'GET', url: '/users/me', cookies: { parley_session_token: session } })).statusCode).toBe(200);
      await t.inject({ method: 'PATCH', url: `/users/${user.id}`, token: t.adminToken, payload: { status: 'suspended' } });
      expect((await t.inject({ method: 'GET', url: '/users/me', cookies: { parley_session_token: session } })).statusCode).toBe(401);
    });

    it('rejects malformed login payloads with INVALID_PAYLOAD', async () => {
      const missing = await t.inject({ method: 'POST', url: '/auth/login', payload: {} });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().errors[0]).toEqual({
        message: 'Invalid payload. "email" is required.',
        extensions: { reason: '"email" is required', code: 'INVALID_PAYLOAD' },
      });
      const notEmail = await t.inject({ method: 'POST', url: '/auth/login', payload: { email: 'not-an-email', password: 'x' } });
      expect(notEmail.statusCode).toBe(400);
      const emptyRefresh = await t.inject({ method: 'POST', url: '/auth/refresh', payload: {} });
      expect(emptyRefresh.statusCode).toBe(400);
      expect(emptyRefresh.json().errors[0].extensions.code).toBe('INVALID_PAYLOAD');
    });
  });
}
