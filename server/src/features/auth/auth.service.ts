import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { AppError, invalidCredentials, invalidPayload, invalidToken, requestsExceeded } from '../../errors.js';
import { passwordResetMail } from '../mail/mail.templates.js';
import type { Credentials } from './auth.repository.js';
import * as repo from './auth.repository.js';
import { isAllowedLinkBase, linkWithToken } from './links.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.js';
import { generateOpaqueToken, hashToken } from './tokens.js';

export type AuthMode = 'json' | 'cookie' | 'session';

type Deps = Pick<AppContext, 'database' | 'config' | 'now' | 'tokens' | 'loginThrottle' | 'mailer' | 'log'>;

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** What a login or refresh hands back; the route decides which parts go to the body and which to cookies. */
export interface IssuedTokens {
  mode: AuthMode;
  /** Milliseconds the access token (json/cookie) or session cookie (session) lives. */
  expires: number;
  accessToken?: string;
  refreshToken?: string;
  sessionToken?: string;
}

export const PROJECT_NAME = 'Parley';

/**
 * Checks email and password and opens a session. Unknown email, wrong password and inactive accounts cost
 * the same hash verification and answer INVALID_CREDENTIALS; repeated failures per IP or account answer
 * REQUESTS_EXCEEDED.
 */
export async function login(deps: Deps, input: { email: string; password: string; mode: AuthMode }, client: ClientInfo): Promise<IssuedTokens> {
  const email = normalizeEmail(input.email);
  const ip = client.ip ?? 'unknown';
  const wait = deps.loginThrottle.retryAfter(ip, email);
  if (wait > 0) throw requestsExceeded(wait);

  const user = await repo.findCredentialsByEmail(deps.database.db, email);
  const passwordMatches = user?.password ? await verifyPassword(user.password, input.password) : await burnPasswordCheck(input.password);
  if (!user || !passwordMatches) {
    deps.loginThrottle.recordFailure(ip, email);
    throw invalidCredentials();
  }
  if (user.status !== 'active') {
    // Only someone holding the right password learns why.
    throw new AppError('INVALID_CREDENTIALS', user.status === 'suspended' ? 'This account is suspended.' : 'This account has not been activated yet.', {
      extensions: { reason: user.status },
    });
  }
  deps.loginThrottle.recordSuccess(email);
  const nowIso = deps.now().toISOString();
  await repo.touchLastAccess(deps.database.db, user.id, nowIso);
  return openSession(deps, user, input.mode, client);
}

async function openSession(deps: Deps, user: Credentials, mode: AuthMode, client: ClientInfo): Promise<IssuedTokens> {
  const now = deps.now();
  const sessionId = randomUUID();
  const ttl = mode === 'session' ? deps.config.auth.sessionTtlMs : deps.config.auth.refreshTokenTtlMs;
  const expires = new Date(now.getTime() + ttl).toISOString();
  const refreshToken = mode === 'session' ? undefined : generateOpaqueToken();
  await deps.database.db.transaction().execute(async (trx) => {
    await repo.insertSession(trx, {
      id: sessionId,
      user: user.id,
      mode,
      expires,
      ip: client.ip,
      user_agent: client.userAgent,
      date_created: now.toISOString(),
    });
    if (refreshToken) {
      await repo.insertRefreshToken(trx, { token_hash: hashToken(refreshToken), session: sessionId, expires, date_created: now.toISOString() });
    }
  });
  return issue(deps, user, mode, sessionId, refreshToken);
}

function issue(deps: Deps, user: Credentials, mode: AuthMode, sessionId: string, refreshToken?: string): IssuedTokens {
  const claims = { id: user.id, role: user.role, app_access: user.app_access, admin_access: user.admin_access };
  if (mode === 'session') {
    const ttl = deps.config.auth.sessionTtlMs;
    return { mode, expires: ttl, sessionToken: deps.tokens.sign({ ...claims, session: sessionId }, ttl) };
  }
  const ttl = deps.config.auth.accessTokenTtlMs;
  return { mode, expires: ttl, accessToken: deps.tokens.sign(claims, ttl), refreshToken };
}

/**
 * Rotates a refresh token (json/cookie) or renews a session cookie (session). A refresh token that was already
 * rotated is a sign of theft: the whole session is revoked.
 */
