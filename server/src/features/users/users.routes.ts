import type { AppContext } from '../../context.js';
import type { App } from '../../http/app-types.js';
import { parseItemQuery } from '../../query/parse-query.js';
import { AcceptInviteBody, CreateUserBody, IdParams, InviteBody, UpdateMeBody, UpdateUserBody } from './users.schemas.js';
import * as users from './users.service.js';

const tags = ['Users'];

export function registerUserRoutes(app: App, ctx: AppContext): void {
  const parse = (raw: unknown) => parseItemQuery((raw ?? {}) as Record<string, unknown>, ctx.config.query);

  app.get('/users', { schema: { tags } }, async (request) => users.listUsers(ctx, request.actor, parse(request.query)));

  app.get('/users/me', { schema: { tags } }, async (request) => ({ data: await users.getMe(ctx, request.actor, parse(request.query)) }));

  app.patch('/users/me', { schema: { tags, body: UpdateMeBody } }, async (request) => ({
    data: await users.updateMe(ctx, request.actor, request.body),
  }));

  app.post('/users/invite', { schema: { tags, body: InviteBody } }, async (request, reply) => {
    await users.inviteUsers(ctx, request.actor, { email: request.body.email, role: request.body.role, inviteUrl: request.body.invite_url });
    return reply.status(204).send();
  });

  app.post('/users/invite/accept', { schema: { tags, body: AcceptInviteBody }, config: { authenticate: false } }, async (request, reply) => {
    await users.acceptInvite(ctx, request.body);
    return reply.status(204).send();
  });

  app.get('/users/:id', { schema: { tags, params: IdParams } }, async (request) => ({
    data: await users.getUser(ctx, request.actor, request.params.id, parse(request.query)),
  }));

  app.post('/users', { schema: { tags, body: CreateUserBody } }, async (request) => ({
    data: await users.createUser(ctx, request.actor, request.body),
  }));

  app.patch('/users/:id', { schema: { tags, params: IdParams, body: UpdateUserBody } }, async (request) => ({
    data: await users.updateUser(ctx, request.actor, request.params.id, request.body),
  }));

  app.delete('/users/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
    await users.deleteUser(ctx, request.actor, request.params.id);
    return reply.status(204).send();
  });
}
