import type { AppContext } from '../../context.js';
import type { App } from '../../http/app-types.js';
import * as collections from './collections.service.js';
import { CollectionParams, CreateFieldBody, FieldParams, UpdateFieldBody } from './fields.schemas.js';
import * as fields from './fields.service.js';
import type { FieldInput } from './fields.shapes.js';

const tags = ['Fields'];

export function registerFieldRoutes(app: App, ctx: AppContext): void {
  app.get('/fields', { schema: { tags } }, async (request) => ({ data: await fields.listFields(ctx, request.actor) }));
  app.get('/fields/:collection', { schema: { tags, params: CollectionParams } }, async (request) => ({
    data: await fields.listFields(ctx, request.actor, request.params.collection),
  }));
  app.get('/fields/:collection/:field', { schema: { tags, params: FieldParams } }, async (request) => ({
    data: await fields.getField(ctx, request.actor, request.params.collection, request.params.field),
  }));
  app.post('/fields/:collection', { schema: { tags, params: CollectionParams, body: CreateFieldBody } }, async (request) => ({
    data: await fields.createField(ctx, request.actor, request.params.collection, withoutNulls(request.body) as FieldInput),
  }));
  app.patch('/fields/:collection/:field', { schema: { tags, params: FieldParams, body: UpdateFieldBody } }, async (request) => ({
    data: await fields.updateField(ctx, request.actor, request.params.collection, request.params.field, withoutNulls(request.body) as Partial<FieldInput>),
  }));
  app.delete('/fields/:collection/:field', { schema: { tags, params: FieldParams } }, async (request, reply) => {
    await fields.deleteField(ctx, request.actor, request.params.collection, request.params.field);
    return reply.status(204).send();
  });

  app.get('/collections', { schema: { tags: ['Collections'] } }, async (request) => ({ data: await collections.listCollections(ctx, request.actor) }));
  app.get('/collections/:collection', { schema: { tags: ['Collections'], params: CollectionParams } }, async (request) => ({
    data: await collections.getCollection(ctx, request.actor, request.params.collection),
  }));
}

/** `meta: null` / `schema: null` mean "nothing to set", as in Directus. */
function withoutNulls<T extends { meta?: unknown; schema?: unknown }>(body: T): T {
  return { ...body, meta: body.meta ?? undefined, schema: body.schema ?? undefined };
}
