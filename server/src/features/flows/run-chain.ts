import type { Actor } from '../../access/actor.js';
import type { FlowDefinition, OperationDefinition } from './flow-definitions.js';
import { conditionOperation, logOperation, transformOperation } from './operations/basic.js';
import { itemCreateOperation, itemReadOperation, itemUpdateOperation } from './operations/items.js';
import { mailOperation } from './operations/mail.js';
import { type DataChain, type DeliveryRecorder, type OperationDeps, OperationFailure, type OperationHandler } from './operations/operation.js';
import { requestOperation } from './operations/request.js';
import { renderTemplate } from './templates.js';

/**
 * Runs a flow's chain of operations from one operation on: each result is stored under the operation's key and as
 * $last, then the resolve path is followed; a failure follows the reject path. A retryable failure in a durable run
 * stops the chain so the worker can retry that operation later with the data chain so far.
 */
export const OPERATIONS: Record<string, OperationHandler> = {
  request: requestOperation,
  mail: mailOperation,
  condition: conditionOperation,
  log: logOperation,
  transform: transformOperation,
  'item-read': itemReadOperation,
  'item-create': itemCreateOperation,
  'item-update': itemUpdateOperation,
};

export interface Step {
  operation: string;
  key: string;
  type: string;
  status: 'resolved' | 'rejected' | 'retry';
  /** The operation's options after templating (kept when the flow tracks activity and logs). */
  input?: unknown;
  output: unknown;
  timestamp: string;
}

export type ChainOutcome =
  /** The chain ended. `rejection` is set when it ended on (or after) a reject path. */
  | { kind: 'done'; rejection?: string }
  /** An operation failed and had no reject path. */
  | { kind: 'failed'; error: string }
  /** A retryable failure: retry `operation` later (durable runs only). */
  | { kind: 'retry'; operation: string; error: string; retryAfterMs?: number };

export interface ChainInput {
  flow: FlowDefinition;
  startAt: string | null;
  data: DataChain;
  steps: Step[];
  deps: OperationDeps;
  triggerActor: Actor;
  /** Durable runs: records deliveries and says whether another attempt is allowed. */
  durable?: { recorderFor(operation: OperationDefinition): DeliveryRecorder; mayRetry(operation: OperationDefinition): boolean };
  /** Called after each operation with effects that leads on, so a durable run can save its progress. */
  onStep?(next: string | null): Promise<void>;
}

const MAX_STEPS = 100;

export async function runChain(input: ChainInput): Promise<ChainOutcome> {
  const { flow, data, steps, deps } = input;
  const keepInput = flow.accountability === 'all';
  let current = input.startAt;
  let rejection: string | undefined;
  let executed = 0;
  while (current) {
    const operation = flow.operations.get(current);
    if (!operation) return { kind: 'failed', error: `Operation ${current} no longer exists` };
    if (++executed > MAX_STEPS) return { kind: 'failed', error: `The flow ran more than ${MAX_STEPS} operations; is there a loop?` };
    const handler = OPERATIONS[operation.type];
    const timestamp = deps.now().toISOString();
    const stepInput = keepInput ? renderTemplate(operation.options, data) : undefined;
    try {
      if (!handler) throw new OperationFailure(`Unknown operation type "${operation.type}"`);
      const output = await handler.run({ flow, operation, data, deps, triggerActor: input.triggerActor, delivery: input.durable?.recorderFor(operation) });
      data[operation.key] = output;
      data.$last = output;
      steps.push({ operation: operation.id, key: operation.key, type: operation.type, status: 'resolved', input: stepInput, output, timestamp });
      current = operation.resolve;
    } catch (error) {
      const failure = error instanceof OperationFailure ? error : new OperationFailure(error instanceof Error ? error.message : String(error));
      if (failure.retryable && input.durable?.mayRetry(operation)) {
        steps.push({ operation: operation.id, key: operation.key, type: operation.type, status: 'retry', input: stepInput, output: failure.output, timestamp });
        return { kind: 'retry', operation: operation.id, error: failure.message, retryAfterMs: failure.retryAfterMs };
      }
      data[operation.key] = failure.output;
      data.$last = failure.output;
      steps.push({
        operation: operation.id,
        key: operation.key,
        type: operation.type,
        status: 'rejected',
        input: stepInput,
        output: failure.output,
        timestamp,
      });
      rejection ??= failure.message;
      if (!operation.reject) {
        return failure.rejected ? { kind: 'done', rejection } : { kind: 'failed', error: failure.message };
      }
      current = operation.reject;
    }
    if (current && handler?.effects) await input.onStep?.(current);
  }
  return rejection === undefined ? { kind: 'done' } : { kind: 'done', rejection };
}

/** The data chain a run starts with. */
export function initialData(trigger: unknown, accountability: unknown): DataChain {
  return { $trigger: trigger, $accountability: accountability, $last: trigger };
}
