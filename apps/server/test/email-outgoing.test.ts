// The outgoing SMTP server an admin sets, against a real SMTP server that asks for a password: only
// admins see and change it, the password is stored sealed and never shown, all mail goes through it
// at once (no restart), a test mail reports the server's own answer for saved or unsaved settings,
// and clearing it goes back to the outbox; every change is audited.
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSecret } from '../src/platform/crypto/secret-box.js';
import { readStoredOutgoing } from '../src/platform/mail/outgoing-settings.js';
import { createTestApp, createUser, readOutbox, type Session, signIn, type TestApp } from './helpers.js';

let t: TestApp;
let admin: Session;
let manager: Session;
let smtp: SMTPServer;
let port = 0;
const received: { mail: ParsedMail; user: string | undefined }[] = [];

const api = (s: Session | null, method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: s?.headers ?? {}, payload: payload as Record<string, unknown> | undefined });
const settings = (over: object = {}) => ({
  host: '127.0.0.1',
  port,
  security: 'none',
  username: 'mailer',
  password: 'mail-secret-1',
  from: 'Acme Support <help@acme.example>',
  ...over,
});

beforeAll(async () => {
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'mailer' && auth.password === 'mail-secret-1') cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ mail, user: session.user as string | undefined });
          cb();
        })
        .catch(cb);
    },
  });
  port = await new Promise<number>((resolve) =>
    smtp.listen(0, '127.0.0.1', () => resolve((smtp.server.address() as { port: number }).port)),
  );
  t = await createTestApp();
  admin = await signIn(t, (await createUser(t.deps, { role: 'admin' })).email);
  manager = await signIn(t, (await createUser(t.deps, { role: 'manager' })).email);
}, 60_000);
afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()));
  await t.close();
});

describe('outgoing mail settings', () => {
  it('are for admins only, and start from the environment (here: the outbox)', async () => {
    expect((await api(null, 'GET', '/api/v1/mail-settings')).statusCode).toBe(401);
    expect((await api(manager, 'GET', '/api/v1/mail-settings')).statusCode).toBe(403);
    expect((await api(manager, 'PUT', '/api/v1/mail-settings', settings())).statusCode).toBe(403);
    expect((await api(admin, 'GET', '/api/v1/mail-settings')).json()).toEqual({ source: 'outbox', smtp: null });
  });

  it('refuse bad settings naming the field', async () => {
    const cases: [object, string][] = [
      [settings({ host: 'smtp://mail.example.com' }), 'host'],
      [settings({ port: 0 }), 'port'],
      [settings({ security: 'ssl' }), 'security'],
      [settings({ from: 'not an address' }), 'from'],
      [settings({ password: undefined }), 'password'],
    ];
    for (const [payload, field] of cases) {
      const res = await api(admin, 'PUT', '/api/v1/mail-settings', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(Object.keys(res.json().error.details.fields)).toContain(field);
    }
    expect(await readStoredOutgoing(t.deps.db.kysely)).toBeNull();
  });

  it('send all mail through the admin’s server at once, password sealed and never shown', async () => {
    const res = await api(admin, 'PUT', '/api/v1/mail-settings', settings());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      source: 'admin',
      smtp: {
        host: '127.0.0.1',
        port,
        security: 'none',
        username: 'mailer',
        hasPassword: true,
        from: 'Acme Support <help@acme.example>',
      },
    });
    expect(res.body).not.toContain('mail-secret-1');
    const stored = (await readStoredOutgoing(t.deps.db.kysely))!;
    expect(stored.passwordSealed).not.toContain('mail-secret-1');
    expect(openSecret(stored.passwordSealed!, t.deps.config.secretKey!)).toBe('mail-secret-1');

    await t.deps.mail.send({ to: 'customer@example.in', subject: 'Through the admin server', text: 'Hello' });
    const got = received.find((r) => r.mail.subject === 'Through the admin server')!;
    expect(got.user).toBe('mailer');
    expect(got.mail.from?.text).toBe('"Acme Support" <help@acme.example>');

    // A change without a password keeps the stored one.
    const moved = await api(
      admin,
      'PUT',
      '/api/v1/mail-settings',
      settings({ password: undefined, from: 'help@acme.example' }),
    );
    expect(moved.statusCode, moved.body).toBe(200);
    await t.deps.mail.send({ to: 'customer@example.in', subject: 'Still signed in', text: 'Hello' });
    expect(received.find((r) => r.mail.subject === 'Still signed in')?.user).toBe('mailer');
  });

  it('send a test mail with the saved or the unsaved settings, saying what failed', async () => {
    const saved = await api(admin, 'POST', '/api/v1/mail-settings/test', { to: 'admin@example.in' });
    expect(saved.json()).toEqual({ ok: true });
    expect(received.some((r) => r.mail.subject === 'Sahayak: test mail')).toBe(true);
    const wrongPassword = await api(admin, 'POST', '/api/v1/mail-settings/test', {
      to: 'admin@example.in',
      smtp: settings({ password: 'wrong' }),
    });
    expect(wrongPassword.json()).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Invalid username or password/),
    });
    const closed = await api(admin, 'POST', '/api/v1/mail-settings/test', {
      to: 'admin@example.in',
      smtp: settings({ port: 1 }),
    });
    expect(closed.json()).toMatchObject({ ok: false, error: expect.stringMatching(/ECONNREFUSED/) });
    // The form without a password uses the stored one.
    const stored = await api(admin, 'POST', '/api/v1/mail-settings/test', {
      to: 'admin@example.in',
      smtp: settings({ password: undefined }),
    });
    expect(stored.json()).toEqual({ ok: true });
    expect((await api(admin, 'POST', '/api/v1/mail-settings/test', { to: 'nobody' })).statusCode).toBe(400);
  });

  it('go back to the environment when cleared, and are audited', async () => {
    const res = await api(admin, 'DELETE', '/api/v1/mail-settings');
    expect(res.json()).toEqual({ source: 'outbox', smtp: null });
    await t.deps.mail.send({ to: 'customer@example.in', subject: 'Back to the outbox', text: 'Hello' });
    expect((await readOutbox(t.dataDir)).some((m) => m.subject === 'Back to the outbox')).toBe(true);
    expect(received.some((r) => r.mail.subject === 'Back to the outbox')).toBe(false);
    const audit = await t.deps.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('entity_type', '=', 'mail_outgoing')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'mail_outgoing.updated',
      'mail_outgoing.updated',
      'mail_outgoing.cleared',
    ]);
    expect(audit.map((a) => a.after_json ?? '').join(' ')).not.toContain('mail-secret-1');
  });
});
