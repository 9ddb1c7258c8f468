// Sign-in, sessions, password changes and resets, personal API tokens.

// The people domain owns availability; signing out is the one platform event that changes it.
import { setAvailability } from '../../people/presence.js';
import { recordAudit } from '../audit/service.js';
import type { Actor, Ctx, Deps } from '../context.js';
import { type Executor, transaction } from '../db/index.js';
import type { UserRow } from '../db/types.js';
import { AppError, fieldError, type Locale } from '../errors.js';
import { enqueueMail } from '../mail/jobs.js';
import type { OutboundMail } from '../mail/transport.js';
import { can, requireActor, requirePermission } from '../rbac.js';
import { iso, isoOrNull, loadUserDto } from './dto.js';
import { hashPassword, randomToken, sha256, verifyPassword } from './passwords.js';
import * as repo from './repo.js';
import { cachedSession } from './session-cache.js';
import { assertNotThrottled, recordFailure, recordSuccess, type ThrottleKey } from './throttle.js';

const DAY = 86_400_000;
const TOUCH_EVERY_MS = 60_000;
export const SESSION_COOKIE = 'sahayak_session';
export const RESET_LINK_MINUTES = 60;
export const INVITE_LINK_DAYS = 7;
export const TOKEN_PREFIX = 'shk_';

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
}

/** Resolves a session cookie; 'expired' when it names a session that no longer counts. */
export async function resolveSession(deps: Deps, raw: string): Promise<ResolvedSession | 'expired'> {
  const now = deps.clock.now();
  const counts = (s: repo.SessionWithUser) => s.revoked_at === null && s.expires_at > now && s.active === 1;
  const hash = sha256(raw);
  const s = await cachedSession(deps.db, hash, now, () => repo.findSessionByHash(deps.db.kysely, hash), counts);
  if (!s || !counts(s)) return 'expired';
  if (now - s.last_seen_at > TOUCH_EVERY_MS) {
    const expiresAt = now + deps.config.sessionDays * DAY;
    await repo.touchSession(deps.db.kysely, s.id, now, expiresAt);
    // The kept row too (session-cache.ts), or every request would touch it again.
    s.last_seen_at = now;
    s.expires_at = expiresAt;
  }
  return {
    actor: {
      userId: s.user_id,
      role: s.role,
      locale: s.locale,
      via: 'session',
      scope: 'write',
      sessionId: s.id,
      tokenId: null,
    },
    csrfToken: s.csrf_token,
  };
}

/** Resolves a bearer API token or refuses with 401 invalid_token. */
export async function resolveApiToken(deps: Deps, raw: string): Promise<Actor> {
  const now = deps.clock.now();
  const t = raw.startsWith(TOKEN_PREFIX) ? await repo.findApiTokenByHash(deps.db.kysely, sha256(raw)) : undefined;
  if (!t || t.revoked_at !== null || (t.expires_at !== null && t.expires_at <= now) || t.active !== 1) {
    throw new AppError('invalid_token');
  }
  if (t.last_used_at === null || now - t.last_used_at > TOUCH_EVERY_MS) {
    await repo.touchApiToken(deps.db.kysely, t.id, now);
  }
  return {
    userId: t.user_id,
    role: t.role,
    locale: t.locale,
    via: 'token',
    scope: t.scope,
    sessionId: null,
    tokenId: t.id,
  };
}

/** Whether the credential an actor signed in with still counts (for long-lived WebSockets). */
export async function isCredentialValid(deps: Deps, actor: Actor): Promise<boolean> {
  const now = deps.clock.now();
  const state =
    actor.sessionId !== null
      ? await repo.findSessionState(deps.db.kysely, actor.sessionId)
      : actor.tokenId !== null
        ? await repo.findApiTokenState(deps.db.kysely, actor.tokenId)
        : undefined;
  return (
    !!state && state.revoked_at === null && (state.expires_at === null || state.expires_at > now) && state.active === 1
  );
}