export async function refresh(deps: Deps, input: { mode: AuthMode; refreshToken?: string; sessionToken?: string }): Promise<IssuedTokens> {
  if (input.mode === 'session') return renewSession(deps, input.sessionToken);
  if (!input.refreshToken) throw invalidPayload('The refresh token is required in either the payload or cookie');
  const db = deps.database.db;
  const tokenHash = hashToken(input.refreshToken);
  const stored = await repo.findRefreshToken(db, tokenHash);
  if (!stored) throw invalidCredentials();
  const now = deps.now();
  if (stored.used_at !== null || !(await repo.markRefreshTokenUsed(db, tokenHash, now.toISOString()))) {
    deps.log.warn({ session: stored.session, user: stored.user }, 'refresh token reused: session revoked');
    await repo.deleteSession(db, stored.session);
    throw invalidCredentials();
  }
  if (stored.expires <= now.toISOString()) throw invalidCredentials();
  const user = await repo.findCredentialsById(db, stored.user);
  if (user?.status !== 'active') {
    await repo.deleteSession(db, stored.session);
    throw invalidCredentials();
  }
  const refreshToken = generateOpaqueToken();
  const expires = new Date(now.getTime() + deps.config.auth.refreshTokenTtlMs).toISOString();
  await db.transaction().execute(async (trx) => {
    await repo.insertRefreshToken(trx, { token_hash: hashToken(refreshToken), session: stored.session, expires, date_created: now.toISOString() });
    await repo.extendSession(trx, stored.session, expires);
  });
  return issue(deps, user, input.mode, stored.session, refreshToken);
}

async function renewSession(deps: Deps, sessionToken: string | undefined): Promise<IssuedTokens> {
  if (!sessionToken) throw invalidPayload('The refresh token is required in either the payload or cookie');
  const claims = deps.tokens.verify(sessionToken);
  const db = deps.database.db;
  const session = claims.session ? await repo.findSession(db, claims.session) : undefined;
  const now = deps.now();
  if (!session || session.user !== claims.id || session.expires <= now.toISOString()) throw invalidCredentials();
  const user = await repo.findCredentialsById(db, session.user);
  if (user?.status !== 'active') {
    await repo.deleteSession(db, session.id);
    throw invalidCredentials();
  }
  await repo.extendSession(db, session.id, new Date(now.getTime() + deps.config.auth.sessionTtlMs).toISOString());
  return issue(deps, user, 'session', session.id);
}

/** Ends the session a refresh token or session cookie belongs to. Unknown tokens are ignored (logout is idempotent). */
export async function logout(deps: Deps, input: { refreshToken?: string; sessionToken?: string }): Promise<void> {
  const db = deps.database.db;
  if (input.refreshToken) {
    const stored = await repo.findRefreshToken(db, hashToken(input.refreshToken));
    if (stored) await repo.deleteSession(db, stored.session);
  }
  if (input.sessionToken) {
    try {
      const claims = deps.tokens.verify(input.sessionToken);
      if (claims.session) await repo.deleteSession(db, claims.session);
    } catch {
      // An expired or foreign cookie has no session left to end.
    }
  }
}

/**
 * Mails a single-use reset link to an active account. Answers the same, in about the same time, whether or not
 * the email exists: the lookup and mail happen after the response is decided.
 */
export async function requestPasswordReset(deps: Deps, input: { email: string; resetUrl?: string }): Promise<void> {
  const base = input.resetUrl ?? `${deps.config.http.publicUrl}/reset-password`;
  if (!isAllowedLinkBase(base, deps.config)) throw invalidPayload(`URL "${base}" can't be used to reset passwords`);
  const email = normalizeEmail(input.email);
  void sendResetLink(deps, email, base).catch((error) => deps.log.error({ err: error }, 'password reset mail failed'));
}

async function sendResetLink(deps: Deps, email: string, base: string): Promise<void> {
  const db = deps.database.db;
  const user = await repo.findCredentialsByEmail(db, email);
  if (user?.status !== 'active') return;
  const token = generateOpaqueToken();
  const now = deps.now();
  await repo.replaceUserToken(db, {
    token_hash: hashToken(token),
    user: user.id,
    purpose: 'password_reset',
    expires: new Date(now.getTime() + deps.config.auth.passwordResetTtlMs).toISOString(),
    date_created: now.toISOString(),
  });
  await deps.mailer.send({ email: user.email }, passwordResetMail({ url: linkWithToken(base, token), projectName: PROJECT_NAME }));
}

/** Sets a new password from a reset link and signs the account out everywhere. INVALID_TOKEN for a bad, used or expired link. */
export async function resetPassword(deps: Deps, input: { token: string; password: string }): Promise<void> {
  const db = deps.database.db;
  const now = deps.now().toISOString();
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    const consumed = await repo.consumeUserToken(trx, hashToken(input.token), 'password_reset', now);
    if (!consumed) throw invalidToken();
    await repo.setUserPassword(trx, consumed.user, passwordHash, now, false);
    await repo.deleteSessionsOfUser(trx, consumed.user);
  });
}

/** Emails are unique case-insensitively: stored and compared trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
