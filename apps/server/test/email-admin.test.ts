// The email channel's admin through the API: support addresses (one default, acknowledgement texts
// checked for placeholders, rendered in the customer's language), SUPPORT_ADDRESSES at start-up, IMAP
// mailboxes whose password is stored sealed and never sent back, "test connection" and the pollers
// against a real dovecot, and every change audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaceholderValues } from '../src/automation/placeholders.js';
import {
  DEFAULT_ACKNOWLEDGEMENT,
  ensureSupportAddresses,
  renderAcknowledgement,
  supportAddressRows,
} from '../src/channels/email/addresses.js';
import { type MailboxPolling, startMailboxPolling } from '../src/channels/email/imap-runner.js';
import { openSecret } from '../src/platform/crypto/secret-box.js';
import type { SupportAddressRow } from '../src/platform/db/types.js';
import { createTestApp, createUser, type Session, signIn, type TestApp } from './helpers.js';
import { dovecotAvailable, type ImapServer, startImapServer, warnIfDovecotMissing } from './imap-server.js';

warnIfDovecotMissing();

let t: TestApp;
let admin: Session;
let manager: Session;
let lead: Session;
let agent: Session;
let team: number;

const api = (s: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({
    method,
    url,
    headers: s?.headers ?? {},
    payload: payload as Record<string, unknown> | undefined,
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting until ${what}`);
    await sleep(50);
  }
}

const addressCount = async () => (await supportAddressRows(t.deps.db.kysely)).length;
const accountRow = (id: number) =>
  t.deps.db.kysely.selectFrom('mail_accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, (await createUser(t.deps, { role: 'admin' })).email);
  manager = await signIn(t, (await createUser(t.deps, { role: 'manager' })).email);
  lead = await signIn(t, (await createUser(t.deps, { role: 'lead' })).email);
  agent = await signIn(t, (await createUser(t.deps, { role: 'agent' })).email);
  team = (await api(admin, 'POST', '/api/v1/teams', { name: 'Customer Care' })).json().team.id;
}, 60_000);
afterAll(() => t.close());

describe('who may manage the email channel', () => {
  it('is admins only: 401 without a session, 403 for managers, leads and agents', async () => {
    const valid: Record<string, object> = {
      '/api/v1/support-addresses': { address: 'who@example.test' },
      '/api/v1/mail-accounts': { name: 'Who', host: 'imap.example.test', port: 993, username: 'u', password: 'p' },
    };
    for (const [url, payload] of Object.entries(valid)) {
      expect((await api(null, 'GET', url)).statusCode).toBe(401);
      for (const s of [manager, lead, agent]) {
        expect((await api(s, 'GET', url)).statusCode).toBe(403);
        expect((await api(s, 'POST', url, payload)).statusCode).toBe(403);
      }
      expect((await api(admin, 'GET', url)).statusCode).toBe(200);
    }
    const test = await api(manager, 'POST', '/api/v1/mail-accounts/test', {
      host: '127.0.0.1',
      port: 1,
      security: 'none',
      username: 'x',
      password: 'y',
    });
    expect(test.statusCode).toBe(403);
  });
});

describe('SUPPORT_ADDRESSES at start-up', () => {
  it('adds each missing address once, the first as the default, and leaves existing ones alone', async () => {
    const db = t.deps.db.kysely;
    const now = t.deps.clock.now();
    const added = await ensureSupportAddresses(
      db,
      [' Help@Example.test', 'sales@example.test', 'help@example.test'],
      now,
    );
    expect(added).toEqual(['help@example.test', 'sales@example.test']);
    expect(await ensureSupportAddresses(db, ['help@example.test', 'SALES@example.test'], now)).toEqual([]);
    const rows = await supportAddressRows(db);
    expect(rows.map((r) => [r.address, r.is_default])).toEqual([
      ['help@example.test', 1],
      ['sales@example.test', 0],
    ]);
    // The standard acknowledgement in both languages.
    expect(rows[0]).toMatchObject({
      ack_enabled: 1,
      ack_subject_en: DEFAULT_ACKNOWLEDGEMENT.ackSubjectEn,
      ack_body_hi: DEFAULT_ACKNOWLEDGEMENT.ackBodyHi,
    });
    // The default is deleted only as the last address.
    const help = rows[0]!.id;
    const refused = await api(admin, 'DELETE', `/api/v1/support-addresses/${help}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('support_address_default');
    expect((await api(admin, 'DELETE', `/api/v1/support-addresses/${rows[1]!.id}`)).statusCode).toBe(204);
    expect((await api(admin, 'DELETE', `/api/v1/support-addresses/${help}`)).statusCode).toBe(204);
    expect(await addressCount()).toBe(0);
    // Into an empty table, again: the first of the list is the default.
    await ensureSupportAddresses(db, ['b@example.test', 'a@example.test'], now);
    expect((await supportAddressRows(db)).filter((r) => r.is_default).map((r) => r.address)).toEqual([
      'b@example.test',
    ]);
    for (const r of (await supportAddressRows(db)).reverse()) {
      expect((await api(admin, 'DELETE', `/api/v1/support-addresses/${r.id}`)).statusCode).toBe(204);
    }
  });
});

