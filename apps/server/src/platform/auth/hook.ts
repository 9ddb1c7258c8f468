// Turns the credentials on a request (bearer token or session cookie) into ctx.actor, and guards
// cookie-authenticated writes with the session's CSRF token.
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../context.js';
import { AppError } from '../errors.js';
import { localeFromHeader } from '../http/locale.js';
import type { App } from '../http/types.js';
import { safeEqual } from './passwords.js';
import { resolveApiToken, resolveSession, SESSION_COOKIE } from './service.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAuthHook(app: App, deps: Deps): void {
  app.decorateRequest('ctx', null as unknown as FastifyRequest['ctx']);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (req) => {
    const headerLocale = localeFromHeader(req.headers['accept-language']);
    req.ctx = {
      deps,
      actor: null,
      authProblem: null,
      locale: headerLocale,
      ip: req.ip,
      userAgent: String(req.headers['user-agent'] ?? ''),
    };
    if (!req.url.startsWith('/api/v1/')) return;

    const auth = req.headers.authorization;
    if (auth !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(auth);
      if (!match?.[1]) throw new AppError('invalid_token');
      const actor = await resolveApiToken(deps, match[1]);
      req.ctx.actor = actor;
      req.ctx.locale = actor.locale;
      if (!SAFE_METHODS.has(req.method) && actor.scope !== 'write') throw new AppError('token_scope');
      return;
    }

    const isPublic = req.routeOptions.config.public === true;
    const cookie = req.cookies[SESSION_COOKIE];
    const session = cookie ? await resolveSession(deps, cookie) : null;
    if (session === null || session === 'expired') {
      if (session === 'expired') req.ctx.authProblem = 'session_expired';
      if (!isPublic) throw new AppError(req.ctx.authProblem ?? 'unauthenticated');
      return;
    }
    req.ctx.actor = session.actor;
    req.ctx.locale = session.actor.locale;
    req.csrfToken = session.csrfToken;
    if (!SAFE_METHODS.has(req.method) && !isPublic) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) throw new AppError('csrf_failed');
    }
  });
}
