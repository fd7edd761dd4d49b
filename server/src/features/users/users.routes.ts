import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { App } from '../../http/app-types.js';
import { AcceptInviteBody, CreateUserBody, IdParams, InviteBody, ListQuery, UpdateMeBody, UpdateUserBody, User } from './users.schemas.js';
import * as users from './users.service.js';

const tags = ['Users'];
const One = { 200: Type.Object({ data: User }) };
const Many = { 200: Type.Object({ data: Type.Array(User) }) };

export function registerUserRoutes(app: App, ctx: AppContext): void {
  app.get('/users', { schema: { tags, querystring: ListQuery, response: Many } }, async (request) => {
    const { limit, offset } = request.query;
    const max = ctx.config.query.limitMax;
    const page = { limit: limit === undefined ? ctx.config.query.limitDefault : limit === -1 ? max : Math.min(limit, max), offset: offset ?? 0 };
    return { data: await users.listUsers(ctx, request.actor, page) };
  });

  app.get('/users/me', { schema: { tags, response: One } }, async (request) => ({ data: await users.getMe(ctx, request.actor) }));

  app.patch('/users/me', { schema: { tags, body: UpdateMeBody, response: One } }, async (request) => ({
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

  app.get('/users/:id', { schema: { tags, params: IdParams, response: One } }, async (request) => ({
    data: await users.getUser(ctx, request.actor, request.params.id),
  }));

  app.post('/users', { schema: { tags, body: CreateUserBody, response: One } }, async (request) => ({
    data: await users.createUser(ctx, request.actor, request.body),
  }));

  app.patch('/users/:id', { schema: { tags, params: IdParams, body: UpdateUserBody, response: One } }, async (request) => ({
    data: await users.updateUser(ctx, request.actor, request.params.id, request.body),
  }));

  app.delete('/users/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
    await users.deleteUser(ctx, request.actor, request.params.id);
    return reply.status(204).send();
  });
}