async function startSession(trx: Executor, ctx: Ctx, user: UserRow) {
  const now = ctx.deps.clock.now();
  const secret = randomToken();
  const csrfToken = randomToken(24);
  await repo.insertSession(trx, {
    token_hash: sha256(secret),
    csrf_token: csrfToken,
    user_id: user.id,
    user_agent: ctx.userAgent.slice(0, 500),
    ip: ctx.ip.slice(0, 64),
    created_at: now,
    last_seen_at: now,
    expires_at: now + ctx.deps.config.sessionDays * DAY,
  });
  await repo.setLastLogin(trx, user.id, now);
  return { secret, csrfToken };
}

/** Starts a session for a user just created by setup (called inside its transaction). */
export async function startSessionFor(trx: Executor, ctx: Ctx, userId: number) {
  const user = await repo.findUserById(trx, userId);
  if (!user) throw new AppError('user_not_found');
  return startSession(trx, ctx, user);
}

export async function login(ctx: Ctx, input: { email: string; password: string }) {
  const { db, clock } = ctx.deps;
  const keys: ThrottleKey[] = [
    { kind: 'account', value: input.email },
    { kind: 'ip', value: ctx.ip },
  ];
  await assertNotThrottled(db.kysely, keys, clock.now());
  const user = await repo.findUserByEmail(db.kysely, input.email);
  const ok = await verifyPassword(user?.active === 1 ? user.password_hash : null, input.password);
  if (!user || !ok) {
    await recordFailure(db.kysely, keys, clock.now());
    throw new AppError('invalid_credentials');
  }
  await recordSuccess(db.kysely, { kind: 'account', value: input.email });
  return transaction(db, async (trx) => {
    const { secret, csrfToken } = await startSession(trx, ctx, user);
    return { sessionSecret: secret, csrfToken, user: await loadUserDto(trx, user.id) };
  });
}

/**
 * Ends this session. Signing out of the last session also takes the user offline: a team expects
 * someone who has signed out for the day to be neither handed tickets nor counted as online, while
 * signing out on the phone with the desk session still open changes nothing. (A session that just
 * expires leaves availability as it was: no request marks that moment.)
 */
export async function logout(ctx: Ctx): Promise<void> {
  const actor = ctx.actor;
  const sessionId = actor?.sessionId;
  if (!actor || !sessionId) return;
  const now = ctx.deps.clock.now();
  const wentOffline = await transaction(ctx.deps.db, async (trx) => {
    await repo.revokeSession(trx, sessionId, actor.userId, now);
    if ((await repo.listActiveSessions(trx, actor.userId, now)).length > 0) return false;
    return setAvailability(trx, actor.userId, 'offline', now);
  });
  if (wentOffline) await ctx.deps.bus.publish({ type: 'users.changed', data: { id: actor.userId } });
}

export async function currentUser(ctx: Ctx, csrfToken: string | null) {
  const actor = requireActor(ctx);
  return { user: await loadUserDto(ctx.deps.db.kysely, actor.userId), csrfToken };
}

export async function changePassword(ctx: Ctx, input: { currentPassword: string; newPassword: string }) {
  const actor = requireActor(ctx);
  const { db, clock } = ctx.deps;
  const user = await repo.findUserById(db.kysely, actor.userId);
  if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw fieldError('currentPassword', 'wrong_password', 'wrong_password');
  }
  const hash = await hashPassword(input.newPassword);
  await transaction(db, async (trx) => {
    const now = clock.now();
    await repo.setPasswordHash(trx, user.id, hash, now);
    await repo.revokeUserSessions(trx, user.id, now, actor.sessionId ?? undefined);
    await repo.expireUserPasswordResets(trx, user.id, now);
    await recordAudit(trx, ctx, { action: 'user.password_changed', entityType: 'user', entityId: user.id });
  });
}

