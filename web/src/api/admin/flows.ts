import { request, requestWithMeta } from '../client';
import { type ListResult, toQueryString } from '../items';

/**
 * Flows, their operations, run log and delivery log (issue #5; Directus's /flows and /operations shapes, plus Parley's
 * /flow-runs, /deliveries and test runs). Admins only: the server refuses everyone else with FORBIDDEN.
 */

export type FlowTrigger = 'event' | 'schedule' | 'webhook' | 'manual';
export type FlowStatus = 'active' | 'inactive';
export const EVENT_SCOPES = ['items.create', 'items.update', 'items.delete'] as const;
export type EventScope = (typeof EVENT_SCOPES)[number];

/** A flow's trigger settings; which keys apply depends on the trigger. */
export interface FlowOptions {
  /** event: "action" runs after the change is committed; "filter" runs inside the request and may refuse it. */
  type?: 'action' | 'filter';
  scope?: string[];
  /** event and manual: the item collections it listens to / is offered on. */
  collections?: string[];
  /** schedule: a cron expression (5 fields, or 6 with seconds). */
  cron?: string;
  /** webhook: the method the trigger URL accepts, and whether the caller waits for the result. */
  method?: 'GET' | 'POST';
  async?: boolean;
  [other: string]: unknown;
}

export interface Flow {
  id: string;
  name: string;
  icon: string | null;
  color: string | null;
  description: string | null;
  status: FlowStatus;
  trigger: FlowTrigger;
  /** "all" keeps a run log with each step's input and output; null keeps none. */
  accountability: 'all' | 'activity' | null;
  options: FlowOptions | null;
  /** The first operation of the chain. */
  operation: string | null;
  /** A Standard Webhooks secret ("whsec_…"), or null: requests go unsigned. */
  signing_secret: string | null;
  date_created: string;
  user_created: string | null;
  /** Ids of its operations. */
  operations?: string[];
}

export interface Operation {
  id: string;
  flow: string;
  name: string | null;
  key: string;
  type: string;
  position_x: number;
  position_y: number;
  options: Record<string, unknown> | null;
  /** The operation that runs next when this one succeeds (✓), or null. */
  resolve: string | null;
  /** The operation that runs next when this one fails or its condition does not hold (✗), or null. */
  reject: string | null;
  date_created: string;
}

export type RunStatus = 'pending' | 'running' | 'retrying' | 'succeeded' | 'failed' | 'dead';
export const RUN_STATUSES: RunStatus[] = ['pending', 'running', 'retrying', 'succeeded', 'failed', 'dead'];

/** One executed operation of a run (or of a test run). */
export interface RunStep {
  operation: string;
  key: string;
  type: string;
  status: 'resolved' | 'rejected' | 'retry';
  /** The operation's options after templating (only when the flow tracks activity and logs). */
  input?: unknown;
  output: unknown;
  timestamp: string;
}

export interface FlowRun {
  id: string;
  status: RunStatus;
  date_created: string;
  date_finished: string | null;
  last_error: string | null;
  attempts: number;
  next_attempt_at: string | null;
  steps: RunStep[] | null;
  /** What started the run ({{$trigger}}): the event with its payload, the webhook request, … */
  trigger?: unknown;
}

export type DeliveryState = 'pending' | 'retrying' | 'delivered' | 'failed' | 'dead';
export const DELIVERY_STATES: DeliveryState[] = ['pending', 'retrying', 'delivered', 'failed', 'dead'];

export interface DeliveryAttempt {
  id: number;
  attempt: number;
  /** HTTP status; null when no answer came (network error, timeout) and for mails. */
  status: number | null;
  duration_ms: number;
  response_excerpt: string | null;
  error: string | null;
  date_created: string;
}

export interface Delivery {
  /** The Standard Webhooks message id (webhook-id), the same on every attempt. */
  id: string;
  run: string;
  flow: { id: string; name: string } | null;
  operation: string;
  kind: 'request' | 'mail';
  /** URL or mail recipients. */
  target: string;
  state: DeliveryState;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  date_created: string;
  date_delivered: string | null;
}

export interface TestRunInput {
  payload?: unknown;
  collection?: string;
  keys?: Array<string | number>;
}

export interface TestRunResult {
  outcome: 'succeeded' | 'rejected' | 'failed';
  steps: RunStep[];
}

export type FlowInput = Partial<Pick<Flow, 'name' | 'description' | 'status' | 'trigger' | 'accountability' | 'options' | 'operation' | 'icon'>> & {
  /** A "whsec_…" secret, "generate" for a new one, or null to stop signing. */
  signing_secret?: string | null;
};

export type OperationInput = Partial<Pick<Operation, 'name' | 'key' | 'type' | 'options' | 'resolve' | 'reject' | 'position_x' | 'position_y'>>;

const path = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;

/** Every flow, by name. */
export function listFlows(): Promise<Flow[]> {
  return request<Flow[]>('GET', `/flows${toQueryString({ fields: ['*'], sort: ['name'], limit: -1 })}`);
}

