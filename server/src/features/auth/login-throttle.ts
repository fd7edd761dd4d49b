/**
 * Counts failed logins per IP address and per account in a fixed window. Once either count reaches the limit,
 * further attempts are refused (429) without checking the password, until the window passes.
 * Counts live in this process: on several nodes each node throttles on its own.
 */
export interface LoginThrottle {
  /** Seconds until the caller may try again, or 0 when allowed. */
  retryAfter(ip: string, account: string): number;
  recordFailure(ip: string, account: string): void;
  recordSuccess(account: string): void;
}

interface Counter {
  count: number;
  resetAt: number;
}

export function createLoginThrottle(options: { maxFailures: number; windowMs: number; now: () => Date }): LoginThrottle {
  const counters = new Map<string, Counter>();

  function current(key: string, nowMs: number): Counter | undefined {
    const counter = counters.get(key);
    if (counter && counter.resetAt <= nowMs) {
      counters.delete(key);
      return undefined;
    }
    return counter;
  }

  function bump(key: string, nowMs: number): void {
    const counter = current(key, nowMs);
    if (counter) counter.count += 1;
    else counters.set(key, { count: 1, resetAt: nowMs + options.windowMs });
    if (counters.size > 100_000) prune(nowMs);
  }

  function prune(nowMs: number): void {
    for (const [key, counter] of counters) if (counter.resetAt <= nowMs) counters.delete(key);
  }

  return {
    retryAfter(ip, account) {
      const nowMs = options.now().getTime();
      let waitMs = 0;
      for (const key of [`ip:${ip}`, `account:${account}`]) {
        const counter = current(key, nowMs);
        if (counter && counter.count >= options.maxFailures) waitMs = Math.max(waitMs, counter.resetAt - nowMs);
      }
      return Math.ceil(waitMs / 1000);
    },
    recordFailure(ip, account) {
      const nowMs = options.now().getTime();
      bump(`ip:${ip}`, nowMs);
      bump(`account:${account}`, nowMs);
    },
    recordSuccess(account) {
      counters.delete(`account:${account}`);
    },
  };
}
