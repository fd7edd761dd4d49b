import type { Socket } from 'node:net';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import type { Logger } from 'pino';
import qs from 'qs';
import { type Actor, ANONYMOUS } from './access/actor.js';
import type { AppContext } from './context.js';
import { invalidPayload, invalidQuery } from './errors.js';
import { registerActivityRoutes } from './features/activity/activity.routes.js';
import { registerAuthRoutes } from './features/auth/auth.routes.js';
import { SESSION_COOKIE } from './features/auth/cookies.js';
import { registerFieldRoutes } from './features/fields/fields.routes.js';
import { registerFlowRoutes } from './features/flows/flows.routes.js';
import { registerItemRoutes } from './features/items/items.routes.js';
import { registerPermissionRoutes } from './features/permissions/permissions.routes.js';
import { registerRoleRoutes } from './features/roles/roles.routes.js';
import { registerServerRoutes } from './features/server/server.routes.js';
import { registerUserRoutes } from './features/users/users.routes.js';
import { registerWebRoutes } from './features/web/web.routes.js';
import type { App } from './http/app-types.js';
import { createAuthenticator } from './http/authenticate.js';
import { errorBody, registerErrorHandling } from './http/error-handler.js';
import { securityHeaders } from './http/security-headers.js';

const MAX_HEADER_BYTES = 64 * 1024;

/**
 * Errors Node's HTTP parser raises before Fastify sees the request (an oversized URL, a malformed request line)
 * still get the API's error shape.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable) return;
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const body = JSON.stringify(
    errorBody(
      tooLarge
        ? invalidQuery(`The request URL and headers are larger than ${MAX_HEADER_BYTES / 1024} KB; send large queries with SEARCH and a JSON body`)
        : invalidPayload('Malformed HTTP request'),
    ),
  );
  socket.end(
    `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Builds the HTTP application: plugins, authentication and every feature's routes. Never listens. */
export async function buildApp(ctx: AppContext, options: { logger: Logger }): Promise<App> {
  const { config } = ctx;
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: config.http.bodyLimit,
    trustProxy: config.http.trustProxy,
    routerOptions: {
      ignoreTrailingSlash: true,
      maxParamLength: 500,
      // Directus's bracket syntax: filter[status][_eq]=Open, aggregate[count]=*, groupBy[]=status.
      querystringParser: (query: string) => qs.parse(query, { depth: 12, arrayLimit: 1000, parameterLimit: 2000 }),
    },
    // Long filters arrive in the URL; beyond this a client should use SEARCH with a JSON body.
    http: { maxHeaderSize: MAX_HEADER_BYTES },
    clientErrorHandler: answerClientError,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  registerErrorHandling(app);
  app.addHttpMethod('SEARCH', { hasBody: true });
  // Only JSON bodies: a form or text post is refused with 415 instead of being guessed at.
  app.removeContentTypeParser('text/plain');
  // Directus clients send Content-Type: application/json on bodyless requests (DELETE, GET); an empty body is no body.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '' || (typeof body === 'string' && body.trim() === '')) return done(null, undefined);
    parseJson(request, body as string, done);
  });

  await app.register(cookie);
  const headers = securityHeaders();
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(headers);
  });
  if (config.http.corsOrigins.length > 0) {
    await app.register(cors, { origin: config.http.corsOrigins.includes('*') ? true : config.http.corsOrigins, credentials: true });
  }
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Parley API', description: 'Customer support tickets with a Directus-compatible REST API.', version: '0.1.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });

  const authenticator = createAuthenticator({
    db: ctx.database.db,
    tokens: ctx.tokens,
    now: ctx.now,
    trustedOrigins: [new URL(config.http.publicUrl).origin, ...config.http.corsOrigins.filter((origin) => origin !== '*')],
  });
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('credentialSource', null);
  app.addHook('onRequest', async (request, reply) => {
    request.actor = ANONYMOUS;
    authenticator.refuseCrossSiteCookieWrites(request);
    // Unknown routes answer 404 without looking at credentials, like Directus.
    if (request.routeOptions.url === undefined || request.routeOptions.config.authenticate === false) return;
    try {
      const { actor, source } = await authenticator.authenticate(request);
      request.actor = actor;
      request.credentialSource = source;
    } catch (error) {
      if (request.cookies[SESSION_COOKIE] !== undefined && !request.headers.authorization) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      throw error;
    }
  });

  registerServerRoutes(app, ctx);
  registerAuthRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerRoleRoutes(app, ctx);
  registerItemRoutes(app, ctx);
  registerPermissionRoutes(app, ctx);
  registerFieldRoutes(app, ctx);
  registerFlowRoutes(app, ctx);
  registerActivityRoutes(app, ctx);
  registerWebRoutes(app, ctx);
  return app;
}