const linkMail = {
  reset: {
    en: (name: string, link: string): [string, string] => [
      'Reset your Sahayak password',
      `Hello ${name},\n\nSomeone asked to reset the password of your Sahayak account. If it was you, open this link within ${RESET_LINK_MINUTES} minutes to choose a new password:\n\n${link}\n\nIf it was not you, ignore this mail: your password stays as it is.\n`,
    ],
    hi: (name: string, link: string): [string, string] => [
      'अपना सहायक पासवर्ड रीसेट करें',
      `नमस्ते ${name},\n\nकिसी ने आपके सहायक खाते का पासवर्ड रीसेट करने का अनुरोध किया है। यदि यह आप थे, तो नया पासवर्ड चुनने के लिए ${RESET_LINK_MINUTES} मिनट के भीतर यह लिंक खोलें:\n\n${link}\n\nयदि यह आप नहीं थे, तो इस मेल को अनदेखा करें: आपका पासवर्ड जैसा है वैसा ही रहेगा।\n`,
    ],
  },
  invite: {
    en: (name: string, link: string): [string, string] => [
      'You have been invited to Sahayak',
      `Hello ${name},\n\nAn account has been created for you in Sahayak. Open this link within ${INVITE_LINK_DAYS} days to choose your password and sign in:\n\n${link}\n`,
    ],
    hi: (name: string, link: string): [string, string] => [
      'आपको सहायक में आमंत्रित किया गया है',
      `नमस्ते ${name},\n\nसहायक में आपके लिए एक खाता बनाया गया है। अपना पासवर्ड चुनने और साइन इन करने के लिए ${INVITE_LINK_DAYS} दिनों के भीतर यह लिंक खोलें:\n\n${link}\n`,
    ],
  },
} as const;

/**
 * Creates a single-use set-password link for a user inside the caller's transaction and returns
 * the mail to send once it has committed.
 */
export async function issuePasswordLink(
  trx: Executor,
  deps: Deps,
  user: { id: number; name: string; email: string; locale: Locale },
  kind: 'reset' | 'invite',
): Promise<OutboundMail> {
  const now = deps.clock.now();
  const secret = randomToken();
  await repo.insertPasswordReset(trx, {
    user_id: user.id,
    token_hash: sha256(secret),
    created_at: now,
    expires_at: now + (kind === 'reset' ? RESET_LINK_MINUTES * 60_000 : INVITE_LINK_DAYS * DAY),
  });
  const link = `${deps.config.publicUrl}/reset-password?token=${encodeURIComponent(secret)}`;
  const [subject, text] = linkMail[kind][user.locale](user.name, link);
  return { to: user.email, subject, text };
}

/** Always answers the same, whether or not the email has an account. */
export async function requestPasswordReset(ctx: Ctx, input: { email: string }): Promise<void> {
  const { db, clock } = ctx.deps;
  const keys: ThrottleKey[] = [{ kind: 'ip', value: ctx.ip }];
  await assertNotThrottled(db.kysely, keys, clock.now());
  const user = await repo.findUserByEmail(db.kysely, input.email);
  if (user?.active !== 1) {
    // Counts toward the IP's limit so the form cannot be used to probe addresses quickly.
    await recordFailure(db.kysely, keys, clock.now());
    return;
  }
  const mail = await transaction(db, (trx) => issuePasswordLink(trx, ctx.deps, user, 'reset'));
  await enqueueMail(ctx.deps, mail);
}

export async function confirmPasswordReset(ctx: Ctx, input: { token: string; password: string }): Promise<void> {
  const { db, clock } = ctx.deps;
  const hash = await hashPassword(input.password);
  const email = await transaction(db, async (trx) => {
    const now = clock.now();
    const reset = await repo.findPasswordReset(trx, sha256(input.token));
    if (!reset || reset.used_at !== null || reset.expires_at <= now) throw new AppError('reset_link_invalid');
    const user = await repo.findUserById(trx, reset.user_id);
    if (user?.active !== 1) throw new AppError('reset_link_invalid');
    if (!(await repo.usePasswordReset(trx, reset.id, now))) throw new AppError('reset_link_invalid');
    await repo.setPasswordHash(trx, user.id, hash, now);
    await repo.revokeUserSessions(trx, user.id, now);
    await repo.expireUserPasswordResets(trx, user.id, now);
    await recordAudit(trx, ctx, { action: 'user.password_reset', entityType: 'user', entityId: user.id });
    return user.email;
  });
  // A new password lifts a lock-out that failed guesses put on the account.
  await recordSuccess(db.kysely, { kind: 'account', value: email });
}

