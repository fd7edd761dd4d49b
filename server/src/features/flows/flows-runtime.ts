import type { Actor } from '../../access/actor.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { accountabilityOf, type ItemEventName } from '../../events/outbox.js';
import { createFlowCatalog, type FlowCatalog } from './flow-definitions.js';
import { createFlowRunner, type FlowRunner } from './flow-runner.js';
import type { OperationDeps } from './operations/operation.js';
import { createDenyList } from './outbound.js';
import { initialData, runChain } from './run-chain.js';

/**
 * What the rest of Parley needs from flows: the catalog of flows, the runner of durable runs (used by the worker
 * and by manual/webhook triggers), and the blocking "filter" flows that items run inside a request.
 */
export interface FlowsRuntime {
  catalog: FlowCatalog;
  runner: FlowRunner;
  operationDeps: OperationDeps;
  /**
   * Runs the active filter flows for an item event before it is written. A flow that rejects ends the request with
   * 400 and its message (nothing is stored, no event is emitted); a flow whose last result is an object replaces
   * the payload.
   */
  applyFilters(event: ItemEventName, collection: string, payload: unknown, actor: Actor, keys?: Array<string | number>): Promise<unknown>;
}

export function createFlowsRuntime(ctx: AppContext): FlowsRuntime {
  const catalog = createFlowCatalog({ db: ctx.database.db, signals: ctx.signals });
  const operationDeps: OperationDeps = {
    get config() {
      return ctx.config;
    },
    get log() {
      return ctx.log;
    },
    get mailer() {
      return ctx.mailer;
    },
    get database() {
      return ctx.database;
    },
    get accessControl() {
      return ctx.accessControl;
    },
    get flows() {
      return ctx.flows;
    },
    get signals() {
      return ctx.signals;
    },
    get aggregateCache() {
      return ctx.aggregateCache;
    },
    now: () => ctx.now(),
    denyList: createDenyList(ctx.config.flows.denyNetworks),
  };
  const runner = createFlowRunner({ db: ctx.database.db, catalog, operationDeps });

  return {
    catalog,
    runner,
    operationDeps,
    async applyFilters(event, collection, payload, actor, keys) {
      const flows = await catalog.matching('filter', event, collection);
      let current = payload;
      for (const flow of flows) {
        const trigger = { event: `${collection}.${event}`, collection, payload: current, ...(keys ? { keys } : {}) };
        const data = initialData(trigger, accountabilityOf(actor));
        const outcome = await runChain({ flow, startAt: flow.firstOperation, data, steps: [], deps: operationDeps, triggerActor: actor });
        const rejection = outcome.kind === 'failed' ? outcome.error : outcome.kind === 'done' ? outcome.rejection : undefined;
        if (rejection !== undefined) {
          throw new AppError('INVALID_PAYLOAD', rejection, { extensions: { reason: rejection, flow: flow.id } });
        }
        const last = data.$last;
        if (last && typeof last === 'object' && !Array.isArray(last) && last !== trigger) current = last;
      }
      return current;
    },
  };
}
