import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  createUser,
  linkToken,
  readOutbox,
  type Session,
  signedInAs,
  signIn,
  type TestApp,
} from './helpers.js';

let t: TestApp;
let admin: Session;
let agent: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = (await signedInAs(t, 'admin')).session;
  agent = (await signedInAs(t, 'agent')).session;
});
afterAll(() => t.close());

const countRows = async (table: 'users' | 'teams' | 'audit_log') =>
  Number(
    (
      await t.deps.db.kysely
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('POST /api/v1/users', () => {
  it('answers 401 without a session', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', payload: {} });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });

  it('answers 403 to an agent', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: agent.headers,
      payload: { name: 'X', email: 'x@example.test', role: 'agent' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });

  it('creates a user, stores a name with HTML and SQL as typed, and audits it', async () => {
    const auditBefore = await countRows('audit_log');
    const name = `<b>Tom & "Jerry"</b>'); DROP TABLE users;--`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { name, email: 'Tom@Example.test', role: 'lead', password: 'a long password' },
    });
    expect(res.statusCode).toBe(201);
    const user = res.json().user;
    expect(user).toMatchObject({ name, email: 'tom@example.test', role: 'lead', active: true });
    expect(user).not.toHaveProperty('password_hash');
    expect(await countRows('audit_log')).toBe(auditBefore + 1);
    const login = await signIn(t, 'tom@example.test', 'a long password');
    expect(login.userId).toBe(user.id);
  });

  it('refuses a bad email naming the field, and writes nothing', async () => {
    const before = await countRows('users');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { name: 'Nobody', email: 'not-an-email', role: 'agent' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(Object.keys(res.json().error.details.fields)).toContain('email');
    expect(await countRows('users')).toBe(before);
  });

  it('refuses a missing field, naming it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { email: 'nameless@example.test', role: 'agent' },
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.details.fields)).toContain('name');
  });

  it('refuses a taken email with 409', async () => {
    const existing = await createUser(t.deps);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { name: 'Dup', email: existing.email.toUpperCase(), role: 'agent' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('email_taken');
  });

  it('without a password sends an invitation mail with a set-password link', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { name: 'सुनीता', email: 'invitee@example.test', role: 'agent', locale: 'hi' },
    });
    expect(res.statusCode).toBe(201);
    await t.deps.jobs.drain();
    const mail = (await readOutbox(t.dataDir)).find((m) => m.to === 'invitee@example.test');
    expect(mail?.subject).toBe('आपको सहायक में आमंत्रित किया गया है');
    const token = linkToken(mail!.text);
    expect(token).toBeTruthy();
    const set = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'my new password' },
    });
    expect(set.statusCode).toBe(204);
    await signIn(t, 'invitee@example.test', 'my new password');
  });
});

describe('PATCH /api/v1/users/:id', () => {
  it('deactivating a user ends their session at once', async () => {
    const { user, session } = await signedInAs(t, 'agent');
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: session.headers })).statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      headers: admin.headers,
      payload: { active: false },
    });
    expect(res.statusCode).toBe(200);
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: session.headers });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('session_expired');
  });

  it('refuses to demote the last active admin', async () => {
    const { user, session } = await signedInAs(t, 'admin');
    // Demote every other admin first so this one is the last.
    const admins = (
      await t.app.inject({ url: '/api/v1/users?role=admin&active=true&limit=200', headers: session.headers })
    ).json().items as { id: number }[];
    for (const a of admins.filter((a) => a.id !== user.id)) {
      const r = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${a.id}`,
        headers: session.headers,
        payload: { role: 'manager' },
      });
      expect(r.statusCode).toBe(200);
    }
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      headers: session.headers,
      payload: { role: 'agent' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('last_admin');
    admin = session;
  });

  it('answers 404 for a user that does not exist', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/users/999999',
      headers: admin.headers,
      payload: { name: 'Ghost' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('user_not_found');
  });
});

describe('GET /api/v1/users', () => {
  it('pages through users by name with a cursor and filters by text', async () => {
    for (const n of ['Zeta One', 'Zeta Two', 'Zeta Three']) await createUser(t.deps, { name: n });
    const first = await t.app.inject({ url: '/api/v1/users?q=zeta&limit=2', headers: agent.headers });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items.map((u: { name: string }) => u.name)).toEqual(['Zeta One', 'Zeta Three']);
    const second = await t.app.inject({
      url: `/api/v1/users?q=zeta&limit=2&cursor=${page1.nextCursor}`,
      headers: agent.headers,
    });
    expect(second.json().items.map((u: { name: string }) => u.name)).toEqual(['Zeta Two']);
    expect(second.json().nextCursor).toBeNull();
  });

  it('refuses a forged cursor with 400', async () => {
    const res = await t.app.inject({ url: '/api/v1/users?cursor=garbage', headers: agent.headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toHaveProperty('cursor');
  });
});

describe('teams', () => {
  it('a manager creates a team with a lead, who becomes a member; an agent may not', async () => {
    const { session: manager } = await signedInAs(t, 'manager');
    const lead = await createUser(t.deps, { role: 'lead' });
    const member = await createUser(t.deps);
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: agent.headers,
      payload: { name: 'Nope' },
    });
    expect(denied.statusCode).toBe(403);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: manager.headers,
      payload: { name: 'बिलिंग सहायता', leadId: lead.id, memberIds: [member.id] },
    });
    expect(res.statusCode).toBe(201);
    const team = res.json().team;
    expect(team.name).toBe('बिलिंग सहायता');
    expect(team.memberIds.sort()).toEqual([lead.id, member.id].sort());
    const user = await t.app.inject({ url: `/api/v1/users/${member.id}`, headers: agent.headers });
    expect(user.json().user.teamIds).toContain(team.id);
  });

  it('refuses members that do not exist and writes no team', async () => {
    const before = await countRows('teams');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: admin.headers,
      payload: { name: 'Ghosts', memberIds: [424242] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toHaveProperty('memberIds');
    expect(await countRows('teams')).toBe(before);
  });
});
