import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { invalidPayload } from '../../errors.js';
import type { App } from '../../http/app-types.js';
import { isPlainObject } from '../../query/filter.js';
import { type ItemQuery, parseItemQuery } from '../../query/parse-query.js';
import type { Item } from '../../query/read-items.js';
import * as items from './items.service.js';

const tags = ['Items'];
const CollectionParams = Type.Object({ collection: Type.String({ maxLength: 64 }) });
const ItemParams = Type.Object({ collection: Type.String({ maxLength: 64 }), id: Type.String({ maxLength: 64 }) });
const MAX_BATCH = 1000;

/** /items/<collection>[/<id>] in Directus's shapes (DESIGN §3). Decisions live in items.service.ts. */
export function registerItemRoutes(app: App, ctx: AppContext): void {
  const parse = (raw: unknown): ItemQuery => parseItemQuery((raw ?? {}) as Record<string, unknown>, ctx.config.query);

  app.get('/items/:collection', { schema: { tags, params: CollectionParams } }, async (request) =>
    items.listItems(ctx, request.actor, request.params.collection, parse(request.query)),
  );

  // SEARCH carries the query in the body, for filters too large for a URL (Directus supports the same).
  app.route({
    method: 'SEARCH',
    url: '/items/:collection',
    schema: { tags, params: CollectionParams },
    handler: async (request) => {
      const body = request.body;
      if (!isPlainObject(body) || !isPlainObject(body.query)) throw invalidPayload('SEARCH needs a body {"query": {...}}');
      return items.listItems(ctx, request.actor, request.params.collection, parse(body.query));
    },
  });

  app.get('/items/:collection/:id', { schema: { tags, params: ItemParams } }, async (request) => ({
    data: await items.getItem(ctx, request.actor, request.params.collection, request.params.id, parse(request.query)),
  }));

  app.post('/items/:collection', { schema: { tags, params: CollectionParams } }, async (request, reply) => {
    const body = request.body;
    const payloads = Array.isArray(body) ? body : [body];
    if (payloads.length > MAX_BATCH) throw invalidPayload(`At most ${MAX_BATCH} items per request`);
    const query = parse(request.query);
    const created = await items.createItems(ctx, request.actor, request.params.collection, payloads);
    const data = await items.readBack(created.env, created.collection, created.keys, query);
    return respond(reply, data, Array.isArray(body));
  });

  app.patch('/items/:collection', { schema: { tags, params: CollectionParams } }, async (request, reply) => {
    const body = request.body;
    const query = parse(request.query);
    const collection = request.params.collection;
    let changes: Array<{ target: items.BatchTarget; data: unknown }>;
    if (Array.isArray(body)) {
      if (body.length > MAX_BATCH) throw invalidPayload(`At most ${MAX_BATCH} items per request`);
      changes = body.map((entry) => splitKey(entry, ctx, collection));
    } else if (isPlainObject(body) && 'data' in body) {
      changes = [{ target: items.parseBatchTarget(body, parse, ['data']), data: body.data }];
    } else {
      throw invalidPayload('Send an array of items with their keys, or {"keys": [...], "data": {...}}, or {"query": {...}, "data": {...}}');
    }
    const updated = await items.updateItems(ctx, request.actor, collection, changes);
    return respond(reply, await items.readBack(updated.env, updated.collection, updated.keys, query), true);
  });

  app.patch('/items/:collection/:id', { schema: { tags, params: ItemParams } }, async (request, reply) => {
    const query = parse(request.query);
    const updated = await items.updateItems(ctx, request.actor, request.params.collection, [{ target: { keys: [request.params.id] }, data: request.body }]);
    return respond(reply, await items.readBack(updated.env, updated.collection, updated.keys, query), false);
  });

  app.delete('/items/:collection', { schema: { tags, params: CollectionParams } }, async (request, reply) => {
    await items.deleteItems(ctx, request.actor, request.params.collection, items.parseBatchTarget(request.body, parse));
    return reply.status(204).send();
  });

  app.delete('/items/:collection/:id', { schema: { tags, params: ItemParams } }, async (request, reply) => {
    await items.deleteItems(ctx, request.actor, request.params.collection, { keys: [request.params.id] });
    return reply.status(204).send();
  });
}

/** An array PATCH entry carries its own primary key next to the changes. */
function splitKey(entry: unknown, ctx: AppContext, collection: string): { target: items.BatchTarget; data: unknown } {
  const info = ctx.schema.current().collection(collection);
  const pk = info?.primaryKey ?? 'id';
  if (!isPlainObject(entry) || (typeof entry[pk] !== 'string' && typeof entry[pk] !== 'number')) throw invalidPayload(`Each item needs its "${pk}"`);
  const { [pk]: key, ...data } = entry;
  return { target: { keys: [key as items.Key] }, data };
}

/** 200 with what the caller may read of the result; 204 when they may read none of it (Directus's rule). */
function respond(reply: FastifyReply, data: Item[] | undefined, many: boolean) {
  if (data === undefined || (!many && data.length === 0)) return reply.status(204).send();
  return { data: many ? data : data[0] };
}
