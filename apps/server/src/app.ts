// buildApp(deps): the Fastify instance, without a port, so tests build it too.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyError, LogController } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { z } from 'zod';
import zodEn from 'zod/v4/locales/en.js';
import zodHi from 'zod/v4/locales/hi.js';
import { registerAnalyticsRoutes } from './analytics/routes.js';
import { registerAutomationRoutes } from './automation/routes.js';
import { registerEmailAdminRoutes } from './channels/email/admin-routes.js';
import { registerPortalRoutes } from './channels/portal/routes.js';
import { registerCustomerRoutes } from './customers/routes.js';
import { registerEscalationRoutes } from './escalation/routes.js';
import { registerFeedbackRoutes } from './feedback/routes.js';
import { registerNotificationRoutes } from './notifications/routes.js';
import { registerPeopleRoutes } from './people/routes.js';
import { registerAuditRoutes } from './platform/audit/routes.js';
import { registerAuthHook } from './platform/auth/hook.js';
import { registerAuthRoutes } from './platform/auth/routes.js';
import type { Deps } from './platform/context.js';
import { ping } from './platform/db/index.js';
import { migrationsApplied } from './platform/db/migrate.js';
import { AppError, type ErrorCode, errorBody, isFieldMessageKey, type Locale } from './platform/errors.js';
import { localeFromHeader } from './platform/http/locale.js';
import { securityHeaders } from './platform/http/security-headers.js';
import { requestTurns } from './platform/http/turns.js';
import type { App } from './platform/http/types.js';
import { registerLiveRoutes } from './platform/live/routes.js';
import { registerSettingsRoutes } from './platform/settings/routes.js';
import { registerSlaRoutes } from './sla/routes.js';
import { presenceHandler } from './tickets/presence.js';
import { registerTicketRoutes } from './tickets/routes.js';

export interface RouteInfo {
  method: string;
  url: string;
}

export interface BuildOptions {
  /** Serve the built web app (production). Tests of the API leave it off. */
  serveWeb?: boolean;
  /** How often a live WebSocket checks that its sign-in still counts. */
  liveRecheckMs?: number;
  /** How often a live WebSocket carries tickets.changed at most (platform/live/routes.ts). */
  liveTicketsChangedMs?: number;
}

/** Fastify's own client errors, mapped to our codes. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
};

const zodLocales = { en: zodEn(), hi: zodHi() };

/** One message per bad field, in the caller's language: our keys, else zod's own locale. */
function validationDetails(err: FastifyError, locale: Locale): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const v of err.validation ?? []) {
    const name = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || err.validationContext || 'body';
    if (fields[name]) continue;
    if (isFieldMessageKey(v.message)) {
      fields[name] = v.message;
      continue;
    }
    // fastify-type-provider-zod hands over the zod issue as keyword (code) + params (the rest).
    const issue = {
      ...v.params,
      code: v.keyword,
      path: name.split('.'),
      message: v.message,
    } as unknown as z.core.$ZodRawIssue;
    const m = zodLocales[locale].localeError(issue);
    fields[name] = (typeof m === 'string' ? m : m?.message) ?? v.message ?? 'is not valid';
  }
  return fields;
}

export async function buildApp(deps: Deps, options: BuildOptions = {}): Promise<App & { routeList: RouteInfo[] }> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    trustProxy: deps.config.trustProxy,
    // Request lines only at debug: at info they would dominate the log and cost throughput.
    logController: new LogController({
      disableRequestLogging: deps.config.logLevel !== 'debug' && deps.config.logLevel !== 'trace',
    }),
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  // Before any other hook: a request's whole work waits for its turn (platform/http/turns.ts).
  const turns = requestTurns();
  app.addHook('onRequest', (_req, _reply, done) => {
    turns.take().then(() => done(), done);
  });

  const routeList: RouteInfo[] = [];
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const m of methods)
      if (m !== 'HEAD' && r.url.startsWith('/api/v1/')) routeList.push({ method: m, url: r.url });
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const locale = req.ctx?.locale ?? localeFromHeader(req.headers['accept-language']);
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      return reply.code(err.status).send(errorBody(err.code, locale, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      return reply.code(400).send(errorBody('validation_failed', locale, { fields: validationDetails(err, locale) }));
    }
    const mapped = err.code ? fastifyCodes[err.code] : undefined;
    if (mapped) return reply.code(new AppError(mapped).status).send(errorBody(mapped, locale));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const code: ErrorCode = err.statusCode === 404 ? 'not_found' : 'validation_failed';
      return reply.code(err.statusCode).send(errorBody(code, locale, { reason: err.message }));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send(errorBody('internal', locale));
  });

  const security = securityHeaders({ hsts: deps.config.secureCookies });
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(security);
    done();
  });
  await app.register(fastifyCookie);
  // One file per upload; anything bigger than the limit is refused (413) before it is stored.
  await app.register(fastifyMultipart, {
    limits: { fileSize: deps.config.attachmentMaxBytes, files: 1, fields: 5, parts: 6 },
    throwFileSizeLimit: true,
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Sahayak API',
        description: 'Customer support platform. Sign in with a session cookie or `Authorization: Bearer <token>`.',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token (shk_…)' },
          session: { type: 'apiKey', in: 'cookie', name: 'sahayak_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerAuthHook(app, deps);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  // Once every migration is in, it stays in for the life of this process: stop introspecting the
  // schema on every probe (a catalogue query on PostgreSQL) and only check the database answers.
  let migrated = false;
  app.get('/readyz', { schema: { hide: true } }, async (req, reply) => {
    try {
      await ping(deps.db);
      migrated ||= await migrationsApplied(deps.db);
      if (!migrated) {
        return reply.code(503).send(errorBody('not_ready', req.ctx.locale, { reason: 'migrations pending' }));
      }
    } catch (err) {
      req.log.warn({ err }, 'readiness check failed');
      return reply.code(503).send(errorBody('not_ready', req.ctx.locale, { reason: 'database unreachable' }));
    }
    return { status: 'ready', database: deps.db.dialect };
  });

  registerAuthRoutes(app, deps.config);
  registerPeopleRoutes(app, deps.config);
  registerSettingsRoutes(app);
  registerAuditRoutes(app);
  registerCustomerRoutes(app);
  registerTicketRoutes(app);
  registerAnalyticsRoutes(app);
  registerSlaRoutes(app);
  registerEscalationRoutes(app);
  registerAutomationRoutes(app);
  registerNotificationRoutes(app);
  registerEmailAdminRoutes(app);
  registerPortalRoutes(app, deps);
  registerFeedbackRoutes(app);
  registerLiveRoutes(
    app,
    deps,
    options.liveRecheckMs ?? 30_000,
    { presence: presenceHandler(deps) },
    options.liveTicketsChangedMs,
  );

  const webDist = deps.config.webDist;
  const serveWeb = options.serveWeb && existsSync(path.join(webDist, 'index.html'));
  if (serveWeb) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((req, reply) => {
    const apiLike = req.url.startsWith('/api/') || req.method !== 'GET';
    if (!apiLike && serveWeb) return reply.type('text/html').sendFile('index.html');
    return reply.code(404).send(errorBody('not_found', req.ctx?.locale ?? 'en', { route: `${req.method} ${req.url}` }));
  });

  return Object.assign(app, { routeList });
}
