import { renderMail } from '../../mail/mail.templates.js';
import { renderText } from '../templates.js';
import { type OperationContext, OperationFailure, type OperationHandler } from './operation.js';

/**
 * `mail`: sends a text mail (its HTML version escapes every value, so ticket text cannot inject markup). Options:
 * to (an address or a list), subject, body; all templated. SMTP failures are retried by durable runs.
 */
export const mailOperation: OperationHandler = {
  effects: true,
  async run({ operation, data, deps, delivery }: OperationContext) {
    const options = operation.options;
    const to = recipients(options.to, data);
    if (to.length === 0) throw new OperationFailure('The mail has no valid recipient');
    const subject =
      renderText(options.subject ?? '', data)
        .replace(/[\r\n]+/g, ' ')
        .trim() || '(no subject)';
    const body = renderText(options.body ?? '', data);
    const content = renderMail({ subject, paragraphs: body.split(/\n{2,}/) });
    const { attempt } = delivery ? await delivery.begin('mail', to.join(', ')) : { attempt: 1 };
    const started = performance.now();
    try {
      const sent = await deps.mailer.deliver(
        to.map((email) => ({ email })),
        content,
      );
      await delivery?.record({ durationMs: Math.round(performance.now() - started), delivered: true, excerpt: sent.messageId ?? undefined });
      return { to, subject, messageId: sent.messageId };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await delivery?.record({ durationMs: Math.round(performance.now() - started), error: message, delivered: false });
      throw new OperationFailure(`Mail ${attempt > 1 ? `attempt ${attempt} ` : ''}to ${to.join(', ')} failed: ${message}`, { retryable: true });
    }
  },
};

const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

function recipients(value: unknown, data: Record<string, unknown>): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list
    .flatMap((entry) => renderText(entry, data).split(/[,;]/))
    .map((entry) => entry.trim())
    .filter((entry) => EMAIL.test(entry));
}
