import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/test-app.js';
import { testDatabases } from '../support/test-database.js';

for (const dialect of testDatabases()) {
  describe(`HTTP behaviour (${dialect})`, () => {
    let t: TestApp;
    const logLines: string[] = [];
    beforeAll(async () => {
      const logStream = new Writable({
        write(chunk, _encoding, callback) {
          logLines.push(String(chunk));
          callback();
        },
      });
      t = await createTestApp(dialect, { logStream, env: { HTTP_BODY_LIMIT: '2kb' } });
    });
    afterAll(() => t?.close());

    it('answers unknown routes and methods with 404 ROUTE_NOT_FOUND, with or without credentials', async () => {
      for (const request of [
        { method: 'GET' as const, url: '/nope' },
        { method: 'GET' as const, url: '/nope', token: 'garbage' },
        { method: 'PUT' as const, url: '/users/me', token: t.adminToken, payload: {} },
      ]) {
        const response = await t.inject(request);
        expect(response.statusCode).toBe(404);
        expect(response.json().errors[0].extensions.code).toBe('ROUTE_NOT_FOUND');
      }
      expect((await t.inject({ method: 'GET', url: '/nope' })).json()).toEqual({
        errors: [{ message: "Route /nope doesn't exist.", extensions: { path: '/nope', code: 'ROUTE_NOT_FOUND' } }],
      });
    });

    it('answers malformed JSON with 400 INVALID_PAYLOAD', async () => {
      const response = await t.inject({
        method: 'POST',
        url: '/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"email": "a@example.com",',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].extensions.code).toBe('INVALID_PAYLOAD');
    });

    it('answers a body over the limit with 413 CONTENT_TOO_LARGE', async () => {
      const response = await t.inject({ method: 'POST', url: '/auth/login', payload: { email: 'a@example.com', password: 'x'.repeat(4096) } });
      expect(response.statusCode).toBe(413);
      expect(response.json().errors[0].extensions.code).toBe('CONTENT_TOO_LARGE');
    });

    it('answers a non-JSON content type with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
        const response = await t.inject({ method: 'POST', url: '/auth/login', headers: { 'content-type': type }, payload: 'email=a@example.com' });
        expect(response.statusCode, type).toBe(415);
        expect(response.json().errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      }
    });

    it('sends security headers and no CORS headers unless configured', async () => {
      const response = await t.inject({ method: 'GET', url: '/server/info', headers: { origin: 'https://other.example' } });
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['strict-transport-security']).toBeDefined();
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('serves health, ping, info and the OpenAPI document', async () => {
      const health = await t.inject({ method: 'GET', url: '/server/health' });
      expect(health.statusCode).toBe(200);
      expect(health.headers['content-type']).toMatch(/^application\/health\+json/);
      expect(health.json()).toEqual({ status: 'ok' });
      const adminHealth = await t.inject({ method: 'GET', url: '/server/health', token: t.adminToken });
      expect(Object.keys(adminHealth.json().checks)).toEqual([`${dialect}:responseTime`]);

      const ping = await t.inject({ method: 'GET', url: '/server/ping', token: 'garbage' });
      expect(ping.statusCode).toBe(200);
      expect(ping.body).toBe('pong');

      expect((await t.inject({ method: 'GET', url: '/server/info' })).json().data).toEqual({ project: expect.any(Object), setupCompleted: true });
      expect((await t.inject({ method: 'GET', url: '/server/info', token: t.adminToken })).json().data.queryLimit).toEqual({ default: 100, max: 1000 });
      expect((await t.inject({ method: 'GET', url: '/server/info', token: 'garbage' })).statusCode).toBe(401);

      const oas = await t.inject({ method: 'GET', url: '/server/specs/oas' });
      expect(oas.statusCode).toBe(200);
      const spec = oas.json();
      expect(spec.openapi).toMatch(/^3\./);
      expect(spec.paths['/auth/login'].post.requestBody).toBeDefined();
      expect(spec.paths['/users/{id}']).toBeDefined();
    });

    it('never writes passwords, tokens or cookies to the log', async () => {
      const login = await t.inject({ method: 'POST', url: '/auth/login', payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, mode: 'cookie' } });
      const access = login.json().data.access_token as string;
      const refreshCookie = login.cookies.find((cookie) => cookie.name === 'parley_refresh_token')?.value as string;
      const refreshed = await t.inject({ method: 'POST', url: '/auth/refresh', cookies: { parley_refresh_token: refreshCookie } });
      const session = await t.inject({ method: 'POST', url: '/auth/login', payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, mode: 'session' } });
      const sessionCookie = session.cookies.find((cookie) => cookie.name === 'parley_session_token')?.value as string;
      await t.inject({ method: 'GET', url: `/users/me?access_token=${access}` });
      await t.inject({ method: 'GET', url: '/users/me', cookies: { parley_session_token: sessionCookie } });
      await t.inject({ method: 'PATCH', url: '/users/me', token: access, payload: { password: 'another-password-9', current_password: 'wrong-one' } });
      await t.inject({ method: 'POST', url: '/auth/login', payload: { email: ADMIN_EMAIL, password: 'a-wrong-password-xyz' } });

      const log = logLines.join('');
      expect(log).toContain('/users/me');
      for (const secret of [
        ADMIN_PASSWORD,
        'a-wrong-password-xyz',
        'another-password-9',
        access,
        refreshCookie,
        sessionCookie,
        refreshed.json().data.access_token,
        t.adminToken,
      ]) {
        expect(log).not.toContain(secret);
      }
    });
  });
}

describe('CORS when configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { env: { HTTP_CORS_ORIGIN: 'https://portal.example' } });
  });
  afterAll(() => t?.close());

  it('allows the configured origin only', async () => {
    const allowed = await t.inject({
      method: 'OPTIONS',
      url: '/auth/login',
      headers: { origin: 'https://portal.example', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://portal.example');
    const other = await t.inject({ method: 'GET', url: '/server/info', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
