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
    /** false: a cookie-authenticated write to this route needs no CSRF header (sign-in forms). */
    csrf?: boolean;
  }
}
