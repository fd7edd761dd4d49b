import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import type { Logger } from 'pino';
import { type Actor, ANONYMOUS } from './access/actor.js';
import type { AppContext } from './context.js';
import { registerAuthRoutes } from './features/auth/auth.routes.js';
import { SESSION_COOKIE } from './features/auth/cookies.js';
import { registerRoleRoutes } from './features/roles/roles.routes.js';
import { registerServerRoutes } from './features/server/server.routes.js';
import { registerUserRoutes } from './features/users/users.routes.js';
import type { App } from './http/app-types.js';
import { createAuthenticator } from './http/authenticate.js';
import { registerErrorHandling } from './http/error-handler.js';

/** Builds the HTTP application: plugins, authentication and every feature's routes. Never listens. */
export async function buildApp(ctx: AppContext, options: { logger: Logger }): Promise<App> {
  const { config } = ctx;
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: config.http.bodyLimit,
    trustProxy: config.http.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  registerErrorHandling(app);
  // Only JSON bodies: a form or text post is refused with 415 instead of being guessed at.
  app.removeContentTypeParser('text/plain');

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Cross-origin isolation headers would break nothing here, but COEP blocks mail-linked images; keep defaults otherwise.
    crossOriginEmbedderPolicy: false,
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
  return app;
}
