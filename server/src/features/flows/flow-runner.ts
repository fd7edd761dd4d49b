import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../access/actor.js';
import { parseJsonColumn } from '../../db/json-column.js';
import type { Database } from '../../db/tables.js';
import { backoffDelay } from './delivery-policy.js';
import type { FlowCatalog } from './flow-definitions.js';
import type { DataChain, DeliveryRecorder, OperationDeps } from './operations/operation.js';
import { initialData, runChain, type Step } from './run-chain.js';
import * as runs from './runs.repository.js';

/**
 * Executes durable flow runs: resumes the chain at the run's current operation with its saved data chain, records
 * every delivery attempt, and on a retryable failure schedules the next attempt (exponential backoff with jitter,
 * or the receiver's Retry-After) until the attempt limit marks the delivery dead. Delivery is at least once: a run
 * interrupted by a crash is taken over after its lease expires and repeats its current operation, with the same
 * webhook-id, so receivers can deduplicate.
 */
export interface FlowRunner {
  /** This worker's lease identity. */
  readonly owner: string;
  execute(run: runs.RunRow): Promise<runs.RunRow['status']>;
}

export function createFlowRunner(deps: { db: Kysely<Database>; catalog: FlowCatalog; operationDeps: OperationDeps; random?: () => number }): FlowRunner {
  const owner = `worker-${randomUUID()}`;
  const { db, catalog, operationDeps } = deps;
  const policy = operationDeps.config.flows;

  async function execute(run: runs.RunRow): Promise<runs.RunRow['status']> {
    const flow = await catalog.get(run.flow);
    const now = () => operationDeps.now();
    if (!flow) {
      await runs.saveRun(db, run.id, owner, {
        status: 'failed',
        last_error: 'The flow no longer exists',
        date_finished: now().toISOString(),
        releaseLease: true,
      });
      return 'failed';
    }
    const accountability = parseJsonColumn<Record<string, unknown> | null>(run.accountability, null);
    const data = parseJsonColumn<DataChain | null>(run.data, null) ?? initialData(parseJsonColumn(run.trigger, null), accountability);
    const steps = parseJsonColumn<Step[]>(run.steps, []);
    const attempts = run.attempts;
    const keepLog = flow.accountability === 'all';

    let undelivered = false;
    const recorderFor = (operation: { id: string }): DeliveryRecorder => {
      let delivery: runs.DeliveryRow | undefined;
      return {
        async begin(kind, target) {
          delivery = await runs.beginDelivery(db, { run: run.id, flow: flow.id, operation: operation.id, kind, target, now: now() });
          return { id: delivery.id, attempt: delivery.attempts };
        },
        async record(attempt) {
          if (!attempt.delivered) undelivered = true;
          if (delivery) await runs.recordAttempt(db, delivery, { ...attempt, now: now() });
        },
      };
    };

    let currentAttempts = attempts;
    const outcome = await runChain({
      flow,
      startAt: run.current_operation,
      data,
      steps,
      deps: operationDeps,
      triggerActor: actorFrom(accountability),
      durable: { recorderFor, mayRetry: () => currentAttempts + 1 < policy.maxAttempts },
      onStep: async (next) => {
        currentAttempts = 0;
        await runs.saveRun(db, run.id, owner, {
          current_operation: next,
          data: JSON.stringify(data),
          steps: keepLog ? JSON.stringify(steps) : null,
          attempts: 0,
        });
      },
    });

    const finished = now().toISOString();
    if (outcome.kind === 'retry') {
      const delay = Math.max(
        backoffDelay(currentAttempts + 1, { baseMs: policy.retryBaseMs, maxMs: policy.retryMaxMs }, deps.random),
        outcome.retryAfterMs ?? 0,
      );
      const at = new Date(now().getTime() + delay).toISOString();
      await runs.scheduleDeliveryRetry(db, run.id, outcome.operation, at);
      await runs.saveRun(db, run.id, owner, {
        status: 'retrying',
        current_operation: outcome.operation,
        data: JSON.stringify(data),
        steps: keepLog ? JSON.stringify(steps) : null,
        attempts: currentAttempts + 1,
        next_attempt_at: at,
        last_error: outcome.error,
        releaseLease: true,
      });
      return 'retrying';
    }
    // Only a failed attempt leaves a delivery 'retrying': one of this execution's, or of an earlier one of a run
    // that saved progress or was retried. A fresh run whose deliveries all went through skips the write.
    if (undelivered || run.data !== null || attempts > 0) await runs.settleDeliveries(db, run.id, policy.maxAttempts, null);
    const status = outcome.kind === 'failed' ? (outcome.error && currentAttempts + 1 >= policy.maxAttempts ? 'dead' : 'failed') : 'succeeded';
    await runs.saveRun(db, run.id, owner, {
      status,
      current_operation: null,
      data: JSON.stringify(data),
      steps: keepLog ? JSON.stringify(steps) : null,
      attempts: 0,
      last_error: outcome.kind === 'failed' ? outcome.error : (outcome.rejection ?? null),
      date_finished: finished,
      // lease_owner stays: it tells which worker finished the run.
      lease_expires: null,
    });
    return status;
  }

  return { owner, execute };
}

/** The actor item operations run as when a flow uses "the trigger's permissions". */
export function actorFrom(accountability: Record<string, unknown> | null): Actor {
  return {
    user: typeof accountability?.user === 'string' ? accountability.user : null,
    role: typeof accountability?.role === 'string' ? accountability.role : null,
    admin: accountability?.admin === true,
    app: true,
    ip: typeof accountability?.ip === 'string' ? accountability.ip : null,
    userAgent: 'parley-flow',
  };
}
