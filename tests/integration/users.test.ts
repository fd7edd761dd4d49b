import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithRole } from '../support/factories.js';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp-peer.js';
import { ADMIN_EMAIL, createTestApp, type TestApp } from '../support/test-app.js';
import { testDatabases } from '../support/test-database.js';

function tokenFromMail(text: string): string {
  const match = /[?&]token=([\w-]+)/.exec(text);
  if (!match) throw new Error(`no token link in mail:\n${text}`);
  return match[1] as string;
}

for (const dialect of testDatabases()) {
  describe(`users, roles and invitations (${dialect})`, () => {
    let t: TestApp;
    let smtp: SmtpPeer;
    beforeAll(async () => {
      smtp = await startSmtpPeer();
      t = await createTestApp(dialect, { env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), MAIL_FROM: 'Parley Support <help@parley.test>' } });
    });
    afterAll(async () => {
      await t?.close();
      await smtp?.close();
    });

    it('invites a user: mail arrives through SMTP with a working link, accept activates, login works', async () => {
      const invite = await t.inject({
        method: 'POST',
        url: '/users/invite',
        token: t.adminToken,
        payload: { email: 'New.Customer@Example.com', role: t.roles.customer },
      });
      expect(invite.statusCode, invite.body).toBe(204);
      const mail = await smtp.waitForMail('new.customer@example.com');
      expect(mail.parsed.subject).toBe('You have been invited to Parley');
      expect(mail.parsed.text).toContain('http://parley.test/accept-invite?token=');
      expect(mail.parsed.html).toContain('href="http://parley.test/accept-invite?token=');
      const token = tokenFromMail(mail.parsed.text as string);

      const listed = (await t.inject({ method: 'GET', url: '/users?limit=-1', token: t.adminToken })).json().data;
      const invited = listed.find((user: { email: string }) => user.email === 'new.customer@example.com');
      expect(invited).toMatchObject({ status: 'invited', role: t.roles.customer });

      const accept = await t.inject({ method: 'POST', url: '/users/invite/accept', payload: { token, password: 'chosen-password-1' } });
      expect(accept.statusCode, accept.body).toBe(204);
      const again = await t.inject({ method: 'POST', url: '/users/invite/accept', payload: { token, password: 'other-password-2' } });
      expect(again.statusCode).toBe(403);
      expect(again.json().errors[0].extensions.code).toBe('INVALID_TOKEN');

      const accessToken = await t.login('new.customer@example.com', 'chosen-password-1');
      const me = await t.inject({ method: 'GET', url: '/users/me', token: accessToken });
      expect(me.json().data).toMatchObject({ email: 'new.customer@example.com', status: 'active', role: t.roles.customer });
    });

    it('re-inviting replaces the earlier link, and links expire', async () => {
      await t.inject({ method: 'POST', url: '/users/invite', token: t.adminToken, payload: { email: 'twice@example.com', role: t.roles.agent } });
      const first = tokenFromMail((await smtp.waitForMail('twice@example.com')).parsed.text as string);
      smtp.mails.splice(0);
      await t.inject({ method: 'POST', url: '/users/invite', token: t.adminToken, payload: { email: 'twice@example.com', role: t.roles.agent } });
      const second = tokenFromMail((await smtp.waitForMail('twice@example.com')).parsed.text as string);
      expect(second).not.toBe(first);
      expect((await t.inject({ method: 'POST', url: '/users/invite/accept', payload: { token: first, password: 'password-one-1' } })).statusCode).toBe(403);

      t.clock.advance(8 * 24 * 3600_000);
      const expired = await t.inject({ method: 'POST', url: '/users/invite/accept', payload: { token: second, password: 'password-two-2' } });
      expect(expired.statusCode).toBe(403);
      expect(expired.json().errors[0].extensions.code).toBe('INVALID_TOKEN');
    });

    it('inviting an active user changes nothing and sends nothing', async () => {
      const user = await createUserWithRole(t, 'customer');
      smtp.mails.splice(0);
      const invite = await t.inject({ method: 'POST', url: '/users/invite', token: t.adminToken, payload: { email: user.email, role: t.roles.admin } });
      expect(invite.statusCode).toBe(204);
      const stored = (await t.inject({ method: 'GET', url: `/users/${user.id}`, token: t.adminToken })).json().data;
      expect(stored).toMatchObject({ status: 'active', role: t.roles.customer });
      expect(smtp.mails.filter((mail) => mail.to.includes(user.email))).toHaveLength(0);
    });

    it('refuses an invite_url outside PUBLIC_URL and the allow list', async () => {
      const response = await t.inject({
        method: 'POST',
        url: '/users/invite',
        token: t.adminToken,
        payload: { email: 'x@example.com', role: t.roles.customer, invite_url: 'https://evil.example/accept' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].extensions.code).toBe('INVALID_PAYLOAD');
    });

    it('resets a password through a mailed single-use link and answers the same for unknown emails', async () => {
      const user = await createUserWithRole(t, 'agent');
      const known = await t.inject({ method: 'POST', url: '/auth/password/request', payload: { email: user.email } });
      const unknown = await t.inject({ method: 'POST', url: '/auth/password/request', payload: { email: 'no-such-user@example.com' } });
      expect(known.statusCode).toBe(204);
      expect(unknown.statusCode).toBe(204);
      expect(unknown.body).toBe(known.body);
      const mail = await smtp.waitForMail(user.email);
      expect(mail.parsed.subject).toBe('Reset your Parley password');
      const token = tokenFromMail(mail.parsed.text as string);
      const sessionBefore = await t.login(user.email, user.password);
      expect(sessionBefore).toBeTypeOf('string');

      const reset = await t.inject({ method: 'POST', url: '/auth/password/reset', payload: { token, password: 'brand-new-password' } });
      expect(reset.statusCode, reset.body).toBe(204);
      expect((await t.inject({ method: 'POST', url: '/auth/password/reset', payload: { token, password: 'again-new-password' } })).statusCode).toBe(403);
      expect((await t.inject({ method: 'POST', url: '/auth/login', payload: { email: user.email, password: user.password } })).statusCode).toBe(401);
      expect(await t.login(user.email, 'brand-new-password')).toBeTypeOf('string');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(smtp.mails.some((m) => m.to.includes('no-such-user@example.com'))).toBe(false);
    });

    it('encodes UTF-8 names and subjects and escapes user text in HTML', async () => {
      await t.ctx.mailer.send(
        { email: 'zoe@example.com', name: 'Zoë Ünal 🎧' },
        (await import('../../server/src/features/mail/mail.templates.js')).renderMail({
          subject: 'Ticket «Überweisung» erledigt ✅',
          paragraphs: ['Message: <img src=x onerror=alert(1)> & "quotes"'],
        }),
      );
      const mail = await smtp.waitForMail('zoe@example.com');
      expect(mail.parsed.subject).toBe('Ticket «Überweisung» erledigt ✅');
      expect(mail.parsed.to && 'value' in mail.parsed.to ? mail.parsed.to.value[0]?.name : undefined).toBe('Zoë Ünal 🎧');
      expect(mail.raw).toMatch(/^Subject: =\?UTF-8\?/m);
      expect(mail.parsed.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
      expect(mail.parsed.html).not.toContain('<img');
      expect(mail.parsed.text).toContain('<img src=x onerror=alert(1)>');
      expect(mail.parsed.from?.value[0]).toMatchObject({ name: 'Parley Support', address: 'help@parley.test' });
    });

    it('lets admins create, read, update and delete users; emails are unique case-insensitively', async () => {
      const created = await t.inject({
        method: 'POST',
        url: '/users',
        token: t.adminToken,
        payload: { email: '  Mixed.Case@Example.com ', password: 'password-123', role: t.roles.agent, first_name: 'Mia' },
      });
      expect(created.statusCode, created.body).toBe(200);
      const user = created.json().data;
      expect(user).toMatchObject({ email: 'mixed.case@example.com', first_name: 'Mia', status: 'active', role: t.roles.agent });
      expect(user.password).toBeUndefined();
      const duplicate = await t.inject({
        method: 'POST',
        url: '/users',
        token: t.adminToken,
        payload: { email: 'MIXED.case@example.com', password: 'password-123' },
      });
      expect(duplicate.statusCode).toBe(400);
      expect(duplicate.json().errors[0].extensions.code).toBe('RECORD_NOT_UNIQUE');
      const updated = await t.inject({
        method: 'PATCH',
        url: `/users/${user.id}`,
        token: t.adminToken,
        payload: { last_name: 'Lund', role: t.roles.customer },
      });
      expect(updated.json().data).toMatchObject({ last_name: 'Lund', role: t.roles.customer });
      expect((await t.inject({ method: 'DELETE', url: `/users/${user.id}`, token: t.adminToken })).statusCode).toBe(204);
      expect((await t.inject({ method: 'GET', url: `/users/${user.id}`, token: t.adminToken })).statusCode).toBe(403);
    });

    it('rejects unknown fields, unknown roles and bad emails with 400', async () => {
      const unknownField = await t.inject({ method: 'POST', url: '/users', token: t.adminToken, payload: { email: 'a1@example.com', admin: true } });
      expect(unknownField.statusCode).toBe(400);
      expect(unknownField.json().errors[0].message).toContain('"admin" is not allowed');
      const unknownRole = await t.inject({ method: 'POST', url: '/users', token: t.adminToken, payload: { email: 'a2@example.com', role: 'nope' } });
      expect(unknownRole.statusCode).toBe(400);
      const badEmail = await t.inject({ method: 'POST', url: '/users', token: t.adminToken, payload: { email: 'not an email' } });
      expect(badEmail.statusCode).toBe(400);
      expect(badEmail.json().errors[0].message).toBe('Invalid payload. "email" must be a valid email.');
    });

    it('shows customers only themselves in /users, refuses /roles, and lets them update only their own name and password', async () => {
      const customer = await createUserWithRole(t, 'customer');
      const token = await t.login(customer.email, customer.password);
      const visible = await t.inject({ method: 'GET', url: '/users?fields=id,first_name,email', token });
      expect(visible.json().data).toEqual([{ id: customer.id, first_name: 'customer' }]);
      expect((await t.inject({ method: 'GET', url: '/roles', token })).statusCode).toBe(403);
      expect((await t.inject({ method: 'POST', url: '/users', token, payload: { email: 'sneaky@example.com' } })).statusCode).toBe(403);
      const escalate = await t.inject({ method: 'PATCH', url: '/users/me', token, payload: { role: t.roles.admin } });
      expect(escalate.statusCode).toBe(400);

      const me = await t.inject({ method: 'GET', url: '/users/me?fields=id,email,role.name,role.admin_access', token });
      expect(me.json().data).toEqual({ id: customer.id, email: customer.email, role: { name: 'Customer', admin_access: false } });
      const renamed = await t.inject({ method: 'PATCH', url: '/users/me', token, payload: { first_name: 'Carla', last_name: 'Customer' } });
      expect(renamed.json().data).toMatchObject({ first_name: 'Carla', last_name: 'Customer', role: t.roles.customer });
      const noCurrent = await t.inject({ method: 'PATCH', url: '/users/me', token, payload: { password: 'new-password-1' } });
      expect(noCurrent.statusCode).toBe(400);
      expect(noCurrent.json().errors[0].extensions).toMatchObject({ code: 'FAILED_VALIDATION', field: 'current_password' });
      const withCurrent = await t.inject({
        method: 'PATCH',
        url: '/users/me',
        token,
        payload: { password: 'new-password-1', current_password: customer.password },
      });
      expect(withCurrent.statusCode).toBe(200);
      expect(await t.login(customer.email, 'new-password-1')).toBeTypeOf('string');
    });

    it('throttles wrong current passwords on PATCH /users/me like failed logins', async () => {
      const customer = await createUserWithRole(t, 'customer');
      const token = await t.login(customer.email, customer.password);
      // An address of its own, so failures of other tests (all from 127.0.0.1) do not count here, nor these there.
      const remoteAddress = '203.0.113.77';
      const change = (current: string) =>
        t.inject({ method: 'PATCH', url: '/users/me', token, remoteAddress, payload: { password: 'another-password-1', current_password: current } });
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 12; attempt++) statuses.push((await change(`wrong-${attempt}`)).statusCode);
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
      expect(statuses.slice(10)).toEqual([429, 429]);
      // Throttled even with the right password, and login for the account is throttled too.
      const right = await change(customer.password);
      expect(right.statusCode).toBe(429);
      expect(right.json().errors[0].extensions.code).toBe('REQUESTS_EXCEEDED');
      const login = await t.inject({ method: 'POST', url: '/auth/login', remoteAddress, payload: { email: customer.email, password: customer.password } });
      expect(login.statusCode).toBe(429);
    });

    it('manages roles; a role held by users cannot be deleted', async () => {
      const roles = (await t.inject({ method: 'GET', url: '/roles', token: t.adminToken })).json().data;
      expect(roles.map((role: { name: string }) => role.name).sort()).toEqual(['Administrator', 'Agent', 'Customer']);
      expect(roles.find((role: { name: string }) => role.name === 'Administrator').admin_access).toBe(true);

      const created = await t.inject({ method: 'POST', url: '/roles', token: t.adminToken, payload: { name: 'Supervisor', description: 'Team leads' } });
      expect(created.statusCode, created.body).toBe(200);
      const supervisor = created.json().data;
      expect((await t.inject({ method: 'POST', url: '/roles', token: t.adminToken, payload: { name: 'Supervisor' } })).json().errors[0].extensions.code).toBe(
        'RECORD_NOT_UNIQUE',
      );
      const renamed = await t.inject({ method: 'PATCH', url: `/roles/${supervisor.id}`, token: t.adminToken, payload: { name: 'Team lead' } });
      expect(renamed.json().data.name).toBe('Team lead');

      const held = await t.inject({ method: 'DELETE', url: `/roles/${t.roles.customer}`, token: t.adminToken });
      expect(held.statusCode).toBe(400);
      expect(held.json().errors[0].message).toMatch(/held by/);
      expect((await t.inject({ method: 'DELETE', url: `/roles/${supervisor.id}`, token: t.adminToken })).statusCode).toBe(204);
      expect((await t.inject({ method: 'GET', url: `/roles/${supervisor.id}`, token: t.adminToken })).statusCode).toBe(403);
    });

    it('an admin cannot delete or suspend their own account', async () => {
      const me = (await t.inject({ method: 'GET', url: '/users/me', token: t.adminToken })).json().data;
      expect(me.email).toBe(ADMIN_EMAIL);
      expect((await t.inject({ method: 'DELETE', url: `/users/${me.id}`, token: t.adminToken })).statusCode).toBe(400);
      expect((await t.inject({ method: 'PATCH', url: `/users/${me.id}`, token: t.adminToken, payload: { status: 'suspended' } })).statusCode).toBe(400);
    });
  });
}
