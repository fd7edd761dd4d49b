import type { AppContext } from '../../context.js';
import type { App } from '../../http/app-types.js';
import { parseItemQuery } from '../../query/parse-query.js';
import { getSystemItem, listSystemItems } from '../items/system-reads.js';
import { CreateFlowBody, CreateOperationBody, IdParams, TestRunBody, UpdateFlowBody, UpdateOperationBody } from './flows.schemas.js';
import * as flows from './flows.service.js';

const tags = ['Flows'];

/** /flows, /operations (Directus shapes), /flows/trigger/<id>, /flow-runs and /deliveries (with replay). */
export function registerFlowRoutes(app: App, ctx: AppContext): void {
  const parse = (raw: unknown, defaultFields?: string[]) => {
    const query = (raw ?? {}) as Record<string, unknown>;
    return parseItemQuery(defaultFields && query.fields === undefined ? { ...query, fields: defaultFields } : query, ctx.config.query);
  };
  // Like Directus, a flow lists its operations' ids unless other fields are asked for.
  const flowFields = ['*', 'operations'];

  app.get('/flows', { schema: { tags } }, async (request) => listSystemItems(ctx, request.actor, 'flows', parse(request.query, flowFields)));
  app.get('/flows/:id', { schema: { tags, params: IdParams } }, async (request) => ({
    data: await getSystemItem(ctx, request.actor, 'flows', request.params.id, parse(request.query, flowFields)),
  }));
  app.post('/flows', { schema: { tags, body: CreateFlowBody } }, async (request) => {
    const id = await flows.createFlow(ctx, request.actor, request.body);
    return { data: await getSystemItem(ctx, request.actor, 'flows', id, parse(request.query, flowFields)) };
  });
  app.patch('/flows/:id', { schema: { tags, params: IdParams, body: UpdateFlowBody } }, async (request) => {
    await flows.updateFlow(ctx, request.actor, request.params.id, request.body);
    return { data: await getSystemItem(ctx, request.actor, 'flows', request.params.id, parse(request.query, flowFields)) };
  });
  app.delete('/flows/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
    await flows.deleteFlow(ctx, request.actor, request.params.id);
    return reply.status(204).send();
  });
  app.post('/flows/:id/test', { schema: { tags, params: IdParams, body: TestRunBody } }, async (request) => ({
    data: await flows.testFlow(ctx, request.actor, request.params.id, request.body ?? {}),
  }));

  for (const method of ['GET', 'POST'] as const) {
    app.route({
      method,
      url: '/flows/trigger/:id',
      schema: { tags, params: IdParams },
      handler: async (request, reply) => {
        const result = await flows.triggerFlow(ctx, request.actor, request.params.id, { method, body: request.body, query: request.query });
        if (result.status === 'queued') return reply.status(202).send({ data: { run: result.run } });
        return { data: result.data };
      },
    });
  }

  app.get('/operations', { schema: { tags } }, async (request) => listSystemItems(ctx, request.actor, 'operations', parse(request.query)));
  app.get('/operations/:id', { schema: { tags, params: IdParams } }, async (request) => ({
    data: await getSystemItem(ctx, request.actor, 'operations', request.params.id, parse(request.query)),
  }));
  app.post('/operations', { schema: { tags, body: CreateOperationBody } }, async (request) => {
    const id = await flows.createOperation(ctx, request.actor, request.body);
    return { data: await getSystemItem(ctx, request.actor, 'operations', id, parse(request.query)) };
  });
  app.patch('/operations/:id', { schema: { tags, params: IdParams, body: UpdateOperationBody } }, async (request) => {
    await flows.updateOperation(ctx, request.actor, request.params.id, request.body);
    return { data: await getSystemItem(ctx, request.actor, 'operations', request.params.id, parse(request.query)) };
  });
  app.delete('/operations/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
    await flows.deleteOperation(ctx, request.actor, request.params.id);
    return reply.status(204).send();
  });

  app.get('/flow-runs', { schema: { tags } }, async (request) => listSystemItems(ctx, request.actor, 'flow_runs', parse(request.query)));
  app.get('/flow-runs/:id', { schema: { tags, params: IdParams } }, async (request) => ({
    data: await getSystemItem(ctx, request.actor, 'flow_runs', request.params.id, parse(request.query)),
  }));
  app.get('/deliveries', { schema: { tags } }, async (request) => listSystemItems(ctx, request.actor, 'deliveries', parse(request.query)));
  app.get('/deliveries/:id', { schema: { tags, params: IdParams } }, async (request) => ({
    data: await getSystemItem(ctx, request.actor, 'deliveries', request.params.id, parse(request.query, ['*', 'attempt_log.*'])),
  }));
  app.post('/deliveries/:id/replay', { schema: { tags, params: IdParams } }, async (request, reply) => {
    await flows.replayDelivery(ctx, request.actor, request.params.id);
    return reply.status(202).send({ data: { id: request.params.id, state: 'pending' } });
  });
}
