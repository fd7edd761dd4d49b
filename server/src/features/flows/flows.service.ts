import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import type { Static } from 'typebox';
import type { Actor } from '../../access/actor.js';
import type { AppContext } from '../../context.js';
import type { OperationsTable } from '../../db/tables.js';
import { AppError, forbidden, forbiddenCollection, invalidCredentials, invalidPayload } from '../../errors.js';
import { accountabilityOf } from '../../events/outbox.js';
import { recordSystemChange } from '../activity/activity.repository.js';
import type { FlowDefinition } from './flow-definitions.js';
import type { CreateFlowBody, CreateOperationBody, NestedOperation, TestRunBody, UpdateFlowBody, UpdateOperationBody } from './flows.schemas.js';
import { initialData, OPERATIONS, runChain, type Step } from './run-chain.js';
import * as runs from './runs.repository.js';
import { generateWebhookSecret } from './webhook-signature.js';

/**
 * Flows and operations in Directus's shapes (admins only), plus the triggers Parley adds: manual and webhook
 * triggers, test runs from the editor, and replaying a delivery. Every change reloads the flow catalog on every
 * node, so filter flows take effect on the next request.
 */
type Deps = Pick<AppContext, 'database' | 'now' | 'schema' | 'signals' | 'flows' | 'config'>;
type CreateFlowInput = Static<typeof CreateFlowBody>;
type UpdateFlowInput = Static<typeof UpdateFlowBody>;
type CreateOperationInput = Static<typeof CreateOperationBody>;
type UpdateOperationInput = Static<typeof UpdateOperationBody>;

const EVENT_SCOPES = ['items.create', 'items.update', 'items.delete'];

function requireAdmin(actor: Actor): void {
  if (!actor.admin) throw forbiddenCollection('flows');
}

/** Creates a flow, optionally with its chain of operations (resolve/reject naming sibling keys). */
export async function createFlow(deps: Deps, actor: Actor, input: CreateFlowInput): Promise<string> {
  requireAdmin(actor);
  checkFlowOptions(deps, input.trigger, input.options ?? {});
  const id = input.id ?? randomUUID();
  const now = deps.now().toISOString();
  const nested = input.operations ?? [];
  const ids = new Map(nested.map((operation) => [operation.key, operation.id ?? randomUUID()]));
  if (ids.size !== nested.length) throw invalidPayload('Operation keys must be unique within a flow');
  const link = (reference: string | null | undefined) => (reference ? (ids.get(reference) ?? reference) : null);
  for (const operation of nested) checkOperation(deps, operation.type, operation.options ?? {});
  await deps.database.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('flows')
      .values({
        id,
        name: input.name,
        icon: input.icon ?? null,
        color: input.color ?? null,
        description: input.description ?? null,
        status: input.status ?? 'active',
        trigger: input.trigger,
        accountability: input.accountability === undefined ? 'all' : input.accountability,
        options: JSON.stringify(input.options ?? {}),
        operation: null,
        signing_secret: signingSecret(input.signing_secret),
        next_run_at: null,
        date_created: now,
        user_created: actor.user,
      })
      .execute();
    if (nested.length > 0) {
      await trx
        .insertInto('operations')
        .values(nested.map((operation) => operationRow(operation, ids.get(operation.key) as string, id, link, now, actor)))
        .execute();
    }
    const first = input.operation ? link(input.operation) : nested[0] ? (ids.get(nested[0].key) as string) : null;
    if (first) await trx.updateTable('flows').set({ operation: first }).where('id', '=', id).execute();
    await recordSystemChange(trx, actor, { action: 'create', collection: 'flows', item: id, delta: { ...input }, timestamp: now });
  });
  deps.signals.publish('flows');
  return id;
}

