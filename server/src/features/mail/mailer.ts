import { createRequire } from 'node:module';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { Config } from '../../config.js';
import type { Database } from '../../db/tables.js';
import type { MailContent } from './mail.templates.js';

export interface Mailer {
  /**
   * Sends one mail and records it in the mail log. Without SMTP the mail is only logged and kept in the mail log,
   * so a fresh install still works (an invitation link can be read there). Never throws: a failed send is recorded
   * with its error, because the caller's change has already been committed.
   */
  send(to: { email: string; name?: string | null }, content: MailContent): Promise<void>;
  /** Like send(), for senders that retry (flows): throws when the SMTP server does not take the mail. */
  deliver(to: Array<{ email: string; name?: string | null }>, content: MailContent): Promise<{ messageId: string | null }>;
  close(): void;
}

export function createMailer(deps: { config: Config['mail']; db: Kysely<Database>; log: FastifyBaseLogger; now: () => Date }): Mailer {
  const { config, db, log, now } = deps;
  const transport: Transporter | undefined = config.smtp
    ? // Loaded only with SMTP configured: without it mail goes to the log and nodemailer need not be in memory.
      (createRequire(import.meta.url)('nodemailer') as typeof nodemailer).createTransport({
        host: config.smtp.host,
        port: config.smtp.port,
        secure: config.smtp.secure,
        auth: config.smtp.user ? { user: config.smtp.user, pass: config.smtp.password ?? '' } : undefined,
        tls: { rejectUnauthorized: config.smtp.verifyTls },
      })
    : undefined;

  async function record(to: string, content: MailContent, status: 'logged' | 'sent' | 'failed', error: string | null, messageId: string | null) {
    try {
      await db
        .insertInto('mail_log')
        .values({
          to,
          subject: content.subject,
          text: content.text,
          html: content.html,
          status,
          error,
          message_id: messageId,
          date_created: now().toISOString(),
        })
        .execute();
    } catch (cause) {
      log.error({ err: cause }, 'mail log could not be written');
    }
  }

  async function deliver(to: Array<{ email: string; name?: string | null }>, content: MailContent): Promise<{ messageId: string | null }> {
    const recipients = to.map((person) => (person.name ? { name: person.name, address: person.email } : person.email));
    const list = to.map((person) => person.email).join(', ');
    if (!transport) {
      log.info({ to: list, subject: content.subject, text: content.text }, 'mail (no SMTP configured; kept in the mail log)');
      await record(list, content, 'logged', null, null);
      return { messageId: null };
    }
    try {
      const info = await transport.sendMail({ from: config.from, to: recipients, subject: content.subject, text: content.text, html: content.html });
      await record(list, content, 'sent', null, info.messageId ?? null);
      return { messageId: info.messageId ?? null };
    } catch (cause) {
      await record(list, content, 'failed', cause instanceof Error ? cause.message : String(cause), null);
      throw cause;
    }
  }

  return {
    deliver,
    async send(to, content) {
      try {
        await deliver([to], content);
      } catch (cause) {
        log.error({ err: cause, to: to.email }, 'mail could not be sent');
      }
    },
    close() {
      transport?.close();
    },
  };
}
