/**
 * When a delivery is retried (DESIGN §5): network errors, 5xx, 408 and 429 are retried with exponential backoff
 * and jitter, honouring Retry-After; other 4xx fail at once; after the attempt limit the delivery is dead.
 */
export type Outcome = 'delivered' | 'retry' | 'fail';

export function classifyStatus(status: number): Outcome {
  if (status >= 200 && status < 300) return 'delivered';
  if (status >= 500 || status === 408 || status === 429) return 'retry';
  return 'fail';
}

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/**
 * Delay before attempt `attempt + 1`, after `attempt` failures: base·2^(attempt−1), capped, with "equal jitter"
 * (half fixed, half random) so retries of many deliveries spread out but never collapse to zero.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. Capped at `maxMs`. */
export function retryAfterMs(header: string | undefined, now: Date, maxMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(maxMs, Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.min(maxMs, Math.max(0, date - now.getTime()));
}
