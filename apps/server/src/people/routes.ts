// HTTP routes of users, teams, first-run setup and the signed-in user's profile.

import { setSessionCookie } from '../platform/auth/routes.js';
import { IdParam, SessionResponse } from '../platform/auth/schema.js';
import type { Config } from '../platform/config.js';
import type { App } from '../platform/http/types.js';
import {
  CreateTeamBody,
  CreateUserBody,
  SetupBody,
  SetupStatus,
  TeamEnvelope,
  TeamList,
  UpdateMeBody,
  UpdateTeamBody,
  UpdateUserBody,
  UserEnvelope,
  UserList,
  UserListQuery,
} from './schema.js';
import * as people from './service.js';

export function registerPeopleRoutes(app: App, config: Config): void {
  app.get(
    '/api/v1/auth/setup',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'Whether the one-time setup is still needed', response: { 200: SetupStatus } },
    },
    (req) => people.setupStatus(req.ctx),
  );

  app.post(
    '/api/v1/auth/setup',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Create the first admin (only while no user exists)',
        body: SetupBody,
        response: { 201: SessionResponse },
      },
    },
    async (req, reply) => {
      const { user, sessionSecret, csrfToken } = await people.completeSetup(req.ctx, req.body);
      setSessionCookie(reply, config, sessionSecret);
      return reply.code(201).send({ user, csrfToken });
    },
  );

  app.patch(
    '/api/v1/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Update my name, language, time zone or theme',
        body: UpdateMeBody,
        response: { 200: UserEnvelope },
      },
    },
    (req) => people.updateMe(req.ctx, req.body),
  );

  const tags = ['users'];
  app.get(
    '/api/v1/users',
    { schema: { tags, summary: 'List users', querystring: UserListQuery, response: { 200: UserList } } },
    (req) => people.listUsers(req.ctx, req.query),
  );
  app.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Create a user (without a password: an invitation mail is sent)',
        body: CreateUserBody,
        response: { 201: UserEnvelope },
      },
    },
    async (req, reply) => reply.code(201).send(await people.createUser(req.ctx, req.body)),
  );
  app.get(
    '/api/v1/users/:id',
    { schema: { tags, summary: 'One user', params: IdParam, response: { 200: UserEnvelope } } },
    (req) => people.getUser(req.ctx, req.params.id),
  );
  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: 'Change a user; active=false ends their sessions and tokens',
        params: IdParam,
        body: UpdateUserBody,
        response: { 200: UserEnvelope },
      },
    },
    (req) => people.updateUser(req.ctx, req.params.id, req.body),
  );

  const teamTags = ['teams'];
  app.get('/api/v1/teams', { schema: { tags: teamTags, summary: 'List teams', response: { 200: TeamList } } }, (req) =>
    people.listTeams(req.ctx),
  );
  app.post(
    '/api/v1/teams',
    { schema: { tags: teamTags, summary: 'Create a team', body: CreateTeamBody, response: { 201: TeamEnvelope } } },
    async (req, reply) => reply.code(201).send(await people.createTeam(req.ctx, req.body)),
  );
  app.get(
    '/api/v1/teams/:id',
    { schema: { tags: teamTags, summary: 'One team', params: IdParam, response: { 200: TeamEnvelope } } },
    (req) => people.getTeam(req.ctx, req.params.id),
  );
  app.patch(
    '/api/v1/teams/:id',
    {
      schema: {
        tags: teamTags,
        summary: 'Change a team, its lead or members',
        params: IdParam,
        body: UpdateTeamBody,
        response: { 200: TeamEnvelope },
      },
    },
    (req) => people.updateTeam(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/v1/teams/:id',
    { schema: { tags: teamTags, summary: 'Delete a team', params: IdParam } },
    async (req, reply) => {
      await people.deleteTeam(req.ctx, req.params.id);
      return reply.code(204).send();
    },
  );
}
