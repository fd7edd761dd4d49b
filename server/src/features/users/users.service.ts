import { randomUUID } from 'node:crypto';
import type { Actor } from '../../access/actor.js';
import { withSelfAccess } from '../../access/self-access.js';
import type { AppContext } from '../../context.js';
import type { UserUpdate } from '../../db/tables.js';
import { AppError, failedValidation, forbidden, invalidCredentials, invalidPayload, invalidToken, requestsExceeded } from '../../errors.js';
import type { ItemQuery } from '../../query/parse-query.js';
import type { Item, ReadResult } from '../../query/read-items.js';
import { recordSystemChange } from '../activity/activity.repository.js';
import * as authRepo from '../auth/auth.repository.js';
import { normalizeEmail, PROJECT_NAME } from '../auth/auth.service.js';
import { isAllowedLinkBase, linkWithToken } from '../auth/links.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { generateOpaqueToken, hashToken } from '../auth/tokens.js';
import { environment } from '../items/items.service.js';
import { getSystemItem, listSystemItems } from '../items/system-reads.js';
import { invitationMail } from '../mail/mail.templates.js';
import * as repo from './users.repository.js';
import type { CreateUserInput, UpdateMeInput, UpdateUserInput } from './users.types.js';

type Deps = Pick<AppContext, 'database' | 'config' | 'now' | 'mailer' | 'log' | 'accessControl' | 'loginThrottle'>;

const DEFAULT_QUERY: ItemQuery = { fields: ['*'], filter: null, sort: [], limit: 1, offset: 0, search: null, meta: [], aggregate: null, groupBy: [] };

function requireAdmin(actor: Actor): void {
  if (!actor.admin) throw forbidden();
}

function requireUser(actor: Actor): string {
  if (!actor.user) throw invalidCredentials();
  return actor.user;
}

/** Lists users through the permission engine (admins read all; other roles as their rules allow). */
export async function listUsers(deps: Deps, actor: Actor, query: ItemQuery): Promise<ReadResult> {
  return listSystemItems(deps, actor, 'users', query);
}

/** One user; FORBIDDEN when it does not exist or the caller may not read it. */
export async function getUser(deps: Deps, actor: Actor, id: string, query: ItemQuery = DEFAULT_QUERY): Promise<Item> {
  return getSystemItem(deps, actor, 'users', id, query);
}

/** The caller's own profile (and role, e.g. fields=*,role.name), whatever their role's rules on users say. */
export async function getMe(deps: Deps, actor: Actor, query: ItemQuery = DEFAULT_QUERY): Promise<Item> {
  const id = requireUser(actor);
  const env = await environment(deps, actor);
  return getSystemItem(deps, actor, 'users', id, query, { ...env, access: withSelfAccess(env.access) });
}

/** Creates a user (admins only). RECORD_NOT_UNIQUE for a taken email, INVALID_PAYLOAD for an unknown role. */
export async function createUser(deps: Deps, actor: Actor, input: CreateUserInput): Promise<Item> {
  requireAdmin(actor);
  const db = deps.database.db;
  const email = normalizeEmail(input.email);
  await assertEmailFree(deps, email);
  if (input.role) await assertRole(deps, input.role);
  const id = randomUUID();
  const timestamp = deps.now().toISOString();
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  await db.transaction().execute(async (trx) => {
    await repo.insertUser(trx, {
      id,
      email,
      first_name: input.first_name ?? null,
      last_name: input.last_name ?? null,
      password: passwordHash,
      status: input.status ?? 'active',
      role: input.role ?? null,
      token_hash: input.token ? hashToken(input.token) : null,
      email_notifications: input.email_notifications ?? true,
      last_access: null,
      date_created: timestamp,
      date_updated: null,
    });
    await recordSystemChange(trx, actor, { action: 'create', collection: 'users', item: id, delta: { ...input, email }, timestamp });
  });
  return getUser(deps, actor, id);
}

/** Updates a user (admins only). Suspending a user or changing their password ends their sessions. */
export async function updateUser(deps: Deps, actor: Actor, id: string, input: UpdateUserInput): Promise<Item> {
  requireAdmin(actor);
  const db = deps.database.db;
  const existing = await repo.findUserById(db, id);
  if (!existing) throw forbidden();
  if (id === actor.user && input.status && input.status !== 'active') throw invalidPayload('You cannot suspend your own account');
  const changes: UserUpdate = { date_updated: deps.now().toISOString() };
  if (input.email !== undefined) {
    const email = normalizeEmail(input.email);
    if (email !== existing.email) await assertEmailFree(deps, email);
    changes.email = email;
  }
  if (input.role !== undefined) {
    if (input.role) await assertRole(deps, input.role);
    changes.role = input.role;
  }
  if (input.first_name !== undefined) changes.first_name = input.first_name;
  if (input.last_name !== undefined) changes.last_name = input.last_name;
  if (input.status !== undefined) changes.status = input.status;
  if (input.email_notifications !== undefined) changes.email_notifications = input.email_notifications;
  if (input.password !== undefined) changes.password = await hashPassword(input.password);
  if (input.token !== undefined) changes.token_hash = input.token === null ? null : hashToken(input.token);
  await db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, id, changes);
    if (changes.status === 'suspended' || changes.password !== undefined) await authRepo.deleteSessionsOfUser(trx, id);
    await recordSystemChange(trx, actor, { action: 'update', collection: 'users', item: id, delta: { ...changes }, timestamp: changes.date_updated as string });
  });
  return getUser(deps, actor, id);
}

