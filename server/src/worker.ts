import { Cron } from 'croner';
import { type Kysely, sql } from 'kysely';
import type { AppContext } from './context.js';
import type { ChangeSignals } from './db/change-signals.js';
import { dialectOf } from './db/dialect.js';
import type { Database } from './db/tables.js';
import { type FlowCatalog, matchingFlows } from './features/flows/flow-definitions.js';
import type { FlowRunner } from './features/flows/flow-runner.js';
import { claimDueRuns, hasDueRuns, newRunRow } from './features/flows/runs.repository.js';
import { hasPendingSearchRows } from './query/search-index.js';

/**
 * The flow worker: relays committed events from the outbox into flow runs, executes due runs, and starts
 * scheduled flows. Guarantees: an event committed with its change is relayed at least once (the relay marks it
 * only in the transaction that creates its runs, and a unique (event, flow) index makes a second relay a no-op);
 * a run is executed until it succeeds, fails for good, or its delivery is dead — a crashed worker's runs are taken
 * over when their lease expires. Runs on a thread of `parley start` by default (PARLEY_RUN=all) or alone
 * (`parley worker`).
 */
export interface Worker {
  start(): void;
  /** Finishes the current round and stops. */
  stop(): Promise<void>;
  /** Runs one round now (relay, runs, schedules); for tests and the first tick. */
  tick(): Promise<boolean>;
}

export interface WorkerDeps {
  db: Kysely<Database>;
  catalog: FlowCatalog;
  runner: FlowRunner;
  signals: ChangeSignals;
  now: () => Date;
  settings: { pollIntervalMs: number; leaseMs: number; concurrency: number };
  onError(error: unknown): void;
}

const RELAY_BATCH = 200;
const WAKE_DELAY_MS = 5;
/** Relayed events are kept a week (to inspect what flows saw), then deleted so the outbox does not grow forever. */
const OUTBOX_RETENTION_MS = 7 * 24 * 3600_000;
const PRUNE_EVERY_MS = 10 * 60_000;

async function pruneOutbox(deps: WorkerDeps): Promise<void> {
  const before = new Date(deps.now().getTime() - OUTBOX_RETENTION_MS).toISOString();
  await deps.db.deleteFrom('event_outbox').where('relayed_at', '<', before).execute();
}

export function createWorker(deps: WorkerDeps): Worker {
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let pending = false;
  const unsubscribe: Array<() => void> = [];

  // A burst of commits wakes the worker once, a few milliseconds later, so one relay transaction takes them all
  // instead of one commit per event; it adds those milliseconds to the webhook latency.
  let batching: NodeJS.Timeout | undefined;
  const signal = () => {
    pending = true;
    batching ??= setTimeout(() => {
      batching = undefined;
      wake?.();
    }, WAKE_DELAY_MS);
  };

  let lastPrune = 0;
  async function tick(): Promise<boolean> {
    if (deps.now().getTime() - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = deps.now().getTime();
      await pruneOutbox(deps);
    }
    const relayed = await relayEvents(deps);
    const executed = await executeDueRuns(deps);
    const scheduled = await startScheduledFlows(deps);
    return relayed > 0 || executed > 0 || scheduled > 0;
  }

  async function run(): Promise<void> {
    while (running) {
      pending = false;
      let busy = false;
      try {
        busy = await tick();
      } catch (error) {
        deps.onError(error);
      }
      if (!running) break;
      if (busy || pending) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deps.settings.pollIntervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      unsubscribe.push(deps.signals.subscribe('outbox', signal), deps.signals.subscribe('flows', signal));
      loop = run();
    },
    async stop() {
      running = false;
      if (batching) clearTimeout(batching);
      wake?.();
      for (const off of unsubscribe.splice(0)) off();
      await loop;
    },
    tick,
  };
}

/**
 * Whether a worker has anything to do now or later: events to relay, runs not finished (due, waiting to retry, or
 * leased), an active schedule flow, or tickets queued for the search index. Read-only and cheap (indexed lookups).
 */
export async function hasPendingWork(db: Kysely<Database>): Promise<boolean> {
  const checks = [
    db.selectFrom('event_outbox').select('id').where('relayed_at', 'is', null).limit(1),
    db.selectFrom('flow_runs').select('id').where('status', 'in', ['pending', 'retrying', 'running']).limit(1),
    db.selectFrom('flows').select('id').where('status', '=', 'active').where('trigger', '=', 'schedule').limit(1),
  ];
  for (const check of checks) if (await check.executeTakeFirst()) return true;
  return hasPendingSearchRows(db);
}

/** The flow worker of a context: the worker thread's and `parley worker`'s only job, and the tests'. */
export function startWorker(ctx: AppContext): Worker {
  const worker = createWorker({
    db: ctx.database.db,
    catalog: ctx.flows.catalog,
    runner: ctx.flows.runner,
    signals: ctx.signals,
    now: ctx.now,
    settings: ctx.config.worker,
    onError: (error) => ctx.log.error({ err: error }, 'flow worker error'),
  });
  worker.start();
  return worker;
}