describe('support addresses', () => {
  let first: number;

  it('stores the first address as the default, lower case, with the standard acknowledgement', async () => {
    const res = await api(admin, 'POST', '/api/v1/support-addresses', {
      address: ' Support@Shop.Example.IN ',
      name: 'Shop Support',
      teamId: team,
    });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json().supportAddress;
    first = a.id;
    expect(a).toMatchObject({
      address: 'support@shop.example.in',
      name: 'Shop Support',
      teamId: team,
      isDefault: true,
      ackEnabled: true,
      ackSubjectEn: 'We have received your request [#{{ticket.number}}]',
    });
    expect(a.ackBodyEn).toContain('reply to this email');
    expect(a.ackSubjectHi).toMatch(/[\u0900-\u097F]/);
    expect(a.ackBodyHi).toContain('उत्तर');
    const list = await api(admin, 'GET', '/api/v1/support-addresses');
    expect(list.json().items).toEqual([a]);
    expect(list.json().placeholders).toContain('ticket.number');
    expect((await api(admin, 'GET', `/api/v1/support-addresses/${a.id}`)).json().supportAddress).toEqual(a);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await addressCount();
    const cases: [object, string, string][] = [
      [{ address: 'not an address' }, 'address', 'email address'],
      [{ address: 'Shop <shop@example.in>' }, 'address', 'email address'],
      [{ address: 'x@example.in', teamId: 99_999 }, 'teamId', 'team'],
      [{ address: 'x@example.in', ackBodyHi: 'नमस्ते {{customer.name}}' }, 'ackBodyHi', 'placeholder'],
      [{ address: 'x@example.in', ackSubjectEn: 'Re {{ ticket.nummer }}' }, 'ackSubjectEn', 'placeholder'],
      [
        { address: 'x@example.in', ackSubjectEn: '', ackBodyEn: '', ackSubjectHi: '', ackBodyHi: '' },
        'ackSubjectEn',
        'at least one language',
      ],
      [
        { address: 'x@example.in', ackSubjectEn: 'Got it', ackBodyEn: ' ', ackSubjectHi: 'मिला', ackBodyHi: '' },
        'ackBodyEn',
        'at least one language',
      ],
      [{ address: 'x@example.in', isDefault: 'yes' }, 'isDefault', ''],
    ];
    for (const [payload, field, words] of cases) {
      const res = await api(admin, 'POST', '/api/v1/support-addresses', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const fields = res.json().error.details.fields;
      expect(Object.keys(fields), JSON.stringify(fields)).toContain(field);
      expect(fields[field]).toContain(words);
    }
    const unknown = await api(admin, 'POST', '/api/v1/support-addresses', {
      address: 'x@example.in',
      ackBodyHi: 'नमस्ते {{customer.name}}',
    });
    expect(unknown.json().error.details.placeholders).toEqual({ ackBodyHi: ['customer.name'] });
    expect(unknown.json().error.details.allowed).toContain('requester.first_name');
    // In Hindi for an admin who reads Hindi, the field's message too.
    const hindiAdmin = await signIn(t, (await createUser(t.deps, { role: 'admin', locale: 'hi' })).email);
    const hi = await api(hindiAdmin, 'POST', '/api/v1/support-addresses', {
      address: 'x@example.in',
      ackBodyEn: '{{foo}}',
    });
    expect(hi.json().error.details.fields.ackBodyEn).toContain('प्लेसहोल्डर');
    expect(await addressCount()).toBe(before);
    // Switched off, the texts may be empty.
    const off = await api(admin, 'POST', '/api/v1/support-addresses', {
      address: 'noreply-ack@example.in',
      ackEnabled: false,
      ackSubjectEn: '',
      ackBodyEn: '',
      ackSubjectHi: '',
      ackBodyHi: '',
    });
    expect(off.statusCode, off.body).toBe(201);
    expect(off.json().supportAddress).toMatchObject({ isDefault: false, ackEnabled: false, ackBodyEn: '' });
    // ...but not switched on again while empty.
    const on = await api(admin, 'PATCH', `/api/v1/support-addresses/${off.json().supportAddress.id}`, {
      ackEnabled: true,
    });
    expect(on.statusCode).toBe(400);
    expect(Object.keys(on.json().error.details.fields)).toEqual(['ackSubjectEn']);
    expect((await api(admin, 'DELETE', `/api/v1/support-addresses/${off.json().supportAddress.id}`)).statusCode).toBe(
      204,
    );
  });

  it('keeps addresses unique ignoring case', async () => {
    const res = await api(admin, 'POST', '/api/v1/support-addresses', { address: 'SUPPORT@shop.example.in' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('support_address_taken');
    const other = await api(admin, 'POST', '/api/v1/support-addresses', { address: 'returns@shop.example.in' });
    const patch = await api(admin, 'PATCH', `/api/v1/support-addresses/${other.json().supportAddress.id}`, {
      address: 'Support@Shop.example.in',
    });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().error.code).toBe('support_address_taken');
    expect((await api(admin, 'GET', '/api/v1/support-addresses/99999')).json().error.code).toBe(
      'support_address_not_found',
    );
  });

  it('keeps exactly one default: setting one unsets the others, switching it off is refused', async () => {
    const billing = await api(admin, 'POST', '/api/v1/support-addresses', {
      address: 'billing@shop.example.in',
      isDefault: true,
    });
    expect(billing.json().supportAddress.isDefault).toBe(true);
    const defaults = async () =>
      ((await api(admin, 'GET', '/api/v1/support-addresses')).json().items as { address: string; isDefault: boolean }[])
        .filter((a) => a.isDefault)
        .map((a) => a.address);
    expect(await defaults()).toEqual(['billing@shop.example.in']);
    const back = await api(admin, 'PATCH', `/api/v1/support-addresses/${first}`, { isDefault: true });
    expect(back.json().supportAddress.isDefault).toBe(true);
    expect(await defaults()).toEqual(['support@shop.example.in']);
    const off = await api(admin, 'PATCH', `/api/v1/support-addresses/${first}`, { isDefault: false });
    expect(off.statusCode).toBe(400);
    expect(off.json().error.details.fields.isDefault).toContain('default');
    // Not the default: switching it "off" is a no-op.
    const b = billing.json().supportAddress.id;
    expect((await api(admin, 'PATCH', `/api/v1/support-addresses/${b}`, { isDefault: false })).statusCode).toBe(200);
    const del = await api(admin, 'DELETE', `/api/v1/support-addresses/${first}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('support_address_default');
    expect((await api(admin, 'DELETE', `/api/v1/support-addresses/${b}`)).statusCode).toBe(204);
  });

  it('changes the acknowledgement and the team, and audits every change', async () => {
    const res = await api(admin, 'PATCH', `/api/v1/support-addresses/${first}`, {
      teamId: null,
      ackSubjectHi: 'अनुरोध मिला [#{{ticket.number}}]',
      ackBodyHi: 'नमस्ते {{requester.name}}, टिकट {{ticket.number}} ({{ticket.status}})',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().supportAddress).toMatchObject({ teamId: null, ackSubjectHi: 'अनुरोध मिला [#{{ticket.number}}]' });
    const audit = await api(admin, 'GET', '/api/v1/audit-log?entityType=support_address');
    const entries = audit.json().items as { action: string; entityId: string; before: object; after: object }[];
    expect(new Set(entries.map((e) => e.action))).toEqual(
      new Set(['support_address.created', 'support_address.updated', 'support_address.deleted']),
    );
    const last = entries.find((e) => e.action === 'support_address.updated' && e.entityId === String(first))!;
    expect(last.before).toMatchObject({ teamId: team });
    expect(last.after).toMatchObject({ teamId: null, address: 'support@shop.example.in' });
  });
});

describe('the acknowledgement', () => {
  const values: PlaceholderValues = {
    ticket: { number: 1042, subject: 'Parcel\nnot delivered', status: 'new', priority: 'normal', type: 'question' },
    requester: { name: 'Ritu Sharma', email: 'ritu@example.in' },
    organisation: null,
    agent: { name: '', email: '' },
    team: { name: 'Customer Care' },
  };
  const row = (over: Partial<SupportAddressRow>): SupportAddressRow => ({
    id: 1,
    address: 'support@example.in',
    name: '',
    team_id: null,
    is_default: 1,
    ack_enabled: 1,
    ack_subject_en: 'Received [#{{ticket.number}}] {{ticket.subject}}',
    ack_body_en: 'Hello {{requester.first_name}}, your ticket is {{ticket.status}}.',
    ack_subject_hi: 'मिल गया [#{{ticket.number}}]',
    ack_body_hi: 'नमस्ते {{requester.first_name}}, आपका टिकट {{ticket.status}} है।',
    created_at: 0,
    updated_at: 0,
    ...over,
  });

  it('is rendered in the customer’s language with the placeholders filled in', () => {
    expect(renderAcknowledgement(row({}), values, 'en')).toEqual({
      subject: 'Received [#1042] Parcel not delivered',
      text: 'Hello Ritu, your ticket is new.',
    });
    expect(renderAcknowledgement(row({}), values, 'hi')).toEqual({
      subject: 'मिल गया [#1042]',
      text: 'नमस्ते Ritu, आपका टिकट नया है।',
    });
  });

  it('falls back to the other language, and is null when switched off or empty', () => {
    expect(renderAcknowledgement(row({ ack_body_hi: '' }), values, 'hi')?.text).toBe('Hello Ritu, your ticket is new.');
    expect(renderAcknowledgement(row({ ack_subject_en: ' ' }), values, 'en')?.text).toBe('नमस्ते Ritu, आपका टिकट नया है।');
    expect(renderAcknowledgement(row({ ack_enabled: 0 }), values, 'en')).toBeNull();
    expect(renderAcknowledgement(row({ ack_body_en: '', ack_subject_hi: '' }), values, 'en')).toBeNull();
  });

  it('renders the standard texts without leftovers', () => {
    const std = row({
      ack_subject_en: DEFAULT_ACKNOWLEDGEMENT.ackSubjectEn,
      ack_body_en: DEFAULT_ACKNOWLEDGEMENT.ackBodyEn,
      ack_subject_hi: DEFAULT_ACKNOWLEDGEMENT.ackSubjectHi,
      ack_body_hi: DEFAULT_ACKNOWLEDGEMENT.ackBodyHi,
    });
    for (const locale of ['en', 'hi'] as const) {
      const ack = renderAcknowledgement(std, values, locale)!;
      expect(ack.subject).toContain('[#1042]');
      expect(`${ack.subject}${ack.text}`).not.toContain('{{');
    }
  });
});

describe('IMAP mailboxes', () => {
  const PASSWORD = 'app-password-ग-42';
  const body = (over: object = {}) => ({
    name: 'Support inbox',
    host: 'imap.example.in',
    port: 993,
    username: 'support@example.in',
    password: PASSWORD,
    ...over,
  });
  let id: number;

  it('stores the password sealed and never sends it back', async () => {
    const res = await api(admin, 'POST', '/api/v1/mail-accounts', body({ moveTo: ' ' }));
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json().mailAccount;
    id = a.id;
    expect(a).toMatchObject({
      name: 'Support inbox',
      host: 'imap.example.in',
      port: 993,
      security: 'tls',
      mailbox: 'INBOX',
      moveTo: null,
      active: true,
      allowSelfSigned: false,
      hasPassword: true,
      lastPollAt: null,
      lastError: null,
    });
    expect(a).not.toHaveProperty('password');
    expect(a).not.toHaveProperty('passwordSealed');
    const row = await accountRow(id);
    expect(row.password_sealed).not.toContain(PASSWORD);
    expect(openSecret(row.password_sealed, t.deps.config.secretKey!)).toBe(PASSWORD);
    for (const url of ['/api/v1/mail-accounts', `/api/v1/mail-accounts/${id}`]) {
      const read = await api(admin, 'GET', url);
      expect(read.statusCode).toBe(200);
      expect(read.body).not.toContain(PASSWORD);
      expect(read.body).not.toContain(row.password_sealed);
    }
  });

  it('refuses bad settings naming the field, and writes nothing', async () => {
    const cases: [object, string, string][] = [
      [body({ name: 'x', host: 'imaps://imap.example.in' }), 'host', 'host name'],
      [body({ name: 'x', host: 'imap.example.in:993' }), 'host', 'host name'],
      [body({ name: 'x', port: 0 }), 'port', ''],
      [body({ name: 'x', port: 65_536 }), 'port', ''],
      [body({ name: 'x', security: 'ssl' }), 'security', ''],
      [body({ name: 'x', password: '' }), 'password', 'required'],
      [{ ...body({ name: 'x' }), password: undefined }, 'password', ''],
      [body({ name: ' ' }), 'name', 'required'],
    ];
    for (const [payload, field, words] of cases) {
      const res = await api(admin, 'POST', '/api/v1/mail-accounts', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const fields = res.json().error.details.fields;
      expect(Object.keys(fields), JSON.stringify(fields)).toContain(field);
      expect(fields[field]).toContain(words);
    }
    expect((await api(admin, 'GET', '/api/v1/mail-accounts')).json().items).toHaveLength(1);
    const dup = await api(admin, 'POST', '/api/v1/mail-accounts', body());
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('mail_account_name_taken');
    // IPv4 and IPv6 addresses are hosts too.
    for (const host of ['192.0.2.10', '::1']) {
      const ok = await api(admin, 'PATCH', `/api/v1/mail-accounts/${id}`, { host });
      expect(ok.statusCode, ok.body).toBe(200);
    }
  });

  it('keeps the password when a change leaves it out, and audits without it', async () => {
    const sealed = (await accountRow(id)).password_sealed;
    const res = await api(admin, 'PATCH', `/api/v1/mail-accounts/${id}`, {
      host: 'mail.example.in',
      security: 'starttls',
      port: 143,
      moveTo: 'Processed',
      active: false,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().mailAccount).toMatchObject({
      host: 'mail.example.in',
      security: 'starttls',
      moveTo: 'Processed',
      active: false,
      hasPassword: true,
    });
    expect((await accountRow(id)).password_sealed).toBe(sealed);
    await api(admin, 'PATCH', `/api/v1/mail-accounts/${id}`, { password: 'a new one' });
    const changed = (await accountRow(id)).password_sealed;
    expect(changed).not.toBe(sealed);
    expect(openSecret(changed, t.deps.config.secretKey!)).toBe('a new one');

    const audit = await api(admin, 'GET', '/api/v1/audit-log?entityType=mail_account');
    expect(audit.body).not.toContain(PASSWORD);
    expect(audit.body).not.toContain('a new one');
    const actions = (audit.json().items as { action: string; after: Record<string, unknown> | null }[]).map(
      (e) => e.action,
    );
    expect(actions).toContain('mail_account.created');
    expect(actions).toContain('mail_account.updated');
    expect((await api(admin, 'DELETE', `/api/v1/mail-accounts/${id}`)).statusCode).toBe(204);
    expect((await api(admin, 'GET', `/api/v1/mail-accounts/${id}`)).json().error.code).toBe('mail_account_not_found');
    const after = await api(admin, 'GET', '/api/v1/audit-log?entityType=mail_account&action=mail_account.deleted');
    expect(after.json().items).toHaveLength(1);
  });

  it('says why a server cannot be reached', async () => {
    const res = await api(admin, 'POST', '/api/v1/mail-accounts/test', {
      host: '127.0.0.1',
      port: 1,
      security: 'none',
      username: 'x',
      password: 'y',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().ok).toBe(false);
    expect(res.json().error).toMatch(/ECONNREFUSED/);
  });
});

describe.skipIf(!dovecotAvailable)('IMAP mailboxes against dovecot', () => {
  let server: ImapServer;
  let polling: MailboxPolling | null = null;
  const settings = () => ({
    host: server.host,
    port: server.port,
    security: 'none',
    username: server.user,
    password: server.password,
  });

  beforeAll(async () => {
    server = await startImapServer();
  }, 30_000);
  afterAll(async () => {
    await polling?.stop();
    await server?.stop();
  });

  it('tests settings before saving: the folders found, or what failed', async () => {
    const ok = await api(admin, 'POST', '/api/v1/mail-accounts/test', settings());
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ ok: true, mailboxes: expect.arrayContaining(['INBOX']) });
    const wrong = await api(admin, 'POST', '/api/v1/mail-accounts/test', { ...settings(), password: 'wrong' });
    expect(wrong.json()).toMatchObject({ ok: false, error: expect.stringMatching(/authentication failed/i) });
  });

  it('tests a saved mailbox with its stored password, and with unsaved changes', async () => {
    const created = await api(admin, 'POST', '/api/v1/mail-accounts', {
      ...settings(),
      name: 'Dovecot',
      active: false,
    });
    expect(created.statusCode, created.body).toBe(201);
    const url = `/api/v1/mail-accounts/${created.json().mailAccount.id}/test`;
    expect((await api(admin, 'POST', url, {})).json()).toMatchObject({ ok: true });
    expect((await api(admin, 'POST', url, { password: 'wrong' })).json()).toMatchObject({ ok: false });
    expect((await api(admin, 'POST', url, { port: 1 })).json()).toMatchObject({ ok: false });
    expect((await api(admin, 'POST', '/api/v1/mail-accounts/99999/test', {})).statusCode).toBe(404);
    await api(admin, 'DELETE', `/api/v1/mail-accounts/${created.json().mailAccount.id}`);
  });

  it('accepts a self-signed certificate only for a mailbox set to, in a test and when saved', async () => {
    const tls = await startImapServer({ tls: true });
    try {
      const over = { ...settings(), host: tls.host, port: tls.tlsPort!, security: 'tls', password: tls.password };
      const refused = await api(admin, 'POST', '/api/v1/mail-accounts/test', over);
      expect(refused.json()).toMatchObject({ ok: false, error: expect.stringMatching(/self[- ]signed certificate/i) });
      const allowed = await api(admin, 'POST', '/api/v1/mail-accounts/test', { ...over, allowSelfSigned: true });
      expect(allowed.json(), allowed.body).toMatchObject({ ok: true });

      const created = await api(admin, 'POST', '/api/v1/mail-accounts', { ...over, name: 'Own server', active: false });
      expect(created.statusCode, created.body).toBe(201);
      const account = created.json().mailAccount;
      expect(account.allowSelfSigned).toBe(false);
      const url = `/api/v1/mail-accounts/${account.id}`;
      expect((await api(admin, 'POST', `${url}/test`, {})).json()).toMatchObject({ ok: false });
      // The form's unsaved switch is tested with the stored password; then saved, and audited.
      expect((await api(admin, 'POST', `${url}/test`, { allowSelfSigned: true })).json()).toMatchObject({ ok: true });
      const changed = await api(admin, 'PATCH', url, { allowSelfSigned: true });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json().mailAccount.allowSelfSigned).toBe(true);
      expect((await accountRow(account.id)).allow_self_signed).toBe(1);
      expect((await api(admin, 'POST', `${url}/test`, {})).json()).toMatchObject({ ok: true });
      const audit = await t.deps.db.kysely
        .selectFrom('audit_log')
        .select(['before_json', 'after_json'])
        .where('entity_type', '=', 'mail_account')
        .where('entity_id', '=', String(account.id))
        .where('action', '=', 'mail_account.updated')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(String(audit.before_json)).allowSelfSigned).toBe(false);
      expect(JSON.parse(String(audit.after_json)).allowSelfSigned).toBe(true);
      expect((await api(admin, 'PATCH', url, { allowSelfSigned: 'yes' })).statusCode).toBe(400);
      await api(admin, 'DELETE', url);
    } finally {
      await tls.stop();
    }
  });

  it('polls each active mailbox into the ingest, writes its status, and restarts after a change', async () => {
    const got: { subject: string; accountId: number }[] = [];
    const good = (
      await api(admin, 'POST', '/api/v1/mail-accounts', { ...settings(), name: 'Good', moveTo: 'Done' })
    ).json().mailAccount.id as number;
    const bad = (
      await api(admin, 'POST', '/api/v1/mail-accounts', { ...settings(), name: 'Bad', password: 'wrong password' })
    ).json().mailAccount.id as number;
    const idle = (
      await api(admin, 'POST', '/api/v1/mail-accounts', { ...settings(), name: 'Off', active: false })
    ).json().mailAccount.id as number;
    await server.deliver(
      [
        'From: Ritu <ritu@example.in>',
        'To: support@shop.example.in',
        'Subject: Parcel not delivered',
        'Message-ID: <poll-1@example.in>',
        '',
        'Where is my parcel?',
        '',
      ].join('\r\n'),
    );
    polling = startMailboxPolling(
      t.deps,
      async (raw, meta) => {
        got.push({ subject: /^Subject: (.*)$/m.exec(raw.toString())?.[1]?.trim() ?? '?', accountId: meta.accountId });
      },
      { statusIntervalMs: 100, reconnectMinMs: 200 },
    );
    await until('the mail is ingested', () => got.length > 0);
    expect(got).toEqual([{ subject: 'Parcel not delivered', accountId: good }]);
    await until('the good mailbox records its poll', async () => (await accountRow(good)).last_poll_at !== null);
    expect((await accountRow(good)).last_error).toBeNull();
    expect(await server.count('Done')).toBe(1);
    await until('the bad mailbox records its problem', async () => (await accountRow(bad)).last_error !== null);
    expect((await accountRow(bad)).last_error).toMatch(/authentication failed/i);
    expect((await accountRow(idle)).last_poll_at).toBeNull();
    const listed = (await api(admin, 'GET', '/api/v1/mail-accounts')).json().items as {
      name: string;
      lastPollAt: string | null;
      lastError: string | null;
    }[];
    expect(listed.find((a) => a.name === 'Good')!.lastPollAt).not.toBeNull();
    expect(listed.find((a) => a.name === 'Bad')!.lastError).toMatch(/authentication/);

    // The right password: the pollers restart and the problem clears once a poll succeeds.
    const fixed = await api(admin, 'PATCH', `/api/v1/mail-accounts/${bad}`, { password: server.password });
    expect(fixed.json().mailAccount.lastError).toBeNull();
    await until('the fixed mailbox polls', async () => (await accountRow(bad)).last_poll_at !== null);
    expect((await accountRow(bad)).last_error).toBeNull();
    // A deleted mailbox stops; the rest go on.
    expect((await api(admin, 'DELETE', `/api/v1/mail-accounts/${good}`)).statusCode).toBe(204);
    await polling.reload();
    await server.deliver('From: a@example.in\r\nSubject: Second\r\nMessage-ID: <poll-2@example.in>\r\n\r\nHi\r\n');
    await until('the second mail is ingested', () => got.length > 1);
    expect(got[1]).toEqual({ subject: 'Second', accountId: bad });
    await polling.stop();
    polling = null;
  }, 60_000);
});
