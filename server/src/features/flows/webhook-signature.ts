import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks (https://www.standardwebhooks.com): the signed content is "<id>.<timestamp>.<body>", signed with
 * HMAC-SHA256 using the base64-decoded part of a "whsec_…" secret, sent as "v1,<base64 signature>".
 */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${signature}`;
}

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** Standard Webhooks message ids: stable per delivery, so receivers can deduplicate retries. */
export function webhookMessageId(): string {
  return `msg_${randomBytes(16).toString('hex')}`;
}