export async function updateFlow(deps: Deps, actor: Actor, id: string, input: UpdateFlowInput): Promise<void> {
  requireAdmin(actor);
  const existing = await deps.database.db.selectFrom('flows').selectAll().where('id', '=', id).executeTakeFirst();
  if (!existing) throw forbidden();
  const trigger = input.trigger ?? existing.trigger;
  const options = input.options !== undefined ? (input.options ?? {}) : JSON.parse(existing.options ?? '{}');
  checkFlowOptions(deps, trigger, options);
  if (input.operation) await requireOperationOf(deps, id, input.operation);
  await deps.database.db
    .updateTable('flows')
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.icon !== undefined ? { icon: input.icon } : {}),
      ...(input.color !== undefined ? { color: input.color } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.accountability !== undefined ? { accountability: input.accountability } : {}),
      ...(input.operation !== undefined ? { operation: input.operation } : {}),
      ...(input.signing_secret !== undefined ? { signing_secret: signingSecret(input.signing_secret) } : {}),
      trigger,
      options: JSON.stringify(options),
      // A changed schedule is recomputed by the worker.
      ...(input.options !== undefined || input.trigger !== undefined ? { next_run_at: null } : {}),
    })
    .where('id', '=', id)
    .execute();
  await recordSystemChange(deps.database.db, actor, {
    action: 'update',
    collection: 'flows',
    item: id,
    delta: { ...input },
    timestamp: deps.now().toISOString(),
  });
  deps.signals.publish('flows');
}

export async function deleteFlow(deps: Deps, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor);
  const deleted = await deps.database.db.deleteFrom('flows').where('id', '=', id).executeTakeFirst();
  if (Number(deleted.numDeletedRows) > 0)
    await recordSystemChange(deps.database.db, actor, { action: 'delete', collection: 'flows', item: id, delta: null, timestamp: deps.now().toISOString() });
  deps.signals.publish('flows');
}

export async function createOperation(deps: Deps, actor: Actor, input: CreateOperationInput): Promise<string> {
  requireAdmin(actor);
  const flow = await deps.database.db.selectFrom('flows').select(['id', 'operation']).where('id', '=', input.flow).executeTakeFirst();
  if (!flow) throw invalidPayload(`Flow "${input.flow}" does not exist`);
  checkOperation(deps, input.type, input.options ?? {});
  for (const target of [input.resolve, input.reject]) if (target) await requireOperationOf(deps, input.flow, target);
  await assertKeyFree(deps, input.flow, input.key);
  const id = input.id ?? randomUUID();
  await deps.database.db
    .insertInto('operations')
    .values(operationRow(input, id, input.flow, (reference) => reference ?? null, deps.now().toISOString(), actor))
    .execute();
  deps.signals.publish('flows');
  return id;
}

export async function updateOperation(deps: Deps, actor: Actor, id: string, input: UpdateOperationInput): Promise<void> {
  requireAdmin(actor);
  const existing = await deps.database.db.selectFrom('operations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!existing) throw forbidden();
  const type = input.type ?? existing.type;
  const options = input.options !== undefined ? (input.options ?? {}) : JSON.parse(existing.options ?? '{}');
  checkOperation(deps, type, options);
  for (const target of [input.resolve, input.reject]) if (target) await requireOperationOf(deps, existing.flow, target);
  if (input.key !== undefined && input.key !== existing.key) await assertKeyFree(deps, existing.flow, input.key);
  await deps.database.db
    .updateTable('operations')
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.key !== undefined ? { key: input.key } : {}),
      ...(input.position_x !== undefined ? { position_x: input.position_x } : {}),
      ...(input.position_y !== undefined ? { position_y: input.position_y } : {}),
      ...(input.resolve !== undefined ? { resolve: input.resolve } : {}),
      ...(input.reject !== undefined ? { reject: input.reject } : {}),
      type,
      options: JSON.stringify(options),
    })
    .where('id', '=', id)
    .execute();
  deps.signals.publish('flows');
}

export async function deleteOperation(deps: Deps, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor);
  await deps.database.db.transaction().execute(async (trx) => {
    await trx.updateTable('operations').set({ resolve: null }).where('resolve', '=', id).execute();
    await trx.updateTable('operations').set({ reject: null }).where('reject', '=', id).execute();
    await trx.updateTable('flows').set({ operation: null }).where('operation', '=', id).execute();
    await trx.deleteFrom('operations').where('id', '=', id).execute();
  });
  deps.signals.publish('flows');
}

