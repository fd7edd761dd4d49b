import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp-peer.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** SMTP over STARTTLS checks the server's certificate unless SMTP_TLS_VERIFY=false says the relay is self-signed. */
describe('SMTP TLS verification', () => {
  let smtp: SmtpPeer;
  const apps: TestApp[] = [];
  beforeAll(async () => {
    smtp = await startSmtpPeer({ starttls: true });
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await smtp?.close();
  });
  const appWith = async (env: Record<string, string>) => {
    const app = await createTestApp('sqlite', { env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), ...env } });
    apps.push(app);
    return app;
  };
  const content = { subject: 'TLS check', text: 'Hello', html: '<p>Hello</p>' };

  it('refuses a self-signed certificate by default: the mail is not sent', async () => {
    const t = await appWith({});
    await expect(t.ctx.mailer.deliver([{ email: 'strict@example.com' }], content)).rejects.toThrow(/certificate/i);
    expect(smtp.mails.some((mail) => mail.to.includes('strict@example.com'))).toBe(false);
  });

  it('sends through a self-signed relay with SMTP_TLS_VERIFY=false', async () => {
    const t = await appWith({ SMTP_TLS_VERIFY: 'false' });
    await t.ctx.mailer.deliver([{ email: 'relaxed@example.com' }], content);
    const mail = await smtp.waitForMail('relaxed@example.com');
    expect(mail.parsed.subject).toBe('TLS check');
  });
});
