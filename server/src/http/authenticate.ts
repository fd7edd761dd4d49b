import '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { type Actor, ANONYMOUS } from '../access/actor.js';
import type { Database } from '../db/tables.js';
import { AppError, invalidCredentials } from '../errors.js';
import { REFRESH_COOKIE, SESSION_COOKIE } from '../features/auth/cookies.js';
import { hashToken, looksLikeJwt, type TokenIssuer } from '../features/auth/tokens.js';

export type CredentialSource = 'header' | 'query' | 'cookie';

export interface Authentication {
  actor: Actor;
  source: CredentialSource | null;
}

export interface Authenticator {
  /** CSRF guard: a state-changing request carrying our cookies must come from a trusted origin (403 otherwise). */
  refuseCrossSiteCookieWrites(request: FastifyRequest): void;
  /** Turns the request's credentials into an Actor. No credentials → anonymous; bad credentials → 401/403. */
  authenticate(request: FastifyRequest): Promise<Authentication>;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function createAuthenticator(deps: {
  db: Kysely<Database>;
  tokens: TokenIssuer;
  now: () => Date;
  /** Origins (scheme://host:port) a cookie-authenticated browser request may come from, besides the server's own. */
  trustedOrigins: string[];
}): Authenticator {
  const trusted = new Set(deps.trustedOrigins);

  async function fromStaticToken(token: string): Promise<Omit<Actor, 'ip' | 'userAgent'>> {
    const row = await deps.db
      .selectFrom('users')
      .leftJoin('roles', 'roles.id', 'users.role')
      .select(['users.id', 'users.role', 'users.status', 'roles.admin_access', 'roles.app_access'])
      .where('users.token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (row?.status !== 'active') throw invalidCredentials();
    return { user: row.id, role: row.role, admin: Boolean(row.admin_access), app: Boolean(row.app_access) };
  }

  async function fromJwt(token: string): Promise<Omit<Actor, 'ip' | 'userAgent'>> {
    const claims = deps.tokens.verify(token);
    if (!claims.session) return { user: claims.id, role: claims.role, admin: claims.admin_access === true, app: claims.app_access === true };
    // Session cookies (the web app) are checked against the database on every request, so logout, suspension
    // and role changes take effect at once.
    const row = await deps.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user')
      .leftJoin('roles', 'roles.id', 'users.role')
      .select(['sessions.expires', 'users.status', 'users.role', 'roles.admin_access', 'roles.app_access'])
      .where('sessions.id', '=', claims.session)
      .where('sessions.user', '=', claims.id)
      .executeTakeFirst();
    if (row?.status !== 'active' || row.expires <= deps.now().toISOString()) throw invalidCredentials();
    return { user: claims.id, role: row.role, admin: Boolean(row.admin_access), app: Boolean(row.app_access) };
  }

  return {
    refuseCrossSiteCookieWrites(request) {
      const carriesCookie = request.cookies?.[SESSION_COOKIE] !== undefined || request.cookies?.[REFRESH_COOKIE] !== undefined;
      if (carriesCookie && UNSAFE_METHODS.has(request.method) && isCrossSite(request, trusted)) {
        throw new AppError('FORBIDDEN', 'Cross-site request refused: cookie-authenticated changes must come from the same site.');
      }
    },
    async authenticate(request) {
      const credential = readCredential(request);
      if (!credential) return { actor: { ...ANONYMOUS, ip: request.ip, userAgent: userAgentOf(request) }, source: null };
      const identity = looksLikeJwt(credential.token) ? await fromJwt(credential.token) : await fromStaticToken(credential.token);
      return { actor: { ...identity, ip: request.ip, userAgent: userAgentOf(request) }, source: credential.source };
    },
  };
}

function readCredential(request: FastifyRequest): { token: string; source: CredentialSource } | undefined {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!match) throw invalidCredentials();
    return { token: match[1] as string, source: 'header' };
  }
  const query = request.query as Record<string, unknown> | undefined;
  if (query && typeof query.access_token === 'string' && query.access_token) return { token: query.access_token, source: 'query' };
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie) return { token: cookie, source: 'cookie' };
  return undefined;
}

function userAgentOf(request: FastifyRequest): string | null {
  const value = request.headers['user-agent'];
  return typeof value === 'string' ? value.slice(0, 512) : null;
}

/**
 * SameSite=Lax already keeps the session cookie off cross-site POSTs in current browsers; this check covers older
 * browsers and same-site-but-different-origin pages. A browser always sends Origin (or at least Referer) on a
 * state-changing request, so a cookie-authenticated change must name an origin we trust.
 */
export function isCrossSite(request: FastifyRequest, trusted: Set<string>): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return true;
  const own = `${request.protocol}://${request.host}`;
  const origin = request.headers.origin;
  if (origin !== undefined) return !(origin === own || trusted.has(origin));
  const referer = request.headers.referer;
  if (referer) {
    try {
      const refererOrigin = new URL(referer).origin;
      return !(refererOrigin === own || trusted.has(refererOrigin));
    } catch {
      return true;
    }
  }
  return false;
}
