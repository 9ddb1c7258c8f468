import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, linkToken, signedInAs, signIn, TEST_PASSWORD, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (email: string, password: string, ip = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });

describe('sign-in', () => {
  it('sets an httpOnly, SameSite=Lax session cookie (not Secure over http)', async () => {
    const user = await createUser(t.deps);
    const res = await login(user.email, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'sahayak_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy();
    expect(res.json().user.email).toBe(user.email);
  });

  it('answers a wrong password and an unknown email alike: 401 invalid_credentials', async () => {
    const user = await createUser(t.deps);
    const wrong = await login(user.email, 'not the password', '10.0.0.2');
    const unknown = await login('nobody@example.test', 'not the password', '10.0.0.2');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('invalid_credentials');
  });

  it('says it in Hindi to a Hindi browser', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'hi-IN,hi;q=0.9,en;q=0.8' },
      payload: { email: 'nobody@example.test', password: 'x' },
      remoteAddress: '10.0.0.3',
    });
    expect(res.json().error.message).toBe('ईमेल या पासवर्ड गलत है।');
  });

  it('locks an account after 5 failures with 429 and Retry-After, even for the right password', async () => {
    const user = await createUser(t.deps);
    for (let i = 0; i < 5; i++) expect((await login(user.email, 'wrong password', `10.1.0.${i}`)).statusCode).toBe(401);
    const locked = await login(user.email, TEST_PASSWORD, '10.1.0.99');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('too_many_attempts');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(15 * 60_000 + 1000);
    expect((await login(user.email, TEST_PASSWORD, '10.1.0.99')).statusCode).toBe(200);
  });

  it('locks an IP after 30 failures across accounts', async () => {
    const user = await createUser(t.deps);
    for (let i = 0; i < 30; i++) await login(`probe${i}@example.test`, 'guess', '10.2.0.1');
    expect((await login(user.email, TEST_PASSWORD, '10.2.0.1')).statusCode).toBe(429);
    expect((await login(user.email, TEST_PASSWORD, '10.2.0.2')).statusCode).toBe(200);
  });

  it('refuses malformed JSON with 400 and a non-JSON body with 415, never 500', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_json');
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a&password=b',
    });
    expect(form.statusCode).toBe(415);
    expect(form.json().error.code).toBe('unsupported_media_type');
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'a@b.test' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields).toHaveProperty('password');
  });
});