/** Deletes a user (admins only); an admin cannot delete their own account. */
export async function deleteUser(deps: Deps, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor);
  if (id === actor.user) throw invalidPayload('You cannot delete your own account');
  await deps.database.db.transaction().execute(async (trx) => {
    await repo.deleteUser(trx, id);
    await recordSystemChange(trx, actor, { action: 'delete', collection: 'users', item: id, delta: null, timestamp: deps.now().toISOString() });
  });
}

/** Updates the caller's own name and notification setting; a new password needs the current one. */
export async function updateMe(deps: Deps, actor: Actor, input: UpdateMeInput): Promise<Item> {
  const id = requireUser(actor);
  const db = deps.database.db;
  const existing = await repo.findUserById(db, id);
  if (!existing) throw invalidCredentials();
  const changes: UserUpdate = { date_updated: deps.now().toISOString() };
  if (input.first_name !== undefined) changes.first_name = input.first_name;
  if (input.last_name !== undefined) changes.last_name = input.last_name;
  if (input.email_notifications !== undefined) changes.email_notifications = input.email_notifications;
  if (input.password !== undefined) {
    // A wrong current password counts like a failed login, so a stolen session cannot guess it without limit.
    const ip = actor.ip ?? 'unknown';
    const wait = deps.loginThrottle.retryAfter(ip, existing.email);
    if (wait > 0) throw requestsExceeded(wait);
    const current = input.current_password ?? '';
    if (!existing.password || !(await verifyPassword(existing.password, current))) {
      deps.loginThrottle.recordFailure(ip, existing.email);
      throw failedValidation('current_password', 'current_password', 'The current password is not correct.');
    }
    changes.password = await hashPassword(input.password);
  }
  await db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, id, changes);
    await recordSystemChange(trx, actor, { action: 'update', collection: 'users', item: id, delta: { ...changes }, timestamp: changes.date_updated as string });
  });
  return getMe(deps, actor);
}

/**
 * Invites people by email (admins only): creates each as an invited user with the role, replaces any earlier
 * invitation token, and mails a single-use link. Inviting an active user changes nothing.
 */
export async function inviteUsers(deps: Deps, actor: Actor, input: { email: string | string[]; role: string; inviteUrl?: string }): Promise<void> {
  requireAdmin(actor);
  const base = input.inviteUrl ?? `${deps.config.http.publicUrl}/accept-invite`;
  if (!isAllowedLinkBase(base, deps.config)) throw invalidPayload(`URL "${base}" can't be used to invite users`);
  const role = await assertRole(deps, input.role);
  const emails = [...new Set((Array.isArray(input.email) ? input.email : [input.email]).map(normalizeEmail))];
  for (const email of emails) await inviteOne(deps, actor, email, role, base);
}

async function inviteOne(deps: Deps, actor: Actor, email: string, role: { id: string; name: string }, base: string): Promise<void> {
  const db = deps.database.db;
  const now = deps.now();
  const token = generateOpaqueToken();
  const sent = await db.transaction().execute(async (trx) => {
    let user = await repo.findUserByEmail(trx, email);
    if (user && user.status !== 'invited') return false;
    if (!user) {
      const id = randomUUID();
      await repo.insertUser(trx, {
        id,
        email,
        first_name: null,
        last_name: null,
        password: null,
        status: 'invited',
        role: role.id,
        token_hash: null,
        email_notifications: true,
        last_access: null,
        date_created: now.toISOString(),
        date_updated: null,
      });
      await recordSystemChange(trx, actor, {
        action: 'create',
        collection: 'users',
        item: id,
        delta: { email, role: role.id, status: 'invited' },
        timestamp: now.toISOString(),
      });
      user = (await repo.findUserByEmail(trx, email)) as NonNullable<typeof user>;
    } else if (user.role !== role.id) {
      await repo.updateUser(trx, user.id, { role: role.id, date_updated: now.toISOString() });
    }
    await authRepo.replaceUserToken(trx, {
      token_hash: hashToken(token),
      user: user.id,
      purpose: 'invite',
      expires: new Date(now.getTime() + deps.config.auth.inviteTtlMs).toISOString(),
      date_created: now.toISOString(),
    });
    return true;
  });
  if (sent) await deps.mailer.send({ email }, invitationMail({ url: linkWithToken(base, token), roleName: role.name, projectName: PROJECT_NAME }));
}

/** Activates an invited account with its chosen password. INVALID_TOKEN for a bad, used, replaced or expired link. */
export async function acceptInvite(deps: Deps, input: { token: string; password: string }): Promise<void> {
  const db = deps.database.db;
  const now = deps.now().toISOString();
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    const consumed = await authRepo.consumeUserToken(trx, hashToken(input.token), 'invite', now);
    if (!consumed) throw invalidToken();
    const user = await repo.findUserById(trx, consumed.user);
    if (user?.status !== 'invited') throw invalidToken();
    await authRepo.setUserPassword(trx, consumed.user, passwordHash, now, true);
  });
}

async function assertEmailFree(deps: Deps, email: string): Promise<void> {
  if (await repo.findUserByEmail(deps.database.db, email)) {
    throw new AppError('RECORD_NOT_UNIQUE', 'Value for field "email" has to be unique.', { extensions: { field: 'email' } });
  }
}

async function assertRole(deps: Deps, roleId: string): Promise<{ id: string; name: string }> {
  const role = await repo.roleExists(deps.database.db, roleId);
  if (!role) throw invalidPayload(`Role "${roleId}" does not exist`);
  return role;
}
