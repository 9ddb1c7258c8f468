// HTTP routes of sign-in, sessions, password resets and personal API tokens.
import type { FastifyReply } from 'fastify';
import type { Config } from '../config.js';
import type { App } from '../http/types.js';
import {
  ChangePasswordBody,
  CreatedTokenResponse,
  CreateTokenBody,
  IdParam,
  LoginBody,
  PasswordResetBody,
  PasswordResetConfirmBody,
  SessionList,
  SessionResponse,
  TokenList,
  TokenListQuery,
} from './schema.js';
import * as auth from './service.js';

const tags = ['auth'];

export function setSessionCookie(reply: FastifyReply, config: Config, secret: string): void {
  reply.setCookie(auth.SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    path: '/',
    maxAge: config.sessionDays * 86_400,
  });
}

export function registerAuthRoutes(app: App, config: Config): void {
  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true },
      schema: { tags, summary: 'Sign in with email and password', body: LoginBody, response: { 200: SessionResponse } },
    },
    async (req, reply) => {
      const { sessionSecret, csrfToken, user } = await auth.login(req.ctx, req.body);
      setSessionCookie(reply, config, sessionSecret);
      return { user, csrfToken };
    },
  );

  app.post('/api/v1/auth/logout', { schema: { tags, summary: 'Sign out (ends this session)' } }, async (req, reply) => {
    await auth.logout(req.ctx);
    reply.clearCookie(auth.SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get(
    '/api/v1/auth/me',
    { schema: { tags, summary: 'The signed-in user', response: { 200: SessionResponse } } },
    (req) => auth.currentUser(req.ctx, req.csrfToken),
  );

  app.post(
    '/api/v1/auth/password',
    { schema: { tags, summary: 'Change my password (ends my other sessions)', body: ChangePasswordBody } },
    async (req, reply) => {
      await auth.changePassword(req.ctx, req.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/auth/password-reset',
    {
      config: { public: true },
      schema: { tags, summary: 'Mail a password reset link (always 202)', body: PasswordResetBody },
    },
    async (req, reply) => {
      await auth.requestPasswordReset(req.ctx, req.body);
      return reply.code(202).send();
    },
  );

  app.post(
    '/api/v1/auth/password-reset/confirm',
    {
      config: { public: true },
      schema: { tags, summary: 'Set a new password with a reset or invitation link', body: PasswordResetConfirmBody },
    },
    async (req, reply) => {
      await auth.confirmPasswordReset(req.ctx, req.body);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/auth/sessions',
    { schema: { tags, summary: 'My active sessions', response: { 200: SessionList } } },
    (req) => auth.listMySessions(req.ctx),
  );

  app.delete(
    '/api/v1/auth/sessions/:id',
    { schema: { tags, summary: 'End one of my sessions', params: IdParam } },
    async (req, reply) => {
      await auth.revokeMySession(req.ctx, req.params.id);
      return reply.code(204).send();
    },
  );

  const tokenTags = ['tokens'];
  app.get(
    '/api/v1/tokens',
    {
      schema: {
        tags: tokenTags,
        summary: 'My API tokens (owner=all: every user’s, admin only)',
        querystring: TokenListQuery,
        response: { 200: TokenList },
      },
    },
    (req) => auth.listApiTokens(req.ctx, req.query.owner),
  );

  app.post(
    '/api/v1/tokens',
    {
      schema: {
        tags: tokenTags,
        summary: 'Create a personal API token; the secret is shown only in this answer',
        body: CreateTokenBody,
        response: { 201: CreatedTokenResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await auth.createApiToken(req.ctx, req.body)),
  );

  app.delete(
    '/api/v1/tokens/:id',
    { schema: { tags: tokenTags, summary: 'Revoke an API token', params: IdParam } },
    async (req, reply) => {
      await auth.revokeApiTokenById(req.ctx, req.params.id);
      return reply.code(204).send();
    },
  );
}