describe('sessions', () => {
  it('cookie writes need the CSRF token; bearer calls do not', async () => {
    const { session } = await signedInAs(t, 'agent');
    const payload = { name: 'New name' };
    const noHeader = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      headers: { cookie: session.cookie },
      payload,
    });
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json().error.code).toBe('csrf_failed');
    const wrong = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      headers: { cookie: session.cookie, 'x-csrf-token': 'forged' },
      payload,
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await t.app.inject({ method: 'PATCH', url: '/api/v1/auth/me', headers: session.headers, payload });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.name).toBe('New name');
  });

  it('logout ends the session at once: the old cookie gets 401 session_expired', async () => {
    const { session } = await signedInAs(t, 'agent');
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: session.headers });
    expect(out.statusCode).toBe(204);
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: session.headers });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('session_expired');
  });

  it('a session unused for longer than SESSION_DAYS expires', async () => {
    const { session } = await signedInAs(t, 'agent');
    t.clock.advance(t.deps.config.sessionDays * 86_400_000 + 1000);
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: session.headers });
    expect(me.statusCode).toBe(401);
  });

  it('lists my sessions and ends another one', async () => {
    const user = await createUser(t.deps);
    const a = await signIn(t, user.email);
    const b = await signIn(t, user.email);
    const list = await t.app.inject({ url: '/api/v1/auth/sessions', headers: a.headers });
    const items = list.json().items as { id: number; current: boolean }[];
    expect(items).toHaveLength(2);
    const other = items.find((s) => !s.current)!;
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/auth/sessions/${other.id}`, headers: a.headers });
    expect(del.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: b.headers })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: a.headers })).statusCode).toBe(200);
  });

  it('changing the password ends the other sessions and needs the current password', async () => {
    const user = await createUser(t.deps);
    const a = await signIn(t, user.email);
    const b = await signIn(t, user.email);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: a.headers,
      payload: { currentPassword: 'not it at all', newPassword: 'a brand new password' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('wrong_password');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: a.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new password' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: b.headers })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: a.headers })).statusCode).toBe(200);
    await signIn(t, user.email, 'a brand new password');
  });
});

describe('Secure cookie', () => {
  it('is Secure when PUBLIC_URL is https', async () => {
    const s = await createTestApp({ env: { PUBLIC_URL: 'https://support.example.test' } });
    try {
      const user = await createUser(s.deps);
      const res = await s.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: user.email, password: TEST_PASSWORD },
      });
      expect(res.cookies.find((c) => c.name === 'sahayak_session')!.secure).toBe(true);
    } finally {
      await s.close();
    }
  });
});

describe('personal API tokens', () => {
  it('shows the secret once, stores only its hash, and tracks last use', async () => {
    const { session } = await signedInAs(t, 'agent');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: session.headers,
      payload: { name: 'reporting script', scope: 'read' },
    });
    expect(res.statusCode).toBe(201);
    const { token, secret } = res.json();
    expect(secret).toMatch(/^shk_/);
    const rows = await t.deps.db.kysely.selectFrom('api_tokens').selectAll().where('id', '=', token.id).execute();
    expect(JSON.stringify(rows)).not.toContain(secret);
    const list = await t.app.inject({ url: '/api/v1/tokens', headers: session.headers });
    expect(JSON.stringify(list.json())).not.toContain(secret);
    expect(list.json().items[0].lastUsedAt).toBeNull();
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${secret}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().csrfToken).toBeNull();
    const after = await t.app.inject({ url: '/api/v1/tokens', headers: session.headers });
    expect(after.json().items[0].lastUsedAt).not.toBeNull();
  });

  it('a read token may not write (403 token_scope); a write token may, without CSRF', async () => {
    const { session } = await signedInAs(t, 'agent');
    const make = async (scope: string) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/tokens',
          headers: session.headers,
          payload: { name: scope, scope },
        })
      ).json().secret as string;
    const read = await make('read');
    const write = await make('write');
    const payload = { theme: 'dark' };
    const denied = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${read}` },
      payload,
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('token_scope');
    const ok = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${write}` },
      payload,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.theme).toBe('dark');
  });

  it('a revoked token gets 401 at once; an expired one too; a made-up one too', async () => {
    const { session } = await signedInAs(t, 'agent');
    const created = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: session.headers,
        payload: { name: 'short', scope: 'read', expiresInDays: 1 },
      })
    ).json();
    const bearer = { authorization: `Bearer ${created.secret}` };
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(200);
    t.clock.advance(86_400_000 + 1000);
    const expired = await t.app.inject({ url: '/api/v1/auth/me', headers: bearer });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('invalid_token');

    const { session: s2 } = await signedInAs(t, 'agent');
    const second = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: s2.headers,
        payload: { name: 'x', scope: 'read' },
      })
    ).json();
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${second.token.id}`, headers: s2.headers });
    expect(del.statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${second.secret}` } }))
        .statusCode,
    ).toBe(401);
    expect(
      (await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization: 'Bearer shk_madeup' } })).statusCode,
    ).toBe(401);
  });

  it("an agent cannot revoke someone else's token (404); an admin can, and sees every token", async () => {
    const owner = await signedInAs(t, 'agent');
    const other = await signedInAs(t, 'agent');
    const admin = await signedInAs(t, 'admin');
    const { token } = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: owner.session.headers,
        payload: { name: 'mine', scope: 'read' },
      })
    ).json();
    const theirs = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${token.id}`,
      headers: other.session.headers,
    });
    expect(theirs.statusCode).toBe(404);
    const all = await t.app.inject({ url: '/api/v1/tokens?owner=all', headers: admin.session.headers });
    expect(all.json().items.map((i: { id: number }) => i.id)).toContain(token.id);
    expect((await t.app.inject({ url: '/api/v1/tokens?owner=all', headers: other.session.headers })).statusCode).toBe(
      403,
    );
    const byAdmin = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${token.id}`,
      headers: admin.session.headers,
    });
    expect(byAdmin.statusCode).toBe(204);
  });
});

describe('first-run setup', () => {
  it('creates the first admin once, then refuses', async () => {
    const s = await createTestApp();
    try {
      expect((await s.app.inject({ url: '/api/v1/auth/setup' })).json()).toEqual({ needed: true });
      const res = await s.app.inject({
        method: 'POST',
        url: '/api/v1/auth/setup',
        payload: { name: 'First Admin', email: 'first@example.test', password: 'first admin password', locale: 'hi' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().user).toMatchObject({ role: 'admin', locale: 'hi' });
      expect(res.cookies.some((c) => c.name === 'sahayak_session')).toBe(true);
      expect((await s.app.inject({ url: '/api/v1/auth/setup' })).json()).toEqual({ needed: false });
      const again = await s.app.inject({
        method: 'POST',
        url: '/api/v1/auth/setup',
        payload: { name: 'Intruder', email: 'intruder@example.test', password: 'intruder password' },
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('setup_done');
    } finally {
      await s.close();
    }
  });
});

describe('password reset by mail over real SMTP', () => {
  let smtp: SMTPServer;
  const received: { to: string; subject: string; text: string }[] = [];
  let s: TestApp;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, cb) {
        simpleParser(stream)
          .then((m) => {
            received.push({
              to: m.to && !Array.isArray(m.to) ? m.to.text : '',
              subject: m.subject ?? '',
              text: m.text ?? '',
            });
            cb();
          })
          .catch(cb);
      },
    });
    smtp.listen(0, '127.0.0.1');
    await once(smtp.server, 'listening');
    const { port } = smtp.server.address() as AddressInfo;
    s = await createTestApp({
      env: { SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: 'http://support.example.test' },
    });
  });
  afterAll(async () => {
    await s.close();
    await new Promise<void>((r) => smtp.close(() => r()));
  });

  const requestReset = (email: string) =>
    s.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email } });
  const confirm = (token: string | undefined, password: string) =>
    s.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password } });

  it('mails a single-use link that sets a new password and ends old sessions', async () => {
    const user = await createUser(s.deps, { email: 'reset.me@example.test' });
    const old = await signIn(s, user.email);
    expect((await requestReset('Reset.Me@example.test')).statusCode).toBe(202);
    await s.deps.jobs.drain();
    const mail = received.find((m) => m.to === user.email);
    expect(mail?.subject).toBe('Reset your Sahayak password');
    expect(mail?.text).toContain('http://support.example.test/reset-password?token=');
    const token = linkToken(mail!.text);
    expect((await confirm(token, 'the new password!')).statusCode).toBe(204);
    expect((await s.app.inject({ url: '/api/v1/auth/me', headers: old.headers })).statusCode).toBe(401);
    await signIn(s, user.email, 'the new password!');
    const reuse = await confirm(token, 'another password!');
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().error.code).toBe('reset_link_invalid');
  });

  it('answers 202 for an unknown email and sends nothing', async () => {
    const before = received.length;
    expect((await requestReset('nobody.here@example.test')).statusCode).toBe(202);
    await s.deps.jobs.drain();
    expect(received.length).toBe(before);
  });

  it('a link older than an hour no longer works', async () => {
    const user = await createUser(s.deps, { email: 'slow.reader@example.test', locale: 'hi' });
    await requestReset(user.email);
    await s.deps.jobs.drain();
    const mail = received.find((m) => m.to === user.email)!;
    expect(mail.subject).toBe('अपना सहायक पासवर्ड रीसेट करें');
    s.clock.advance(61 * 60_000);
    expect((await confirm(linkToken(mail.text), 'too late password')).statusCode).toBe(400);
  });
});

describe('client address behind a proxy', () => {
  it('ignores a forged X-Forwarded-For unless TRUST_PROXY names the proxy', async () => {
    const user = await createUser(t.deps);
    // Without TRUST_PROXY the forged header cannot dodge the per-IP lock of the socket address.
    for (let i = 0; i < 30; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-forwarded-for': `6.6.6.${i}` },
        payload: { email: `probe.xff${i}@example.test`, password: 'guess' },
        remoteAddress: '10.9.9.9',
      });
    }
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-forwarded-for': '6.6.6.200' },
      payload: { email: user.email, password: TEST_PASSWORD },
      remoteAddress: '10.9.9.9',
    });
    expect(res.statusCode).toBe(429);
  });

  it('with TRUST_PROXY naming the balancer, the address it appended counts', async () => {
    const s = await createTestApp({ env: { TRUST_PROXY: '10.0.0.0/8' } });
    try {
      const user = await createUser(s.deps);
      const signInFrom = (client: string) =>
        s.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { 'x-forwarded-for': client },
          payload: { email: user.email, password: TEST_PASSWORD },
          remoteAddress: '10.0.0.254',
        });
      expect((await signInFrom('203.0.113.7')).statusCode).toBe(200);
      const sessions = await s.deps.db.kysely.selectFrom('sessions').select('ip').execute();
      expect(sessions.map((r) => r.ip)).toContain('203.0.113.7');
    } finally {
      await s.close();
    }
  });
});