/**
 * POST|GET /flows/trigger/<id>: starts a webhook flow (anyone with the URL) or a manual flow (signed-in users) as a
 * durable run, and — unless the flow is asynchronous — waits for it and answers with its last result.
 */
export async function triggerFlow(
  deps: Deps,
  actor: Actor,
  id: string,
  request: { method: string; body: unknown; query: unknown },
): Promise<{ status: 'done'; data: unknown } | { status: 'queued'; run: string }> {
  const flow = await deps.flows.catalog.get(id);
  const method = flow?.options.method ?? 'POST';
  const triggerable = flow && flow.status === 'active' && (flow.trigger === 'webhook' ? method === request.method : flow.trigger === 'manual');
  if (!flow || !triggerable) throw forbidden();
  if (flow.trigger === 'manual' && !actor.user) throw invalidCredentials();
  const trigger =
    flow.trigger === 'manual'
      ? { event: 'manual', ...(isObject(request.body) ? request.body : {}) }
      : { path: `/flows/trigger/${id}`, method: request.method, query: request.query ?? {}, body: request.body ?? null };
  const now = deps.now();
  const newRun = { flow: flow.id, event: null, trigger, accountability: accountabilityOf(actor), firstOperation: flow.firstOperation, now };
  if (flow.options.async === true) {
    const runId = await runs.insertRun(deps.database.db, newRun);
    deps.signals.notifyLocal('outbox');
    return { status: 'queued', run: runId };
  }
  // Created already leased to this node's runner, so a worker polling at the same moment cannot take it.
  const claimed = await runs.insertLeasedRun(deps.database.db, newRun, deps.flows.runner.owner, deps.config.worker.leaseMs);
  const runId = claimed.id;
  const status = await deps.flows.runner.execute(claimed);
  if (status === 'retrying') return { status: 'queued', run: runId };
  const finished = await deps.database.db.selectFrom('flow_runs').select('data').where('id', '=', runId).executeTakeFirst();
  const data = finished?.data ? (JSON.parse(finished.data) as { $last?: unknown }) : {};
  return { status: 'done', data: data.$last ?? null };
}

/**
 * A test run from the flow editor: the chain runs once, right now, on a sample trigger; requests and mails are sent
 * once, without retries. Answers every step's input and output.
 */
export async function testFlow(deps: Deps, actor: Actor, id: string, input: Static<typeof TestRunBody>): Promise<{ outcome: string; steps: Step[] }> {
  requireAdmin(actor);
  const flow = await deps.flows.catalog.get(id);
  if (!flow) throw forbidden();
  const collection = input.collection ?? flow.options.collections?.[0] ?? null;
  const trigger = input.trigger ?? { event: collection ? `${collection}.test` : 'test', collection, payload: input.payload ?? {}, keys: input.keys ?? [] };
  const data = initialData(trigger, accountabilityOf(actor));
  const steps: Step[] = [];
  const outcome = await runChain({
    flow: { ...flow, accountability: 'all' } as FlowDefinition,
    startAt: flow.firstOperation,
    data,
    steps,
    deps: deps.flows.operationDeps,
    triggerActor: actor,
  });
  return { outcome: outcome.kind === 'done' ? (outcome.rejection ? 'rejected' : 'succeeded') : 'failed', steps };
}

/**
 * Sends a delivery again: its run resumes at that operation with the data chain it had, and the delivery keeps its
 * id (webhook-id), so a receiver that did process it can recognise the repeat.
 */
export async function replayDelivery(deps: Deps, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor);
  const db = deps.database.db;
  const delivery = await db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!delivery) throw forbidden();
  const now = deps.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('deliveries').set({ state: 'pending', next_attempt_at: now }).where('id', '=', id).execute();
    await trx
      .updateTable('flow_runs')
      .set({
        status: 'pending',
        current_operation: delivery.operation,
        attempts: 0,
        next_attempt_at: now,
        lease_owner: null,
        lease_expires: null,
        date_finished: null,
      })
      .where('id', '=', delivery.run)
      .execute();
  });
  deps.signals.notifyLocal('outbox');
}