export async function listMySessions(ctx: Ctx) {
  const actor = requireActor(ctx);
  const rows = await repo.listActiveSessions(ctx.deps.db.kysely, actor.userId, ctx.deps.clock.now());
  return {
    items: rows.map((s) => ({
      id: s.id,
      userAgent: s.user_agent,
      ip: s.ip,
      createdAt: iso(s.created_at),
      lastSeenAt: iso(s.last_seen_at),
      expiresAt: iso(s.expires_at),
      current: s.id === actor.sessionId,
    })),
  };
}

export async function revokeMySession(ctx: Ctx, id: number): Promise<void> {
  const actor = requireActor(ctx);
  const ok = await repo.revokeSession(ctx.deps.db.kysely, id, actor.userId, ctx.deps.clock.now());
  if (!ok) throw new AppError('session_not_found');
}

/** Ends every way a user can act: used when an admin deactivates them. */
export async function revokeAllCredentials(trx: Executor, userId: number, now: number): Promise<void> {
  await repo.revokeUserSessions(trx, userId, now);
  await repo.revokeUserApiTokens(trx, userId, now);
  await repo.expireUserPasswordResets(trx, userId, now);
}

function tokenDto(t: repo.ApiTokenListRow) {
  return {
    id: t.id,
    name: t.name,
    scope: t.scope,
    prefix: t.prefix,
    userId: t.user_id,
    userName: t.user_name,
    createdAt: iso(t.created_at),
    lastUsedAt: isoOrNull(t.last_used_at),
    expiresAt: isoOrNull(t.expires_at),
    revokedAt: isoOrNull(t.revoked_at),
  };
}

export async function createApiToken(
  ctx: Ctx,
  input: { name: string; scope: 'read' | 'write'; expiresInDays?: number | undefined },
) {
  const actor = requirePermission(ctx, 'tokens.own');
  const now = ctx.deps.clock.now();
  const secret = `${TOKEN_PREFIX}${randomToken()}`;
  const result = await transaction(ctx.deps.db, async (trx) => {
    const id = await repo.insertApiToken(trx, {
      user_id: actor.userId,
      name: input.name,
      scope: input.scope,
      prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
      token_hash: sha256(secret),
      created_at: now,
      last_used_at: null,
      expires_at: input.expiresInDays ? now + input.expiresInDays * DAY : null,
      revoked_at: null,
    });
    const token = tokenDto((await repo.getApiToken(trx, id))!);
    await recordAudit(trx, ctx, {
      action: 'token.created',
      entityType: 'api_token',
      entityId: id,
      after: { name: token.name, scope: token.scope, userId: token.userId, expiresAt: token.expiresAt },
    });
    return { token, secret };
  });
  await ctx.deps.bus.publish({ type: 'tokens.changed', data: { id: result.token.id }, userIds: [actor.userId] });
  return result;
}

export async function listApiTokens(ctx: Ctx, owner: 'me' | 'all') {
  const actor = requirePermission(ctx, owner === 'all' ? 'tokens.manage_all' : 'tokens.own');
  const rows = await repo.listApiTokens(ctx.deps.db.kysely, owner === 'all' ? null : actor.userId);
  return { items: rows.map(tokenDto) };
}

export async function revokeApiTokenById(ctx: Ctx, id: number): Promise<void> {
  const actor = requirePermission(ctx, 'tokens.own');
  await transaction(ctx.deps.db, async (trx) => {
    const t = await repo.getApiToken(trx, id);
    // Someone else's token is "not found" unless one may manage all tokens: ids are not probed.
    if (!t || (t.user_id !== actor.userId && !can(actor, 'tokens.manage_all'))) throw new AppError('token_not_found');
    if (t.revoked_at !== null) return;
    await repo.revokeApiToken(trx, id, ctx.deps.clock.now());
    await recordAudit(trx, ctx, {
      action: 'token.revoked',
      entityType: 'api_token',
      entityId: id,
      before: { name: t.name, scope: t.scope, userId: t.user_id },
    });
  });
  await ctx.deps.bus.publish({ type: 'tokens.changed', data: { id } });
}
