import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { App } from '../../http/app-types.js';
import { CreateRoleBody, Role, RoleParams, UpdateRoleBody } from './roles.schemas.js';
import * as roles from './roles.service.js';

const tags = ['Roles'];
const One = { 200: Type.Object({ data: Role }) };

export function registerRoleRoutes(app: App, ctx: AppContext): void {
  app.get('/roles', { schema: { tags, response: { 200: Type.Object({ data: Type.Array(Role) }) } } }, async (request) => ({
    data: await roles.listRoles(ctx, request.actor),
  }));
  app.get('/roles/:id', { schema: { tags, params: RoleParams, response: One } }, async (request) => ({
    data: await roles.getRole(ctx, request.actor, request.params.id),
  }));
  app.post('/roles', { schema: { tags, body: CreateRoleBody, response: One } }, async (request) => ({
    data: await roles.createRole(ctx, request.actor, request.body),
  }));
  app.patch('/roles/:id', { schema: { tags, params: RoleParams, body: UpdateRoleBody, response: One } }, async (request) => ({
    data: await roles.updateRole(ctx, request.actor, request.params.id, request.body),
  }));
  app.delete('/roles/:id', { schema: { tags, params: RoleParams } }, async (request, reply) => {
    await roles.deleteRole(ctx, request.actor, request.params.id);
    return reply.status(204).send();
  });
}
