import type { AppContext } from '../../context.js';
import type { App } from '../../http/app-types.js';
import { parseItemQuery } from '../../query/parse-query.js';
import { CreateRoleBody, RoleParams, UpdateRoleBody } from './roles.schemas.js';
import * as roles from './roles.service.js';

const tags = ['Roles'];

export function registerRoleRoutes(app: App, ctx: AppContext): void {
  const parse = (raw: unknown) => parseItemQuery((raw ?? {}) as Record<string, unknown>, ctx.config.query);
  app.get('/roles', { schema: { tags } }, async (request) => roles.listRoles(ctx, request.actor, parse(request.query)));
  app.get('/roles/:id', { schema: { tags, params: RoleParams } }, async (request) => ({
    data: await roles.getRole(ctx, request.actor, request.params.id, parse(request.query)),
  }));
  app.post('/roles', { schema: { tags, body: CreateRoleBody } }, async (request) => ({
    data: await roles.createRole(ctx, request.actor, request.body),
  }));
  app.patch('/roles/:id', { schema: { tags, params: RoleParams, body: UpdateRoleBody } }, async (request) => ({
    data: await roles.updateRole(ctx, request.actor, request.params.id, request.body),
  }));
  app.delete('/roles/:id', { schema: { tags, params: RoleParams } }, async (request, reply) => {
    await roles.deleteRole(ctx, request.actor, request.params.id);
    return reply.status(204).send();
  });
}
