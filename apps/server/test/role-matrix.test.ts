// Every API route, for every role and for no session: the expected answer. A route added without an
// entry here fails the first test, so nothing ships without a decision on who may call it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/platform/context.js';
import { createTestApp, createUser, type Session, signIn, type TestApp } from './helpers.js';

type Who = Role | 'anonymous';
const everyone: Who[] = ['anonymous', 'admin', 'manager', 'lead', 'agent'];
const staff: Role[] = ['admin', 'manager', 'lead', 'agent'];

interface Case {
  /** Roles that may call it; 'public' = also without a session. */
  allowed: Role[] | 'public';
  /** Builds a valid request for this caller (fresh fixtures each time). */
  request: (who: Who) => Promise<{ url: string; payload?: unknown }>;
  /** The status an allowed caller gets. */
  ok: number;
}

let t: TestApp;
const sessions = new Map<Role, Session>();
let n = 0;
const unique = () => `${Date.now().toString(36)}${++n}`;

const newTeam = async () => {
  const admin = sessions.get('admin')!;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/teams',
    headers: admin.headers,
    payload: { name: `Team ${unique()}` },
  });
  return res.json().team.id as number;
};
const ownToken = async (who: Who) => {
  const s = sessions.get(who === 'anonymous' ? 'agent' : who)!;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: s.headers,
    payload: { name: 'm', scope: 'read' },
  });
  return res.json().token.id as number;
};
/** A second session of the caller's own, for the caller to end. */
const ownSession = async (role: Role) => {
  const second = await signIn(t, `${role}.matrix@example.test`);
  const items = (await t.app.inject({ url: '/api/v1/auth/sessions', headers: second.headers })).json().items as {
    id: number;
    current: boolean;
  }[];
  return items.find((s) => s.current)!.id;
};

