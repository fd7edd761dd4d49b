import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import { dialectOf } from '../../db/dialect.js';
import type { Database, DeliveriesTable, FlowRunsTable, RunStatus } from '../../db/tables.js';
import { webhookMessageId } from './webhook-signature.js';

/**
 * Flow runs and deliveries in the database. Runs are claimed with a lease (status "running", lease_owner,
 * lease_expires): a run whose worker died is claimed again once its lease expires, so nothing is lost. On
 * PostgreSQL several workers claim with FOR UPDATE SKIP LOCKED and never take the same run; on SQLite the claiming
 * UPDATE is one write transaction, which SQLite serialises.
 */
export type RunRow = Selectable<FlowRunsTable>;
export type DeliveryRow = Selectable<DeliveriesTable>;

function skipLocked(db: Kysely<Database>) {
  return dialectOf(db) === 'postgres' ? sql` for update skip locked` : sql``;
}

export async function claimDueRuns(db: Kysely<Database>, owner: string, now: Date, leaseMs: number, limit: number): Promise<RunRow[]> {
  const nowIso = now.toISOString();
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  const { rows } = await sql<RunRow>`
    update flow_runs set status = 'running', lease_owner = ${owner}, lease_expires = ${leaseUntil}
    where id in (
      select id from flow_runs
      where (status in ('pending', 'retrying') and next_attempt_at <= ${nowIso}) or (status = 'running' and lease_expires < ${nowIso})
      order by next_attempt_at
      limit ${limit}${skipLocked(db)}
    )
    returning *`.execute(db);
  return rows;
}

/** A cheap read-only check before claiming: an UPDATE that matches nothing still costs a write transaction. */
export async function hasDueRuns(db: Kysely<Database>, now: Date): Promise<boolean> {
  const nowIso = now.toISOString();
  const due = await db
    .selectFrom('flow_runs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', ['pending', 'retrying']), eb('next_attempt_at', '<=', nowIso)]),
        eb.and([eb('status', '=', 'running'), eb('lease_expires', '<', nowIso)]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return due !== undefined;
}

export interface NewRun {
  flow: string;
  event: number | null;
  trigger: unknown;
  accountability: unknown;
  firstOperation: string | null;
  now: Date;
}

export function newRunRow(run: NewRun) {
  return {
    id: randomUUID(),
    flow: run.flow,
    event: run.event,
    trigger: JSON.stringify(run.trigger ?? null),
    accountability: JSON.stringify(run.accountability ?? null),
    status: 'pending' as RunStatus,
    current_operation: run.firstOperation,
    data: null,
    steps: null,
    attempts: 0,
    next_attempt_at: run.now.toISOString(),
    lease_owner: null,
    lease_expires: null,
    last_error: null,
    date_created: run.now.toISOString(),
    date_finished: null,
  };
}

/** A run its creator executes right away (manual and webhook triggers): inserted already leased to `owner`. */
export async function insertLeasedRun(db: Kysely<Database>, run: NewRun, owner: string, leaseMs: number): Promise<RunRow> {
  const row = { ...newRunRow(run), status: 'running' as RunStatus, lease_owner: owner, lease_expires: new Date(run.now.getTime() + leaseMs).toISOString() };
  await db.insertInto('flow_runs').values(row).execute();
  return row;
}

export async function insertRun(db: Kysely<Database>, run: NewRun): Promise<string> {
  const row = newRunRow(run);
  await db.insertInto('flow_runs').values(row).execute();
  return row.id;
}

/** Saves progress, but only while this worker still holds the lease (a taken-over run is not overwritten). */
export async function saveRun(
  db: Kysely<Database>,
  id: string,
  owner: string,
  changes: Partial<
    Pick<FlowRunsTable, 'status' | 'current_operation' | 'data' | 'steps' | 'attempts' | 'next_attempt_at' | 'last_error' | 'date_finished' | 'lease_expires'>
  > & {
    releaseLease?: boolean;
  },
): Promise<boolean> {
  const { releaseLease, ...values } = changes;
  const result = await db
    .updateTable('flow_runs')
    .set({ ...values, ...(releaseLease ? { lease_owner: null, lease_expires: null } : {}) })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The delivery of one operation in one run: created on its first attempt, the same row (and id) on every retry. */
export async function beginDelivery(
  db: Kysely<Database>,
  input: { run: string; flow: string; operation: string; kind: 'request' | 'mail'; target: string; now: Date },
): Promise<DeliveryRow> {
  const existing = await db.selectFrom('deliveries').selectAll().where('run', '=', input.run).where('operation', '=', input.operation).executeTakeFirst();
  if (existing) {
    return db
      .updateTable('deliveries')
      .set({ attempts: existing.attempts + 1, target: input.target })
      .where('id', '=', existing.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  return db
    .insertInto('deliveries')
    .values({
      id: webhookMessageId(),
      run: input.run,
      flow: input.flow,
      operation: input.operation,
      kind: input.kind,
      target: input.target,
      state: 'pending',
      attempts: 1,
      last_status: null,
      last_error: null,
      next_attempt_at: null,
      date_created: input.now.toISOString(),
      date_delivered: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function recordAttempt(
  db: Kysely<Database>,
  delivery: DeliveryRow,
  attempt: { status?: number; durationMs: number; excerpt?: string; error?: string; delivered: boolean; now: Date },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('delivery_attempts')
      .values({
        delivery: delivery.id,
        attempt: delivery.attempts,
        status: attempt.status ?? null,
        duration_ms: attempt.durationMs,
        response_excerpt: attempt.excerpt ? attempt.excerpt.slice(0, 2048) : null,
        error: attempt.error ?? null,
        date_created: attempt.now.toISOString(),
      })
      .execute();
    await trx
      .updateTable('deliveries')
      .set({
        state: attempt.delivered ? 'delivered' : 'retrying',
        last_status: attempt.status ?? null,
        last_error: attempt.delivered ? null : (attempt.error ?? `HTTP ${attempt.status}`),
        date_delivered: attempt.delivered ? attempt.now.toISOString() : null,
      })
      .where('id', '=', delivery.id)
      .execute();
  });
}

/** Deliveries of a finished run that did not succeed: dead when their attempts ran out, failed otherwise. */
export async function settleDeliveries(db: Kysely<Database>, run: string, maxAttempts: number, except: string | null): Promise<void> {
  let query = db
    .updateTable('deliveries')
    .set({ state: sql`case when attempts >= ${maxAttempts} then 'dead' else 'failed' end`, next_attempt_at: null })
    .where('run', '=', run)
    .where('state', '=', 'retrying');
  if (except) query = query.where('operation', '<>', except);
  await query.execute();
}

export async function scheduleDeliveryRetry(db: Kysely<Database>, run: string, operation: string, at: string): Promise<void> {
  await db.updateTable('deliveries').set({ next_attempt_at: at }).where('run', '=', run).where('operation', '=', operation).execute();
}
