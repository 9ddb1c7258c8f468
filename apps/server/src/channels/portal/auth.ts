// The portal's own sign-in state: a cookie apart from the staff session's, resolved on every portal
// route, with its own CSRF token for writes. A staff session means nothing here, and a portal
// session means nothing to the staff routes (their hook reads only the staff cookie).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeEqual } from '../../platform/auth/passwords.js';
import type { Config } from '../../platform/config.js';
import type { Deps } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { PORTAL_COOKIE, PORTAL_SESSION_DAYS, type PortalCtx, resolvePortalSession } from './service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in customer of a portal route (set by requirePortalSession). */
    portal: PortalCtx | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The cookie goes only to the portal's API, never to the staff routes. */
export const PORTAL_COOKIE_PATH = '/api/v1/portal';

/** A route-level onRequest hook: 401 without a live portal session, 403 on a write without its CSRF token. */
export function requirePortalSession(deps: Deps) {
  return async (req: FastifyRequest): Promise<void> => {
    const raw = req.cookies[PORTAL_COOKIE];
    const session = raw ? await resolvePortalSession(deps, raw) : null;
    if (session === null) throw new AppError('unauthenticated');
    if (session === 'expired') throw new AppError('session_expired');
    req.ctx.locale = session.customer.locale;
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) throw new AppError('csrf_failed');
    }
    req.portal = { deps, session };
  };
}

/** The portal context a guarded route runs with. */
export function portalCtx(req: FastifyRequest): PortalCtx {
  if (!req.portal) throw new AppError('unauthenticated');
  return req.portal;
}

export function setPortalCookie(reply: FastifyReply, config: Config, secret: string): void {
  reply.setCookie(PORTAL_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    path: PORTAL_COOKIE_PATH,
    maxAge: PORTAL_SESSION_DAYS * 86_400,
  });
}

export function clearPortalCookie(reply: FastifyReply): void {
  reply.clearCookie(PORTAL_COOKIE, { path: PORTAL_COOKIE_PATH });
}