export function getFlow(id: string): Promise<Flow> {
  return request<Flow>('GET', path('/flows', id));
}

export function createFlow(input: FlowInput & Pick<Flow, 'name' | 'trigger'>): Promise<Flow> {
  return request<Flow>('POST', '/flows', input);
}

export function updateFlow(id: string, changes: FlowInput): Promise<Flow> {
  return request<Flow>('PATCH', path('/flows', id), changes);
}

/** Deletes the flow with its operations, runs and deliveries. */
export function deleteFlow(id: string): Promise<void> {
  return request('DELETE', path('/flows', id));
}

/** The operations of one flow (in no particular order; see flow-chain.ts for the chain's order). */
export function listOperations(flowId: string): Promise<Operation[]> {
  return request<Operation[]>('GET', `/operations${toQueryString({ filter: { flow: { _eq: flowId } }, sort: ['date_created'], limit: -1 })}`);
}

export function createOperation(input: OperationInput & Pick<Operation, 'flow' | 'key' | 'type'>): Promise<Operation> {
  return request<Operation>('POST', '/operations', input);
}

export function updateOperation(id: string, changes: OperationInput): Promise<Operation> {
  return request<Operation>('PATCH', path('/operations', id), changes);
}

/** Deletes the operation; links to it (✓, ✗, the flow's first operation) are cleared by the server. */
export function deleteOperation(id: string): Promise<void> {
  return request('DELETE', path('/operations', id));
}

/** Runs the chain once, now, on a sample trigger (requests and mails are really sent, once, without retries). */
export function testFlow(id: string, input: TestRunInput): Promise<TestRunResult> {
  return request<TestRunResult>('POST', `${path('/flows', id)}/test`, input);
}

/** The latest run of a flow, or undefined when it never ran. */
export async function latestRun(flowId: string): Promise<Pick<FlowRun, 'id' | 'status' | 'date_created'> | undefined> {
  const runs = await request<Array<Pick<FlowRun, 'id' | 'status' | 'date_created'>>>(
    'GET',
    `/flow-runs${toQueryString({ fields: ['id', 'status', 'date_created'], filter: { flow: { _eq: flowId } }, sort: ['-date_created'], limit: 1 })}`,
  );
  return runs[0];
}

export interface RunFilters {
  flow: string;
  status?: RunStatus;
  page: number;
  pageSize: number;
}

export function runFilter(filters: Pick<RunFilters, 'flow' | 'status'>): Record<string, unknown> {
  const flow = { flow: { _eq: filters.flow } };
  return filters.status ? { _and: [flow, { status: { _eq: filters.status } }] } : flow;
}

/** One page of a flow's runs, newest first, with their steps. */
export function listRuns(filters: RunFilters): Promise<ListResult<FlowRun>> {
  const query = toQueryString({
    fields: ['id', 'status', 'date_created', 'date_finished', 'last_error', 'attempts', 'next_attempt_at', 'steps', 'trigger'],
    filter: runFilter(filters),
    sort: ['-date_created'],
    limit: filters.pageSize,
    page: filters.page,
    meta: ['filter_count'],
  });
  return requestWithMeta<FlowRun[]>('GET', `/flow-runs${query}`);
}

export interface DeliveryFilters {
  flow?: string;
  state?: DeliveryState;
  page: number;
  pageSize: number;
}

export function deliveryFilter(filters: Pick<DeliveryFilters, 'flow' | 'state'>): Record<string, unknown> | undefined {
  const rules: Record<string, unknown>[] = [];
  if (filters.flow) rules.push({ flow: { _eq: filters.flow } });
  if (filters.state) rules.push({ state: { _eq: filters.state } });
  if (rules.length === 0) return undefined;
  return rules.length === 1 ? rules[0] : { _and: rules };
}

/** One page of deliveries (webhook requests and mails sent by flows), newest first, with the flow's name. */
export function listDeliveries(filters: DeliveryFilters): Promise<ListResult<Delivery>> {
  const query = toQueryString({
    fields: ['*', 'flow.id', 'flow.name'],
    filter: deliveryFilter(filters),
    sort: ['-date_created'],
    limit: filters.pageSize,
    page: filters.page,
    meta: ['filter_count'],
  });
  return requestWithMeta<Delivery[]>('GET', `/deliveries${query}`);
}

/** Every attempt of one delivery, in order. */
export async function listDeliveryAttempts(id: string): Promise<DeliveryAttempt[]> {
  const delivery = await request<{ attempt_log: DeliveryAttempt[] | null }>('GET', `${path('/deliveries', id)}${toQueryString({ fields: ['attempt_log.*'] })}`);
  return [...(delivery.attempt_log ?? [])].sort((a, b) => a.attempt - b.attempt || a.id - b.id);
}

/** Sends a delivery again (answered 202: it is queued); the run resumes at that operation. */
export async function replayDelivery(id: string): Promise<void> {
  await request('POST', `${path('/deliveries', id)}/replay`);
}
