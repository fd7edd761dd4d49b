import type { Kysely } from 'kysely';
import type { ChangeSignals } from '../../db/change-signals.js';
import type { Database, FlowsTable, OperationsTable } from '../../db/tables.js';

/**
 * Flows as the engine runs them (Directus shapes, DESIGN §5): a trigger and a chain of operations linked by
 * resolve/reject. Held in memory and reloaded when any flow or operation changes (on PostgreSQL also when another
 * node changes one), because filter flows run inside item requests.
 */
export type FlowTrigger = 'event' | 'schedule' | 'webhook' | 'manual';

export interface FlowOptions {
  /** event: "action" (after commit, from the outbox) or "filter" (inside the request). */
  type?: 'action' | 'filter';
  scope?: string[];
  collections?: string[];
  /** schedule */
  cron?: string;
  /** webhook: HTTP method of the trigger URL, and whether the caller waits for the result. */
  method?: 'GET' | 'POST';
  async?: boolean;
  [key: string]: unknown;
}

export interface OperationDefinition {
  id: string;
  key: string;
  name: string | null;
  type: string;
  options: Record<string, unknown>;
  resolve: string | null;
  reject: string | null;
}

export interface FlowDefinition {
  id: string;
  name: string;
  status: 'active' | 'inactive';
  trigger: FlowTrigger;
  /** "all": keep a run log with each step's input and output. */
  accountability: string | null;
  options: FlowOptions;
  firstOperation: string | null;
  signingSecret: string | null;
  operations: Map<string, OperationDefinition>;
}

export function parseJsonObject(value: string | null): Record<string, unknown> {
  if (!value) return {};
  try {
    const parsed = JSON.parse(value);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

export function toFlowDefinition(flow: FlowsTable, operations: OperationsTable[]): FlowDefinition {
  return {
    id: flow.id,
    name: flow.name,
    status: flow.status,
    trigger: flow.trigger,
    accountability: flow.accountability,
    options: parseJsonObject(flow.options) as FlowOptions,
    firstOperation: flow.operation,
    signingSecret: flow.signing_secret,
    operations: new Map(
      operations.map((operation) => [
        operation.id,
        {
          id: operation.id,
          key: operation.key,
          name: operation.name,
          type: operation.type,
          options: parseJsonObject(operation.options),
          resolve: operation.resolve,
          reject: operation.reject,
        },
      ]),
    ),
  };
}

export interface FlowCatalog {
  all(): Promise<FlowDefinition[]>;
  get(id: string): Promise<FlowDefinition | undefined>;
  /** Active event flows of a type listening to `event` on `collection`. */
  matching(type: 'action' | 'filter', event: string, collection: string): Promise<FlowDefinition[]>;
  invalidate(): void;
}

export function matchingFlows(flows: FlowDefinition[], type: 'action' | 'filter', event: string, collection: string): FlowDefinition[] {
  return flows.filter(
    (flow) =>
      flow.status === 'active' &&
      flow.trigger === 'event' &&
      (flow.options.type ?? 'action') === type &&
      (flow.options.scope ?? []).includes(event) &&
      (flow.options.collections ?? []).includes(collection),
  );
}

export function createFlowCatalog(deps: { db: Kysely<Database>; signals: ChangeSignals }): FlowCatalog {
  let cached: Promise<FlowDefinition[]> | undefined;
  const load = async () => {
    const flows = await deps.db.selectFrom('flows').selectAll().orderBy('date_created').execute();
    const operations = await deps.db.selectFrom('operations').selectAll().execute();
    return flows.map((flow) =>
      toFlowDefinition(
        flow,
        operations.filter((operation) => operation.flow === flow.id),
      ),
    );
  };
  const all = () => {
    cached ??= load().catch((error) => {
      cached = undefined;
      throw error;
    });
    return cached;
  };
  deps.signals.subscribe('flows', () => {
    cached = undefined;
  });
  return {
    all,
    async get(id) {
      return (await all()).find((flow) => flow.id === id);
    },
    async matching(type, event, collection) {
      return matchingFlows(await all(), type, event, collection);
    },
    invalidate() {
      cached = undefined;
    },
  };
}
