import type { AppContext } from '../../context.js';
import { invalidCredentials } from '../../errors.js';
import type { App } from '../../http/app-types.js';
import { parseItemQuery } from '../../query/parse-query.js';
import { CreatePermissionBody, PermissionParams, UpdatePermissionBody } from './permissions.schemas.js';
import * as permissions from './permissions.service.js';

const tags = ['Permissions'];

export function registerPermissionRoutes(app: App, ctx: AppContext): void {
  const parse = (raw: unknown) => parseItemQuery((raw ?? {}) as Record<string, unknown>, ctx.config.query);

  app.get('/permissions', { schema: { tags } }, async (request) => permissions.listPermissions(ctx, request.actor, parse(request.query)));

  app.get('/permissions/me', { schema: { tags } }, async (request) => {
    if (!request.actor.user) throw invalidCredentials();
    return { data: await permissions.myPermissions(ctx, request.actor) };
  });

  app.get('/permissions/:id', { schema: { tags, params: PermissionParams } }, async (request) => ({
    data: await permissions.getPermission(ctx, request.actor, request.params.id, parse(request.query)),
  }));

  app.post('/permissions', { schema: { tags, body: CreatePermissionBody } }, async (request) => ({
    data: await permissions.createPermission(ctx, request.actor, request.body),
  }));

  app.patch('/permissions/:id', { schema: { tags, params: PermissionParams, body: UpdatePermissionBody } }, async (request) => ({
    data: await permissions.updatePermission(ctx, request.actor, request.params.id, request.body),
  }));

  app.delete('/permissions/:id', { schema: { tags, params: PermissionParams } }, async (request, reply) => {
    await permissions.deletePermission(ctx, request.actor, request.params.id);
    return reply.status(204).send();
  });
}
