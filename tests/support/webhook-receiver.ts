import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json(): unknown;
  receivedAt: number;
}

/** What the receiver answers; by default 200. Return `'hang'` to never answer (a stuck receiver). */
export type Responder = (request: ReceivedRequest, index: number) => { status: number; headers?: Record<string, string>; body?: string } | 'hang';

export interface WebhookReceiver {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  respond(responder: Responder): void;
  /** Waits until at least `count` requests arrived (in total). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  /** Stops listening (connections are refused) until up() is called; the port stays the same. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

/** A real HTTP server on loopback that records every request a flow sends. */
export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  let responder: Responder = () => ({ status: 200, body: '{"ok":true}' });
  const waiters = new Set<() => void>();
  const hanging = new Set<http.ServerResponse>();

  const handler: http.RequestListener = (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const request: ReceivedRequest = {
        method: incoming.method ?? '',
        path: incoming.url ?? '',
        headers: incoming.headers,
        body,
        json: () => JSON.parse(body),
        receivedAt: Date.now(),
      };
      requests.push(request);
      for (const wake of waiters) wake();
      const answer = responder(request, requests.length - 1);
      if (answer === 'hang') {
        hanging.add(outgoing);
        return;
      }
      outgoing.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      outgoing.end(answer.body ?? '{}');
    });
  };

  let server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const actualPort = (server.address() as AddressInfo).port;

  const closeServer = () =>
    new Promise<void>((resolve) => {
      for (const response of hanging) response.destroy();
      hanging.clear();
      server.closeAllConnections();
      server.close(() => resolve());
    });

  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    requests,
    respond(next) {
      responder = next;
    },
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} webhook requests within ${timeoutMs} ms, got ${requests.length}`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            resolve();
          };
          waiters.add(wake);
          setTimeout(wake, 50);
        });
      }
      return requests.slice(0, count);
    },
    down: closeServer,
    async up() {
      server = http.createServer(handler);
      await new Promise<void>((resolve) => server.listen(actualPort, '127.0.0.1', () => resolve()));
    },
    close: closeServer,
  };
}