const matrix: Record<string, Case> = {
  'GET /api/v1/auth/setup': { allowed: 'public', ok: 200, request: async () => ({ url: '/api/v1/auth/setup' }) },
  'POST /api/v1/auth/setup': {
    allowed: 'public',
    ok: 409, // a user exists, so setup is done for everyone
    request: async () => ({
      url: '/api/v1/auth/setup',
      payload: { name: 'X', email: `x${unique()}@example.test`, password: 'long enough password' },
    }),
  },
  'POST /api/v1/auth/login': {
    allowed: 'public',
    ok: 200,
    request: async () => {
      const u = await createUser(t.deps);
      return { url: '/api/v1/auth/login', payload: { email: u.email, password: 'correct horse battery' } };
    },
  },
  'POST /api/v1/auth/logout': { allowed: staff, ok: 204, request: async () => ({ url: '/api/v1/auth/logout' }) },
  'GET /api/v1/auth/me': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/auth/me' }) },
  'PATCH /api/v1/auth/me': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: '/api/v1/auth/me', payload: { theme: 'dark' } }),
  },
  'POST /api/v1/auth/password': {
    allowed: staff,
    ok: 400, // wrong current password: the rule ran, which is what this row checks
    request: async () => ({
      url: '/api/v1/auth/password',
      payload: { currentPassword: 'not the password', newPassword: 'a new long password' },
    }),
  },
  'POST /api/v1/auth/password-reset': {
    allowed: 'public',
    ok: 202,
    request: async () => ({ url: '/api/v1/auth/password-reset', payload: { email: `nobody${unique()}@example.test` } }),
  },
  'POST /api/v1/auth/password-reset/confirm': {
    allowed: 'public',
    ok: 400,
    request: async () => ({
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token: 'not-a-real-token', password: 'a new long password' },
    }),
  },
  'GET /api/v1/auth/sessions': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/auth/sessions' }) },
  'DELETE /api/v1/auth/sessions/:id': {
    allowed: staff,
    ok: 204,
    request: async (who) => ({ url: `/api/v1/auth/sessions/${who === 'anonymous' ? 1 : await ownSession(who)}` }),
  },
  'GET /api/v1/tokens': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/tokens' }) },
  'POST /api/v1/tokens': {
    allowed: staff,
    ok: 201,
    request: async () => ({ url: '/api/v1/tokens', payload: { name: 'script', scope: 'read' } }),
  },
  'DELETE /api/v1/tokens/:id': {
    allowed: staff,
    ok: 204,
    request: async (who) => ({ url: `/api/v1/tokens/${await ownToken(who)}` }),
  },
  'GET /api/v1/users': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/users' }) },
  'POST /api/v1/users': {
    allowed: ['admin'],
    ok: 201,
    request: async () => ({
      url: '/api/v1/users',
      payload: { name: 'New', email: `new${unique()}@example.test`, role: 'agent', password: 'long enough password' },
    }),
  },
  'GET /api/v1/users/:id': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: `/api/v1/users/${(await createUser(t.deps)).id}` }),
  },
  'PATCH /api/v1/users/:id': {
    allowed: ['admin'],
    ok: 200,
    request: async () => ({ url: `/api/v1/users/${(await createUser(t.deps)).id}`, payload: { capacity: 7 } }),
  },
  'GET /api/v1/teams': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/teams' }) },
  'POST /api/v1/teams': {
    allowed: ['admin', 'manager'],
    ok: 201,
    request: async () => ({ url: '/api/v1/teams', payload: { name: `Team ${unique()}` } }),
  },
  'GET /api/v1/teams/:id': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: `/api/v1/teams/${await newTeam()}` }),
  },
  'PATCH /api/v1/teams/:id': {
    allowed: ['admin', 'manager'],
    ok: 200,
    request: async () => ({ url: `/api/v1/teams/${await newTeam()}`, payload: { description: 'changed' } }),
  },
  'DELETE /api/v1/teams/:id': {
    allowed: ['admin', 'manager'],
    ok: 204,
    request: async () => ({ url: `/api/v1/teams/${await newTeam()}` }),
  },
  'GET /api/v1/settings': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/settings' }) },
  'PATCH /api/v1/settings': {
    allowed: ['admin'],
    ok: 200,
    request: async () => ({ url: '/api/v1/settings', payload: { companyName: 'Matrix Co' } }),
  },
  'GET /api/v1/audit-log': { allowed: ['admin'], ok: 200, request: async () => ({ url: '/api/v1/audit-log' }) },
  // A plain GET (no Upgrade) to the WebSocket route: authorisation runs before the upgrade.
  'GET /api/v1/live': { allowed: staff, ok: 404, request: async () => ({ url: '/api/v1/live' }) },
};

beforeAll(async () => {
  t = await createTestApp();
  for (const role of staff) {
    const user = await createUser(t.deps, { role, email: `${role}.matrix@example.test` });
    sessions.set(role, await signIn(t, user.email));
  }
});
afterAll(() => t.close());

describe('role matrix', () => {
  it('has an entry for every API route, and no entry for a route that does not exist', () => {
    const routes = t.app.routeList.map((r) => `${r.method} ${r.url}`);
    expect(routes.filter((r) => !(r in matrix))).toEqual([]);
    expect(Object.keys(matrix).filter((k) => !routes.includes(k))).toEqual([]);
  });

  for (const [key, c] of Object.entries(matrix)) {
    const [method, path] = key.split(' ') as [string, string];
    for (const who of everyone) {
      const allowed = c.allowed === 'public' || (who !== 'anonymous' && c.allowed.includes(who));
      const expected = allowed ? c.ok : who === 'anonymous' ? 401 : 403;
      it(`${key} as ${who} → ${expected}`, async () => {
        const { url, payload } = await c.request(who);
        const session = who === 'anonymous' ? undefined : sessions.get(who)!;
        const res = await t.app.inject({
          method: method as 'GET',
          url,
          headers: session?.headers ?? {},
          ...(payload !== undefined ? { payload: payload as object } : {}),
        });
        expect(res.statusCode, `${key} as ${who}: ${res.body}`).toBe(expected);
        // Logging out ends the shared session: sign that role in again for the next rows.
        if (key === 'POST /api/v1/auth/logout' && session && res.statusCode === 204) {
          const email = `${who}.matrix@example.test`;
          sessions.set(who as Role, await signIn(t, email));
        }
      });
    }
  }
});
