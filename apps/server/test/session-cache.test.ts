// The sessions kept in memory in embedded mode (platform/auth/session-cache.ts): every change that
// should end or alter a session still does so at once, though the session was resolved (and kept)
// just before; what the cache keeps is bounded in age; cluster mode keeps nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../src/platform/auth/passwords.js';
import { createTestApp, createUser, signedInAs, signIn, TEST_PASSWORD, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Headers = Record<string, string>;
const me = (headers: Headers) => t.app.inject({ url: '/api/v1/auth/me', headers });
const embedded = () => t.deps.db.dialect === 'sqlite';

/** The token of a session's cookie, as the sessions table stores it (hashed). */
const tokenHash = (cookie: string) => sha256(cookie.slice('sahayak_session='.length));

describe('a session kept in memory', () => {
  it('ends at once when another of its user’s sessions revokes it', async () => {
    const user = await createUser(t.deps);
    const a = await signIn(t, user.email);
    const b = await signIn(t, user.email);
    expect((await me(b.headers)).statusCode).toBe(200);
    const other = (
      (await t.app.inject({ url: '/api/v1/auth/sessions', headers: a.headers })).json().items as {
        id: number;
        current: boolean;
      }[]
    ).find((s) => !s.current)!;
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/auth/sessions/${other.id}`, headers: a.headers });
    expect(del.statusCode).toBe(204);
    expect((await me(b.headers)).statusCode).toBe(401);
    expect((await me(a.headers)).statusCode).toBe(200);
  });

  it('ends at once on sign-out and when the password changes elsewhere', async () => {
    const user = await createUser(t.deps);
    const a = await signIn(t, user.email);
    const b = await signIn(t, user.email);
    expect((await me(a.headers)).statusCode).toBe(200);
    expect((await me(b.headers)).statusCode).toBe(200);
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: a.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'another long password' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await me(b.headers)).json().error.code).toBe('session_expired');
    expect((await me(a.headers)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: a.headers })).statusCode).toBe(
      204,
    );
    expect((await me(a.headers)).statusCode).toBe(401);
  });

  it('takes a new role, locale or deactivation at once', async () => {
    const { session: admin } = await signedInAs(t, 'admin');
    const { user, session } = await signedInAs(t, 'manager');
    // A manager sees the escalations view; an agent does not.
    const escalations = () => t.app.inject({ url: '/api/v1/escalations', headers: session.headers });
    expect((await escalations()).statusCode).toBe(200);
    const patch = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: admin.headers, payload });
    expect((await patch({ role: 'agent' })).statusCode).toBe(200);
    expect((await escalations()).statusCode).toBe(403);

    // The session's locale is the language of its errors.
    const unknown = () => t.app.inject({ url: '/api/v1/tickets/99999999', headers: session.headers });
    const english = (await unknown()).json().error.message;
    expect((await patch({ locale: 'hi' })).statusCode).toBe(200);
    const hindi = (await unknown()).json().error.message;
    expect(hindi).not.toBe(english);
    expect(hindi).toMatch(/[\u0900-\u097f]/);

    expect((await patch({ active: false })).statusCode).toBe(200);
    expect((await me(session.headers)).statusCode).toBe(401);
  });

  it('expires on time though it was kept', async () => {
    const { session } = await signedInAs(t, 'agent');
    expect((await me(session.headers)).statusCode).toBe(200);
    t.clock.advance(t.deps.config.sessionDays * 86_400_000 + 1000);
    expect((await me(session.headers)).statusCode).toBe(401);
  });

  it('is kept at most 10 s past a change made outside the application (embedded); cluster mode keeps nothing', async () => {
    const { session } = await signedInAs(t, 'agent');
    expect((await me(session.headers)).statusCode).toBe(200);
    // A hand edit of the database: nothing in the application told the cache.
    await t.deps.db.kysely
      .updateTable('sessions')
      .set({ revoked_at: t.clock.now() })
      .where('token_hash', '=', tokenHash(session.cookie))
      .execute();
    if (embedded()) {
      expect((await me(session.headers)).statusCode).toBe(200);
      t.clock.advance(9_000);
      expect((await me(session.headers)).statusCode).toBe(200);
      t.clock.advance(1_001);
    }
    expect((await me(session.headers)).statusCode).toBe(401);
  });
});
