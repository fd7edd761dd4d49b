import { classifyStatus, retryAfterMs } from '../delivery-policy.js';
import { OutboundError, sendOutbound } from '../outbound.js';
import { renderTemplate, renderText } from '../templates.js';
import { signWebhook, webhookMessageId } from '../webhook-signature.js';
import { type OperationContext, OperationFailure, type OperationHandler } from './operation.js';

/**
 * `request`: an HTTP call following the Standard Webhooks specification — a `webhook-id` that stays the same on
 * every retry of one delivery, `webhook-timestamp`, and `webhook-signature` when the flow has a secret.
 */
export const requestOperation: OperationHandler = {
  effects: true,
  async run({ operation, data, deps, flow, delivery }: OperationContext) {
    const options = operation.options;
    const method = renderText(options.method ?? 'POST', data).toUpperCase();
    const url = renderText(options.url, data);
    const headers = normalizeHeaders(renderTemplate(options.headers ?? [], data));
    const rawBody = options.body === undefined || method === 'GET' || method === 'HEAD' ? undefined : renderTemplate(options.body, data);
    const body = rawBody === undefined ? undefined : typeof rawBody === 'string' ? rawBody : JSON.stringify(rawBody);
    if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';

    const { id, attempt } = delivery ? await delivery.begin('request', url) : { id: webhookMessageId(), attempt: 1 };
    const timestamp = Math.floor(deps.now().getTime() / 1000);
    headers['webhook-id'] = id;
    headers['webhook-timestamp'] = String(timestamp);
    if (flow.signingSecret) headers['webhook-signature'] = signWebhook(flow.signingSecret, id, timestamp, body ?? '');
    headers['user-agent'] ??= 'Parley-Webhooks/1.0';

    const started = performance.now();
    let response: Awaited<ReturnType<typeof sendOutbound>>;
    try {
      response = await sendOutbound({ method, url, headers, body, timeoutMs: deps.config.flows.requestTimeoutMs }, deps.denyList);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await delivery?.record({ durationMs: Math.round(performance.now() - started), error: message, delivered: false });
      const denied = error instanceof OutboundError && error.denied;
      throw new OperationFailure(`Request ${attempt > 1 ? `attempt ${attempt} ` : ''}to ${url} failed: ${message}`, { retryable: !denied });
    }
    const outcome = classifyStatus(response.status);
    await delivery?.record({ status: response.status, durationMs: response.durationMs, excerpt: response.excerpt, delivered: outcome === 'delivered' });
    const result = { status: response.status, headers: response.headers, data: parseBody(response.excerpt) };
    if (outcome === 'delivered') return result;
    throw new OperationFailure(`Request to ${url} answered ${response.status}`, {
      retryable: outcome === 'retry',
      retryAfterMs: retryAfterMs(response.headers['retry-after'], deps.now(), deps.config.flows.retryMaxMs),
      output: result,
    });
  },
};

/** Headers as Directus stores them ([{header, value}]) or as a plain object. */
function normalizeHeaders(value: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const entry of value) {
      if (entry && typeof entry === 'object' && typeof (entry as { header?: unknown }).header === 'string') {
        headers[(entry as { header: string }).header] = String((entry as { value?: unknown }).value ?? '');
      }
    }
  } else if (value && typeof value === 'object') {
    for (const [name, headerValue] of Object.entries(value)) headers[name] = String(headerValue ?? '');
  }
  return headers;
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
