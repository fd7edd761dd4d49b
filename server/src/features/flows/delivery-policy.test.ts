import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { backoffDelay, classifyStatus, retryAfterMs } from './delivery-policy.js';
import { createDenyList, isDenied, sendOutbound } from './outbound.js';
import { generateWebhookSecret, signWebhook } from './webhook-signature.js';

describe('delivery policy', () => {
  it('retries network-like failures, fails other client errors at once', () => {
    expect([200, 204, 299].map(classifyStatus)).toEqual(['delivered', 'delivered', 'delivered']);
    expect([500, 502, 503, 408, 429].map(classifyStatus)).toEqual(['retry', 'retry', 'retry', 'retry', 'retry']);
    expect([400, 401, 404, 410, 301].map(classifyStatus)).toEqual(['fail', 'fail', 'fail', 'fail', 'fail']);
  });

  it('backs off exponentially with bounded jitter', () => {
    const policy = { baseMs: 1000, maxMs: 60_000 };
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, () => 1)).toBe(1000);
    expect(backoffDelay(4, policy, () => 0.5)).toBe(6000);
    expect(backoffDelay(30, policy, () => 1)).toBe(60_000);
  });

  it('reads Retry-After in seconds or as a date', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    expect(retryAfterMs('7', now, 3_600_000)).toBe(7000);
    expect(retryAfterMs('Thu, 03 Dec 2026 12:00:30 GMT', now, 3_600_000)).toBe(30_000);
    expect(retryAfterMs('999999', now, 60_000)).toBe(60_000);
    expect(retryAfterMs('soon', now, 60_000)).toBeUndefined();
  });
});

describe('outbound deny list', () => {
  const list = createDenyList(['169.254.0.0/16', 'fe80::/10', '127.0.0.0/8', '::1']);
  it('matches addresses, mapped IPv4 included', () => {
    expect(isDenied(list, '169.254.169.254')).toBe(true);
    expect(isDenied(list, '127.0.0.1')).toBe(true);
    expect(isDenied(list, '::ffff:169.254.169.254')).toBe(true);
    expect(isDenied(list, 'fe80::1')).toBe(true);
    expect(isDenied(list, '::1')).toBe(true);
    expect(isDenied(list, '10.1.2.3')).toBe(false);
    expect(isDenied(list, '93.184.216.34')).toBe(false);
  });

  it('treats the unspecified address (it reaches this host) as loopback', async () => {
    expect(isDenied(list, '::')).toBe(true);
    expect(isDenied(list, '0:0::0')).toBe(true);
    expect(isDenied(list, '0.0.0.0')).toBe(true);
    expect(isDenied(list, '::ffff:0.0.0.0')).toBe(true);
    // Where loopback is allowed (a test receiver), so is the unspecified address.
    const loopbackAllowed = createDenyList(['169.254.0.0/16']);
    expect(isDenied(loopbackAllowed, '::')).toBe(false);
    for (const url of ['http://[::]:9/', 'http://[0::0]:9/', 'http://0.0.0.0:9/']) {
      await expect(sendOutbound({ method: 'GET', url, headers: {}, timeoutMs: 1000 }, list)).rejects.toMatchObject({ denied: true });
    }
  });
});

describe('Standard Webhooks signature', () => {
  it('verifies with the standardwebhooks package, and a tampered body does not', () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({ event: 'support_ticket.items.create', key: 1 });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook(secret, 'msg_1', timestamp, body) };
    const verifier = new Webhook(secret);
    expect(verifier.verify(body, headers)).toEqual({ event: 'support_ticket.items.create', key: 1 });
    expect(() => verifier.verify(body.replace('1', '2'), headers)).toThrow();
  });
});