function operationRow(
  operation: Static<typeof NestedOperation> | CreateOperationInput,
  id: string,
  flow: string,
  link: (reference: string | null | undefined) => string | null,
  now: string,
  actor: Actor,
): OperationsTable {
  return {
    id,
    flow,
    name: operation.name ?? null,
    key: operation.key,
    type: operation.type,
    position_x: operation.position_x ?? 0,
    position_y: operation.position_y ?? 0,
    options: JSON.stringify(operation.options ?? {}),
    resolve: link(operation.resolve),
    reject: link(operation.reject),
    date_created: now,
    user_created: actor.user,
  };
}

/** Keys name operations in templates ({{key}}), so each is unique within its flow. */
async function assertKeyFree(deps: Deps, flow: string, key: string): Promise<void> {
  const taken = await deps.database.db.selectFrom('operations').select('id').where('flow', '=', flow).where('key', '=', key).executeTakeFirst();
  if (taken) throw new AppError('RECORD_NOT_UNIQUE', `Another operation of this flow already has the key "${key}".`, { extensions: { field: 'key' } });
}

async function requireOperationOf(deps: Deps, flow: string, operation: string): Promise<void> {
  const found = await deps.database.db.selectFrom('operations').select('id').where('id', '=', operation).where('flow', '=', flow).executeTakeFirst();
  if (!found) throw invalidPayload(`Operation "${operation}" does not belong to this flow`);
}

function signingSecret(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (value === 'generate') return generateWebhookSecret();
  if (!/^whsec_[A-Za-z0-9+/=]{16,}$/.test(value))
    throw invalidPayload('"signing_secret" must be a Standard Webhooks secret ("whsec_" + base64), or "generate"');
  return value;
}

function checkFlowOptions(deps: Deps, trigger: string, options: Record<string, unknown>): void {
  if (trigger === 'event') {
    if (options.type !== undefined && options.type !== 'action' && options.type !== 'filter')
      throw invalidPayload('"options.type" must be "action" or "filter"');
    const scope = options.scope;
    if (!Array.isArray(scope) || scope.length === 0 || scope.some((entry) => !EVENT_SCOPES.includes(entry))) {
      throw invalidPayload(`"options.scope" must list one or more of ${EVENT_SCOPES.join(', ')}`);
    }
    const collections = options.collections;
    const schema = deps.schema.current();
    if (
      !Array.isArray(collections) ||
      collections.length === 0 ||
      collections.some((name) => !schema.collection(String(name)) || schema.collection(String(name))?.system)
    ) {
      throw invalidPayload('"options.collections" must list one or more item collections');
    }
  }
  if (trigger === 'schedule') {
    try {
      new Cron(String(options.cron ?? ''), { paused: true });
    } catch {
      throw invalidPayload(`"options.cron" is not a valid cron expression: ${JSON.stringify(options.cron ?? '')}`);
    }
  }
  if (trigger === 'webhook' && options.method !== undefined && options.method !== 'GET' && options.method !== 'POST') {
    throw invalidPayload('"options.method" must be GET or POST');
  }
}

function checkOperation(deps: Deps, type: string, options: Record<string, unknown>): void {
  if (!OPERATIONS[type]) throw invalidPayload(`Unknown operation type "${type}"; use one of ${Object.keys(OPERATIONS).join(', ')}`);
  if (type === 'request' && typeof options.url !== 'string') throw invalidPayload('A request operation needs "options.url"');
  if (type === 'mail' && options.to === undefined) throw invalidPayload('A mail operation needs "options.to"');
  if (type === 'condition' && !isObject(options.filter)) throw invalidPayload('A condition operation needs "options.filter"');
  if (type.startsWith('item-')) {
    const collection = deps.schema.current().collection(String(options.collection ?? ''));
    if (!collection || collection.system) throw invalidPayload(`"options.collection" must be an item collection`);
    if (options.permissions !== undefined && options.permissions !== '$trigger' && options.permissions !== '$full') {
      throw invalidPayload('"options.permissions" must be "$trigger" or "$full"');
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
