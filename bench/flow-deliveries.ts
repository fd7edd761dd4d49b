import type { Api } from './api.js';
import type { SeedResult } from './parley.js';
import { startReceiver } from './receiver.js';

/**
 * Scenario (j), the delivery figures of issue #5: an active flow (event hook, action, items.create on
 * support_ticket, one request operation POSTing {{$trigger}}) delivers to a receiver in this process.
 * - latency: tickets created one at a time at a modest rate; time from the create's response to the webhook.
 * - sustained: `deliveries` tickets created quickly in batches; webhooks per second until the last arrived.
 */
export interface DeliveryResult {
  latency: { samples: number; ratePerSecond: number; p50Ms: number; p99Ms: number; maxMs: number };
  sustained: {
    tickets: number;
    /** Seconds from the first create request until the last create answered. */
    createSeconds: number;
    /** Seconds from the first create request until the last webhook arrived. */
    totalSeconds: number;
    /** tickets / totalSeconds. */
    perSecond: number;
  };
  /** Webhooks received in all, duplicates included (at-least-once delivery may repeat one). */
  webhooks: number;
}

const LATENCY_RATE = 20; // creates per second: modest, so the figure is the pipeline's latency, not a queue's.
const BATCH = 100;
const PARALLEL_BATCHES = 4;

export async function measureDeliveries(api: Api, seed: SeedResult, options: { latencySamples: number; deliveries: number }): Promise<DeliveryResult> {
  const receiver = await startReceiver();
  try {
    const admin = await api.login(seed.admin);
    const customer = await api.login(seed.customers_login[0]);
    const customerEmail = seed.customers_login[0].email;
    const ticket = (message: string) => ({ customer_name: customerEmail.split('@')[0], customer_email: customerEmail, issue_type: 'Billing', message });
    await api.data('POST', '/flows', {
      token: admin,
      body: {
        name: 'bench: webhook on ticket create',
        status: 'active',
        trigger: 'event',
        options: { type: 'action', scope: ['items.create'], collections: ['support_ticket'] },
        operations: [{ key: 'webhook', type: 'request', options: { method: 'POST', url: `${receiver.url}/hook`, headers: [], body: '{{$trigger}}' } }],
      },
    });

    // Earlier scenarios may have left a backlog of events (notification mails): one probe ticket's webhook
    // arrives only after the events before it were relayed; then wait for the runs in flight to finish.
    const probe = await api.data<{ id: number }>('POST', '/items/support_ticket', { token: customer, body: ticket('bench probe') });
    await receiver.waitFor([String(probe.id)], 300_000);
    await waitForIdleWorker(api, admin);

    const responses = new Map<string, number>();
    const creates: Promise<void>[] = [];
    for (let index = 0; index < options.latencySamples; index++) {
      creates.push(
        api.data<{ id: number }>('POST', '/items/support_ticket', { token: customer, body: ticket(`bench latency ${index}`) }).then((created) => {
          responses.set(String(created.id), performance.now());
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 1000 / LATENCY_RATE));
    }
    await Promise.all(creates);
    await receiver.waitFor([...responses.keys()], 60_000);
    const latencies = [...responses].map(([key, answeredAt]) => (receiver.arrivals.get(key) ?? Number.NaN) - answeredAt).sort((a, b) => a - b);

    const ids: string[] = [];
    const started = performance.now();
    const batches = Array.from({ length: Math.ceil(options.deliveries / BATCH) }, (_, index) =>
      Array.from({ length: Math.min(BATCH, options.deliveries - index * BATCH) }, (_, item) => ticket(`bench delivery ${index * BATCH + item}`)),
    );
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        const batch = batches[next++];
        const created = await api.data<Array<{ id: number }>>('POST', '/items/support_ticket?fields=id', { token: admin, body: batch });
        for (const item of created) ids.push(String(item.id));
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_BATCHES }, worker));
    const createSeconds = (performance.now() - started) / 1000;
    await receiver.waitFor(ids, 600_000);
    const lastArrival = Math.max(...ids.map((id) => receiver.arrivals.get(id) ?? 0));
    const totalSeconds = (lastArrival - started) / 1000;
    return {
      latency: {
        samples: latencies.length,
        ratePerSecond: LATENCY_RATE,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        maxMs: latencies.at(-1) ?? Number.NaN,
      },
      sustained: { tickets: ids.length, createSeconds, totalSeconds, perSecond: ids.length / totalSeconds },
      webhooks: receiver.received(),
    };
  } finally {
    await receiver.close();
  }
}

/** Waits (up to 5 minutes) until no flow run is pending or running. */
async function waitForIdleWorker(api: Api, token: string): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    const rows = await api.data<Array<{ count: number | string }>>('GET', '/flow-runs?filter[status][_in]=pending,running&aggregate[count]=*', { token });
    if (Number(rows[0]?.count ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('(j): the flow worker still had pending runs after 5 minutes');
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
