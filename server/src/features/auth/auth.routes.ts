import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import type { App } from '../../http/app-types.js';
import { defaultEmptyBody } from '../../http/common-schemas.js';
import { LoginBody, LogoutBody, PasswordRequestBody, PasswordResetBody, RefreshBody, TokensResponse } from './auth.schemas.js';
import * as auth from './auth.service.js';
import { REFRESH_COOKIE, SESSION_COOKIE } from './cookies.js';

const tags = ['Authentication'];

export function registerAuthRoutes(app: App, ctx: AppContext): void {
  const cookieOptions = (maxAgeMs: number) => ({
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.auth.cookieSecure,
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
  });

  function sendTokens(reply: FastifyReply, tokens: auth.IssuedTokens) {
    if (tokens.mode === 'session') {
      reply.setCookie(SESSION_COOKIE, tokens.sessionToken as string, cookieOptions(ctx.config.auth.sessionTtlMs));
      return { data: { expires: tokens.expires } };
    }
    if (tokens.mode === 'cookie') {
      reply.setCookie(REFRESH_COOKIE, tokens.refreshToken as string, cookieOptions(ctx.config.auth.refreshTokenTtlMs));
      return { data: { expires: tokens.expires, access_token: tokens.accessToken } };
    }
    return { data: { expires: tokens.expires, refresh_token: tokens.refreshToken, access_token: tokens.accessToken } };
  }

  app.post('/auth/login', { schema: { tags, body: LoginBody, response: { 200: TokensResponse } }, config: { authenticate: false } }, async (request, reply) => {
    const tokens = await auth.login(ctx, { email: request.body.email, password: request.body.password, mode: request.body.mode ?? 'json' }, clientOf(request));
    return sendTokens(reply, tokens);
  });

  app.post(
    '/auth/refresh',
    { schema: { tags, body: RefreshBody, response: { 200: TokensResponse } }, config: { authenticate: false }, preValidation: defaultEmptyBody },
    async (request, reply) => {
      const body = request.body;
      const cookies = request.cookies;
      const mode = body.mode ?? (body.refresh_token ? 'json' : cookies[REFRESH_COOKIE] ? 'cookie' : cookies[SESSION_COOKIE] ? 'session' : 'json');
      const refreshToken = mode === 'json' ? body.refresh_token : (body.refresh_token ?? cookies[REFRESH_COOKIE]);
      try {
        return sendTokens(reply, await auth.refresh(ctx, { mode, refreshToken, sessionToken: cookies[SESSION_COOKIE] }));
      } catch (error) {
        // A dead cookie is cleared so the browser stops presenting it.
        if (mode === 'cookie') reply.clearCookie(REFRESH_COOKIE, { path: '/' });
        if (mode === 'session') reply.clearCookie(SESSION_COOKIE, { path: '/' });
        throw error;
      }
    },
  );

  app.post('/auth/logout', { schema: { tags, body: LogoutBody }, config: { authenticate: false }, preValidation: defaultEmptyBody }, async (request, reply) => {
    const body = request.body;
    await auth.logout(ctx, {
      refreshToken: body.refresh_token ?? request.cookies[REFRESH_COOKIE],
      sessionToken: request.cookies[SESSION_COOKIE],
    });
    if (request.cookies[REFRESH_COOKIE] !== undefined) reply.clearCookie(REFRESH_COOKIE, { path: '/' });
    if (request.cookies[SESSION_COOKIE] !== undefined) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.post('/auth/password/request', { schema: { tags, body: PasswordRequestBody }, config: { authenticate: false } }, async (request, reply) => {
    await auth.requestPasswordReset(ctx, { email: request.body.email, resetUrl: request.body.reset_url });
    return reply.status(204).send();
  });

  app.post('/auth/password/reset', { schema: { tags, body: PasswordResetBody }, config: { authenticate: false } }, async (request, reply) => {
    await auth.resetPassword(ctx, request.body);
    return reply.status(204).send();
  });
}

function clientOf(request: FastifyRequest): auth.ClientInfo {
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : null };
}
