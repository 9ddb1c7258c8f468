// The Fastify instance type every routes.ts registers on.
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
    /** The CSRF token of the session the request came with (null for tokens and anonymous calls). */
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /**
     * true: callable without signing in (sign-in, setup, password reset). Every other /api/v1 route
     * answers 401 before it even validates the request, so its shape is not revealed to strangers.
     * Public routes do not act on the session, so they need no CSRF header either.
     */
    public?: boolean;
  }
}
