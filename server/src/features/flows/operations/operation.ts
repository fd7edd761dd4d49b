import type net from 'node:net';
import type { Actor } from '../../../access/actor.js';
import type { AppContext } from '../../../context.js';
import type { FlowDefinition, OperationDefinition } from '../flow-definitions.js';

/** The data chain a flow's operations read and extend: $trigger, $accountability, $last and one entry per key. */
export type DataChain = Record<string, unknown> & { $trigger: unknown; $accountability: unknown; $last: unknown };

export interface OperationDeps
  extends Pick<AppContext, 'config' | 'log' | 'now' | 'mailer' | 'database' | 'accessControl' | 'flows' | 'signals' | 'aggregateCache'> {
  denyList: net.BlockList;
}

/** Records the attempts of an outbound delivery (request or mail) of a durable run: stable id, every attempt logged. */
export interface DeliveryRecorder {
  begin(kind: 'request' | 'mail', target: string): Promise<{ id: string; attempt: number }>;
  record(attempt: { status?: number; durationMs: number; excerpt?: string; error?: string; delivered: boolean }): Promise<void>;
}

export interface OperationContext {
  flow: FlowDefinition;
  operation: OperationDefinition;
  data: DataChain;
  deps: OperationDeps;
  /** Who triggered the flow, for item operations run "with the trigger's permissions". */
  triggerActor: Actor;
  /** Present in durable runs (the worker); immediate runs (filter flows, test runs) send once without it. */
  delivery?: DeliveryRecorder;
}

/**
 * An operation that did not succeed. `retryable` failures (network errors, 5xx, 408, 429, SMTP errors) are retried
 * by durable runs; others follow the reject path at once. `rejected` marks a condition that did not hold.
 */
export class OperationFailure extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly output: unknown;
  readonly rejected: boolean;

  constructor(message: string, options: { retryable?: boolean; retryAfterMs?: number; output?: unknown; rejected?: boolean } = {}) {
    super(message);
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.output = options.output ?? { error: message };
    this.rejected = options.rejected ?? false;
  }
}

export interface OperationHandler {
  /**
   * Changes something outside the run (sends a request or mail, writes items): a durable run saves its progress
   * after it, so resuming after a crash does not repeat it. Operations without effects are simply run again.
   */
  effects?: boolean;
  run(context: OperationContext): Promise<unknown>;
}
