import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local webhook receiver for the flow scenario (j): records when the webhook for each item key arrived
 * (performance.now(), the bench process's clock) and answers 200 at once. It never keeps the process alive and
 * closes itself after `lifetimeMs` if the bench forgets to.
 */
export interface Receiver {
  url: string;
  /** Arrival time of the first webhook for each key. */
  arrivals: Map<string, number>;
  /** Every webhook received, duplicates included. */
  received(): number;
  /** Resolves once every key has arrived, or rejects after `timeoutMs`. */
  waitFor(keys: string[], timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(lifetimeMs = 15 * 60_000): Promise<Receiver> {
  const arrivals = new Map<string, number>();
  const waiters = new Set<(key: string) => void>();
  let received = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = performance.now();
      received++;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { key?: unknown; keys?: unknown[] };
        for (const raw of body.key !== undefined ? [body.key] : (body.keys ?? [])) {
          const key = String(raw);
          if (arrivals.has(key)) continue;
          arrivals.set(key, at);
          for (const wake of waiters) wake(key);
        }
      } catch {
        // not a flow's JSON: counted, not matched
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const close = () =>
    new Promise<void>((resolve) => {
      clearTimeout(selfClose);
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const selfClose = setTimeout(() => void close(), lifetimeMs);
  selfClose.unref();
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrivals,
    received: () => received,
    waitFor(keys, timeoutMs) {
      const missing = new Set(keys.filter((key) => !arrivals.has(key)));
      if (missing.size === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        const wake = (key: string) => {
          missing.delete(key);
          if (missing.size > 0) return;
          done();
          resolve();
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${missing.size} of ${keys.length} webhooks did not arrive within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        waiters.add(wake);
      });
    },
    close,
  };
}