/** Turns committed events into runs of the action flows listening to them, and marks them relayed, atomically. */
async function relayEvents(deps: WorkerDeps): Promise<number> {
  const skipLocked = dialectOf(deps.db) === 'postgres' ? sql` for update skip locked` : sql``;
  // A read first: most rounds find nothing, and an empty write transaction still costs a commit.
  const pending = await deps.db.selectFrom('event_outbox').select('id').where('relayed_at', 'is', null).limit(1).executeTakeFirst();
  if (!pending) return 0;
  // Loaded before the transaction: SQLite has one connection, which the transaction holds.
  const flows = await deps.catalog.all();
  return deps.db.transaction().execute(async (trx) => {
    const { rows: events } = await sql<{
      id: number;
      event: string;
      collection: string;
      keys: string;
      payload: string | null;
      accountability: string | null;
    }>`select id, event, collection, keys, payload, accountability from event_outbox where relayed_at is null order by id limit ${RELAY_BATCH}${skipLocked}`.execute(
      trx,
    );
    if (events.length === 0) return 0;
    const now = deps.now();
    const newRuns = [];
    for (const event of events) {
      const listening = matchingFlows(flows, 'action', event.event, event.collection);
      if (listening.length === 0) continue;
      const keys = JSON.parse(event.keys) as unknown[];
      const payload = event.payload === null ? null : JSON.parse(event.payload);
      // Directus's $trigger: a create carries `key`, an update or delete `keys`.
      const trigger = {
        event: `${event.collection}.${event.event}`,
        collection: event.collection,
        payload,
        ...(event.event === 'items.create' ? { key: keys[0] } : { keys }),
      };
      const accountability = event.accountability === null ? null : JSON.parse(event.accountability);
      for (const flow of listening)
        newRuns.push(newRunRow({ flow: flow.id, event: event.id, trigger, accountability, firstOperation: flow.firstOperation, now }));
    }
    if (newRuns.length > 0) {
      await trx
        .insertInto('flow_runs')
        .values(newRuns)
        .onConflict((conflict) => conflict.columns(['event', 'flow']).doNothing())
        .execute();
    }
    await trx
      .updateTable('event_outbox')
      .set({ relayed_at: now.toISOString() })
      .where(
        'id',
        'in',
        events.map((event) => event.id),
      )
      .execute();
    return events.length;
  });
}

async function executeDueRuns(deps: WorkerDeps): Promise<number> {
  if (!(await hasDueRuns(deps.db, deps.now()))) return 0;
  const claimed = await claimDueRuns(deps.db, deps.runner.owner, deps.now(), deps.settings.leaseMs, deps.settings.concurrency);
  await Promise.all(
    claimed.map((run) =>
      deps.runner.execute(run).catch((error) => {
        deps.onError(error);
      }),
    ),
  );
  return claimed.length;
}

/**
 * Starts schedule flows whose time has come. The next time is stored on the flow and advanced with a conditional
 * UPDATE, so of several workers exactly one starts each scheduled run.
 */
async function startScheduledFlows(deps: WorkerDeps): Promise<number> {
  const flows = (await deps.catalog.all()).filter((flow) => flow.status === 'active' && flow.trigger === 'schedule' && typeof flow.options.cron === 'string');
  if (flows.length === 0) return 0;
  const now = deps.now();
  let started = 0;
  for (const flow of flows) {
    const row = await deps.db.selectFrom('flows').select('next_run_at').where('id', '=', flow.id).executeTakeFirst();
    if (!row) continue;
    const next = nextRun(flow.options.cron as string, now);
    if (!row.next_run_at) {
      await deps.db.updateTable('flows').set({ next_run_at: next }).where('id', '=', flow.id).where('next_run_at', 'is', null).execute();
      continue;
    }
    if (row.next_run_at > now.toISOString()) continue;
    const advanced = await deps.db
      .updateTable('flows')
      .set({ next_run_at: next })
      .where('id', '=', flow.id)
      .where('next_run_at', '=', row.next_run_at)
      .executeTakeFirst();
    if (Number(advanced.numUpdatedRows) !== 1) continue;
    await deps.db
      .insertInto('flow_runs')
      .values(
        newRunRow({ flow: flow.id, event: null, trigger: { timestamp: row.next_run_at }, accountability: null, firstOperation: flow.firstOperation, now }),
      )
      .execute();
    started += 1;
  }
  return started;
}

/** The next time after `now` a cron expression fires, as an ISO string (UTC). */
export function nextRun(cron: string, now: Date): string | null {
  const next = new Cron(cron, { timezone: 'UTC', paused: true }).nextRun(now);
  return next ? next.toISOString() : null;
}
