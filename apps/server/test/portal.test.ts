// The customer portal and the contact form over HTTP: sign-in by a mailed single-use link (never
// telling whether an address is known, throttled), the portal's own session cookie and CSRF token,
// strict isolation (another customer's ticket is a 404; an organisation's tickets only when it shares
// them; a copied customer sees the ticket), only the public conversation, new requests and answers
// with files through customerCommand, the contact form's honeypot and rate limit, and that staff and
// portal sessions never stand in for each other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, readOutbox, type Session, signIn, type TestApp } from './helpers.js';

let t: TestApp;
let admin: Session;
let n = 0;
const unique = () => `${Date.now().toString(36)}${++n}`;

interface Portal {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
  customerId: number;
}

const db = () => t.deps.db.kysely;

async function mailsTo(address: string) {
  await t.deps.jobs.drain();
  return (await readOutbox(t.dataDir)).filter((m) => m.to.includes(address));
}
const portalToken = (text: string) => /\/portal\/verify\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];

async function customer(
  overrides: { email?: string; name?: string; locale?: 'en' | 'hi'; organisationId?: number } = {},
) {
  const now = t.deps.clock.now();
  const email = overrides.email ?? `c${unique()}@customer.example`;
  const row = await db()
    .insertInto('customers')
    .values({
      name: overrides.name ?? 'Asha Rao',
      email,
      phone: null,
      organisation_id: overrides.organisationId ?? null,
      locale: overrides.locale ?? 'en',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, email };
}

async function organisation(shares: boolean) {
  const now = t.deps.clock.now();
  const row = await db()
    .insertInto('organisations')
    .values({
      name: `Org ${unique()}`,
      domain: null,
      tier: null,
      portal_shares_tickets: shares ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A ticket opened by staff for this requester (with the customer's organisation). */
async function staffTicket(requesterId: number, subject = `Order ${unique()}`) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: admin.headers,
    payload: { subject, requester: { id: requesterId }, message: { html: '<p>My parcel is late.</p>' } },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().ticket.number as number;
}

async function staffMessage(number: number, kind: 'reply' | 'note', html: string, status?: string) {
  const version = (await t.app.inject({ url: `/api/v1/tickets/${number}`, headers: admin.headers })).json().ticket
    .version as number;
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${number}/messages`,
    headers: admin.headers,
    payload: { version, kind, html, ...(status ? { status } : {}) },
  });
  expect(res.statusCode, res.body).toBe(201);
}

async function signInPortal(email: string): Promise<Portal> {
  const asked = await t.app.inject({ method: 'POST', url: '/api/v1/portal/sign-in', payload: { email } });
  expect(asked.statusCode).toBe(202);
  const mail = (await mailsTo(email)).at(-1);
  const token = portalToken(mail?.text ?? '');
  expect(token, 'a sign-in link was mailed').toBeTruthy();
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/portal/verify', payload: { token } });
  expect(res.statusCode, res.body).toBe(200);
  const c = res.cookies.find((x) => x.name === 'sahayak_portal')!;
  const cookie = `sahayak_portal=${c.value}`;
  const body = res.json() as { csrfToken: string; customer: { id: number } };
  return {
    cookie,
    csrf: body.csrfToken,
    headers: { cookie, 'x-csrf-token': body.csrfToken },
    customerId: body.customer.id,
  };
}

function multipart(fields: Record<string, string>, files: { name: string; type: string; data: Buffer }[]) {
  const boundary = `----portal${unique()}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const list = async (p: Portal) =>
  (await t.app.inject({ url: '/api/v1/portal/tickets', headers: { cookie: p.cookie } })).json().items as {
    number: number;
    status: string;
    relation: string;
  }[];

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, (await createUser(t.deps, { role: 'admin' })).email);
  const now = t.deps.clock.now();
  await db()
    .insertInto('support_addresses')
    .values({
      address: 'help@acme.example',
      name: 'Acme Support',
      team_id: null,
      is_default: 1,
      ack_enabled: 1,
      ack_subject_en: 'We received your request: {{ticket.subject}}',
      ack_body_en: 'Hello {{requester.first_name}}, your request number is {{ticket.number}}.',
      ack_subject_hi: 'आपका अनुरोध मिल गया: {{ticket.subject}}',
      ack_body_hi: 'नमस्ते {{requester.first_name}}, आपके अनुरोध की संख्या {{ticket.number}} है।',
      created_at: now,
      updated_at: now,
    })
    .execute();
}, 60_000);
afterAll(() => t.close());

describe('portal sign-in', () => {
  it('answers 202 alike for a known and an unknown address, and mails only the known one', async () => {
    const known = await customer();
    const unknown = `nobody${unique()}@customer.example`;
    const a = await t.app.inject({ method: 'POST', url: '/api/v1/portal/sign-in', payload: { email: known.email } });
    const b = await t.app.inject({ method: 'POST', url: '/api/v1/portal/sign-in', payload: { email: unknown } });
    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    expect(a.body).toBe(b.body);
    const [mail] = await mailsTo(known.email);
    expect(mail!.subject).toBe('Your sign-in link for Sahayak support');
    expect(mail!.text).toContain(`${t.deps.config.publicUrl}/portal/verify?token=`);
    expect(await mailsTo(unknown)).toEqual([]);
    // Only the hash of the secret is stored.
    const stored = await db()
      .selectFrom('customer_magic_links')
      .selectAll()
      .where('customer_id', '=', known.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(mail!.text).not.toContain(stored[0]!.token_hash);
  });

  it('refuses a bad email with 400 naming the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/sign-in',
      payload: { email: 'not-an-email' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields.email).toBeTruthy();
  });

  it('writes the link mail in Hindi for a Hindi customer, or in the language of the page', async () => {
    const hi = await customer({ locale: 'hi', name: 'आशा राव' });
    await t.app.inject({ method: 'POST', url: '/api/v1/portal/sign-in', payload: { email: hi.email } });
    const [mail] = await mailsTo(hi.email);
    expect(mail!.subject).toBe('Sahayak सहायता के लिए आपका साइन-इन लिंक');
    expect(mail!.text).toContain('नमस्ते आशा राव');
    const en = await customer();
    await t.app.inject({ method: 'POST', url: '/api/v1/portal/sign-in', payload: { email: en.email, locale: 'hi' } });
    expect((await mailsTo(en.email))[0]!.subject).toContain('साइन-इन लिंक');
  });

  it('a link works once, sets an httpOnly SameSite=Lax cookie of 30 days, and the session reads /me', async () => {
    const c = await customer();
    await t.app.inject({ method: 'POST', url: '/api/v1/portal/sign-in', payload: { email: c.email } });
    const token = portalToken((await mailsTo(c.email))[0]!.text)!;
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/portal/verify', payload: { token } });
    expect(ok.statusCode).toBe(200);
    const cookie = ok.cookies.find((x) => x.name === 'sahayak_portal')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/portal', maxAge: 30 * 86_400 });
    expect(ok.cookies.find((x) => x.name === 'sahayak_session')).toBeUndefined();
    const me = await t.app.inject({ url: '/api/v1/portal/me', headers: { cookie: `sahayak_portal=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ customer: { id: c.id, email: c.email, organisation: null } });
    expect(me.json().csrfToken).toBe(ok.json().csrfToken);

    const again = await t.app.inject({ method: 'POST', url: '/api/v1/portal/verify', payload: { token } });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('portal_link_invalid');
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/verify',
      payload: { token: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    });
    expect(unknown.json().error.code).toBe('portal_link_invalid');
  });

  it('a link expires after 15 minutes', async () => {
    const c = await customer();
    await t.app.inject({ method: 'POST', url: '/api/v1/portal/sign-in', payload: { email: c.email } });
    const token = portalToken((await mailsTo(c.email))[0]!.text)!;
    t.clock.advance(15 * 60_000 + 1);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/portal/verify', payload: { token } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('portal_link_invalid');
  });

  it('a session ends after 30 days and at sign-out', async () => {
    const c = await customer();
    const p = await signInPortal(c.email);
    t.clock.advance(29 * 86_400_000);
    expect((await t.app.inject({ url: '/api/v1/portal/me', headers: { cookie: p.cookie } })).statusCode).toBe(200);
    t.clock.advance(86_400_000);
    const late = await t.app.inject({ url: '/api/v1/portal/me', headers: { cookie: p.cookie } });
    expect(late.statusCode).toBe(401);
    expect(late.json().error.code).toBe('session_expired');

    const q = await signInPortal(c.email);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/sign-out',
      headers: { cookie: q.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/portal/sign-out', headers: q.headers });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/portal/me', headers: { cookie: q.cookie } })).statusCode).toBe(401);
    // A month passed for the staff session too.
    admin = await signIn(t, (await createUser(t.deps, { role: 'admin' })).email);
  });

  it('throttles link requests per address (and counts unknown addresses alike) with 429 and Retry-After', async () => {
    const c = await customer();
    const ask = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/portal/sign-in',
        payload: { email: c.email },
        remoteAddress: `10.9.${n % 200}.${++n % 200}`,
      });
    for (let i = 0; i < 5; i++) expect((await ask()).statusCode).toBe(202);
    const refused = await ask();
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('too_many_requests');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await mailsTo(c.email)).toHaveLength(5);
  });

  it('throttles link requests per IP', async () => {
    const ip = '10.77.0.1';
    let last = 0;
    for (let i = 0; i < 21; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/portal/sign-in',
        payload: { email: `probe${unique()}@customer.example` },
        remoteAddress: ip,
      });
      last = res.statusCode;
      if (i < 20) expect(res.statusCode).toBe(202);
    }
    expect(last).toBe(429);
  });

  it('the customer changes their language', async () => {
    const c = await customer();
    const p = await signInPortal(c.email);
    const noCsrf = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/portal/me',
      headers: { cookie: p.cookie },
      payload: { locale: 'hi' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf_failed');
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/portal/me',
      headers: p.headers,
      payload: { locale: 'hi' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().customer.locale).toBe('hi');
    const bad = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/portal/me',
      headers: p.headers,
      payload: { locale: 'fr' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.locale).toBeTruthy();
    // Errors now come in the customer's language.
    const missing = await t.app.inject({ url: '/api/v1/portal/tickets/999999', headers: { cookie: p.cookie } });
    expect(missing.json().error.message).toMatch(/[\u0900-\u097F]/);
  });
});

describe('staff and portal sessions stay apart', () => {
  it('a staff session opens no portal route, and a portal session no staff route', async () => {
    const staffOnly = await t.app.inject({ url: '/api/v1/portal/me', headers: admin.headers });
    expect(staffOnly.statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/portal/tickets', headers: { cookie: admin.cookie } })).statusCode).toBe(
      401,
    );
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/tickets',
      headers: admin.headers,
      payload: { subject: 'x', text: 'y' },
    });
    expect(write.statusCode).toBe(401);

    const c = await customer();
    const p = await signInPortal(c.email);
    for (const url of ['/api/v1/auth/me', '/api/v1/tickets', '/api/v1/customers', `/api/v1/customers/${c.id}`]) {
      const res = await t.app.inject({ url, headers: p.headers });
      expect(res.statusCode, url).toBe(401);
    }
    const post = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: p.headers,
      payload: { subject: 'x', requester: { id: c.id }, message: { html: '<p>x</p>' } },
    });
    expect(post.statusCode).toBe(401);
    // The portal's CSRF token is not the staff one, nor the other way round.
    const mixed = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/portal/me',
      headers: { cookie: p.cookie, 'x-csrf-token': admin.csrf },
      payload: { locale: 'en' },
    });
    expect(mixed.statusCode).toBe(403);
  });

  it('anonymous calls to the portal routes are 401', async () => {
    for (const url of [
      '/api/v1/portal/me',
      '/api/v1/portal/tickets',
      '/api/v1/portal/tickets/1',
      '/api/v1/portal/attachments/1',
    ]) {
      expect((await t.app.inject({ url })).statusCode, url).toBe(401);
    }
  });
});

describe('portal tickets', () => {
  it('a customer sees their own tickets and never another customer’s (404, not 403)', async () => {
    const a = await customer();
    const b = await customer();
    const mine = await staffTicket(a.id, 'Mine');
    const theirs = await staffTicket(b.id, 'Theirs');
    const pa = await signInPortal(a.email);
    expect((await list(pa)).map((x) => x.number)).toEqual([mine]);
    const own = await t.app.inject({ url: `/api/v1/portal/tickets/${mine}`, headers: { cookie: pa.cookie } });
    expect(own.statusCode).toBe(200);
    expect(own.json().ticket).toMatchObject({ number: mine, subject: 'Mine', status: 'open', relation: 'requester' });
    const other = await t.app.inject({ url: `/api/v1/portal/tickets/${theirs}`, headers: { cookie: pa.cookie } });
    const none = await t.app.inject({ url: '/api/v1/portal/tickets/987654', headers: { cookie: pa.cookie } });
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual(none.json());
    const answer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/portal/tickets/${theirs}/messages`,
      headers: pa.headers,
      payload: { text: 'sneaky' },
    });
    expect(answer.statusCode).toBe(404);
  });

  it('shows an organisation’s tickets to its customers only while the organisation shares them', async () => {
    const org = await organisation(false);
    const a = await customer({ organisationId: org });
    const b = await customer({ organisationId: org });
    const ofB = await staffTicket(b.id, 'Colleague');
    const pa = await signInPortal(a.email);
    expect((await list(pa)).map((x) => x.number)).not.toContain(ofB);
    expect(
      (await t.app.inject({ url: `/api/v1/portal/tickets/${ofB}`, headers: { cookie: pa.cookie } })).statusCode,
    ).toBe(404);

    const on = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organisations/${org}`,
      headers: admin.headers,
      payload: { portalSharesTickets: true },
    });
    expect(on.json().organisation.portalSharesTickets).toBe(true);
    const shared = await list(pa);
    expect(shared.find((x) => x.number === ofB)).toMatchObject({ relation: 'organisation' });
    const detail = await t.app.inject({ url: `/api/v1/portal/tickets/${ofB}`, headers: { cookie: pa.cookie } });
    expect(detail.json().ticket).toMatchObject({ relation: 'organisation', requesterName: 'Asha Rao' });
    expect(
      (await t.app.inject({ url: '/api/v1/portal/me', headers: { cookie: pa.cookie } })).json().customer.organisation,
    ).toMatchObject({ id: org, sharesTickets: true });

    // Another organisation's tickets stay out of sight.
    const outsider = await customer({ organisationId: await organisation(true) });
    const po = await signInPortal(outsider.email);
    expect((await list(po)).map((x) => x.number)).not.toContain(ofB);
  });

  it('a customer copied on a ticket sees it', async () => {
    const a = await customer();
    const cc = await customer();
    const number = await staffTicket(a.id);
    const id = (await db().selectFrom('tickets').select('id').where('number', '=', number).executeTakeFirstOrThrow())
      .id;
    await db()
      .insertInto('ticket_cc')
      .values({ ticket_id: id, customer_id: cc.id, created_at: t.deps.clock.now() })
      .execute();
    const p = await signInPortal(cc.email);
    expect(await list(p)).toEqual([expect.objectContaining({ number, relation: 'cc' })]);
    expect(
      (await t.app.inject({ url: `/api/v1/portal/tickets/${number}`, headers: { cookie: p.cookie } })).statusCode,
    ).toBe(200);
  });

  it('shows only the public conversation: never notes, system messages, assignee, tags or fields', async () => {
    const a = await customer();
    const number = await staffTicket(a.id);
    await staffMessage(number, 'note', '<p>INTERNAL: customer is a known fraud risk</p>');
    await staffMessage(number, 'reply', '<p>We are on it.</p>', 'pending');
    const p = await signInPortal(a.email);
    const res = await t.app.inject({ url: `/api/v1/portal/tickets/${number}`, headers: { cookie: p.cookie } });
    const ticket = res.json().ticket;
    expect(res.body).not.toContain('INTERNAL');
    expect(ticket.status).toBe('pending');
    expect(ticket.messages.map((m: { author: { type: string }; mine: boolean }) => [m.author.type, m.mine])).toEqual([
      ['customer', true],
      ['agent', false],
    ]);
    expect(Object.keys(ticket).sort()).toEqual(
      [
        'createdAt',
        'messages',
        'number',
        'relation',
        'requesterName',
        'status',
        'subject',
        'survey',
        'updatedAt',
      ].sort(),
    );
  });

  it('opens a new request with files through customerCommand (channel portal), downloadable only by its customers', async () => {
    const a = await customer();
    const p = await signInPortal(a.email);
    const form = multipart({ subject: 'Broken lid', text: 'The lid <b>cracked</b>.\nPhoto attached.' }, [
      { name: 'lid.png', type: 'image/png', data: Buffer.from('PNGDATA') },
      { name: '../../etc/receipt.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1.4') },
    ]);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/tickets',
      headers: { cookie: p.cookie, ...form.headers },
      payload: form.payload,
    });
    expect(noCsrf.statusCode).toBe(403);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/tickets',
      headers: { ...p.headers, ...form.headers },
      payload: form.payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    const ticket = res.json().ticket;
    expect(ticket).toMatchObject({ subject: 'Broken lid', status: 'open', relation: 'requester' });
    expect(ticket.messages).toHaveLength(1);
    expect(ticket.messages[0].html).toMatch(/^<p>The lid &lt;b&gt;cracked&lt;\/b&gt;.<br ?\/?>Photo attached.<\/p>$/);
    expect(ticket.messages[0].attachments.map((f: { fileName: string }) => f.fileName)).toEqual([
      'lid.png',
      'receipt.pdf',
    ]);

    // Staff see it as a customer message on a portal ticket, with its created event by the customer.
    const staff = (await t.app.inject({ url: `/api/v1/tickets/${ticket.number}`, headers: admin.headers })).json()
      .ticket;
    expect(staff).toMatchObject({ channel: 'portal', requester: { id: a.id } });
    const events = (
      await t.app.inject({ url: `/api/v1/tickets/${ticket.number}/events`, headers: admin.headers })
    ).json().items as { type: string }[];
    expect(events[0]!.type).toBe('created');

    const fileUrl = ticket.messages[0].attachments[0].url as string;
    const download = await t.app.inject({ url: fileUrl, headers: { cookie: p.cookie } });
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('PNGDATA');
    expect(download.headers['content-disposition']).toContain('attachment');
    const other = await signInPortal((await customer()).email);
    expect((await t.app.inject({ url: fileUrl, headers: { cookie: other.cookie } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: fileUrl, headers: admin.headers })).statusCode).toBe(401);
  });

  it('a file of an internal note is not downloadable through the portal', async () => {
    const a = await customer();
    const number = await staffTicket(a.id);
    const upload = multipart({}, [{ name: 'secret.txt', type: 'text/plain', data: Buffer.from('secret') }]);
    const up = await t.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      headers: { ...admin.headers, ...upload.headers },
      payload: upload.payload,
    });
    expect(up.statusCode, up.body).toBe(201);
    const attachmentId = up.json().attachment.id as number;
    const version = (await t.app.inject({ url: `/api/v1/tickets/${number}`, headers: admin.headers })).json().ticket
      .version;
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${number}/messages`,
      headers: admin.headers,
      payload: { version, kind: 'note', html: '<p>see file</p>', attachmentIds: [attachmentId] },
    });
    const p = await signInPortal(a.email);
    const res = await t.app.inject({
      url: `/api/v1/portal/attachments/${attachmentId}`,
      headers: { cookie: p.cookie },
    });
    expect(res.statusCode).toBe(404);
  });

  it('refuses a bad request naming the field, writing nothing', async () => {
    const a = await customer();
    const p = await signInPortal(a.email);
    const before = await db().selectFrom('tickets').select('id').execute();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/tickets',
      headers: p.headers,
      payload: { subject: '   ', text: 'hello' },
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.details.fields)).toEqual(['subject']);
    const tooMany = multipart(
      { subject: 'Files', text: 'many' },
      Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.txt`, type: 'text/plain', data: Buffer.from('x') })),
    );
    const many = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/tickets',
      headers: { ...p.headers, ...tooMany.headers },
      payload: tooMany.payload,
    });
    expect(many.statusCode).toBe(400);
    expect(many.json().error.details.fields.files).toBeTruthy();
    expect(await db().selectFrom('tickets').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses a file over the size limit with 413', async () => {
    const small = await createTestApp({ env: { ATTACHMENT_MAX_MB: '1' } });
    try {
      const c = await small.deps.db.kysely
        .insertInto('customers')
        .values({
          name: 'Big',
          email: 'big@customer.example',
          phone: null,
          organisation_id: null,
          locale: 'en',
          created_at: 1,
          updated_at: 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(c.id).toBeGreaterThan(0);
      await small.app.inject({
        method: 'POST',
        url: '/api/v1/portal/sign-in',
        payload: { email: 'big@customer.example' },
      });
      await small.deps.jobs.drain();
      const token = portalToken((await readOutbox(small.dataDir))[0]!.text)!;
      const v = await small.app.inject({ method: 'POST', url: '/api/v1/portal/verify', payload: { token } });
      const cookie = `sahayak_portal=${v.cookies.find((x) => x.name === 'sahayak_portal')!.value}`;
      const form = multipart({ subject: 'Big', text: 'big file' }, [
        { name: 'big.bin', type: 'application/octet-stream', data: Buffer.alloc(1024 * 1024 + 10) },
      ]);
      const res = await small.app.inject({
        method: 'POST',
        url: '/api/v1/portal/tickets',
        headers: { cookie, 'x-csrf-token': v.json().csrfToken, ...form.headers },
        payload: form.payload,
      });
      expect(res.statusCode).toBe(413);
      expect(await small.deps.db.kysely.selectFrom('tickets').select('id').execute()).toHaveLength(0);
    } finally {
      await small.close();
    }
  });

  it('an answer reopens a pending or solved ticket, adds files, and a closed ticket is 409', async () => {
    const a = await customer();
    const number = await staffTicket(a.id);
    await staffMessage(number, 'reply', '<p>Fixed, I think.</p>', 'solved');
    const p = await signInPortal(a.email);
    expect((await list(p))[0]).toMatchObject({ number, status: 'solved' });
    const form = multipart({ text: 'Still broken, see photo.' }, [
      { name: 'photo.jpg', type: 'image/jpeg', data: Buffer.from('JPEG') },
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/portal/tickets/${number}/messages`,
      headers: { ...p.headers, ...form.headers },
      payload: form.payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    const ticket = res.json().ticket;
    expect(ticket.status).toBe('open');
    expect(ticket.messages.at(-1)).toMatchObject({ mine: true, author: { type: 'customer' } });
    expect(ticket.messages.at(-1).attachments[0].fileName).toBe('photo.jpg');
    const staff = (await t.app.inject({ url: `/api/v1/tickets/${number}/events`, headers: admin.headers })).json()
      .items as { type: string; data: { from?: string; to?: string } }[];
    expect(staff.filter((e) => e.type === 'status_changed').at(-1)!.data).toMatchObject({ from: 'solved', to: 'open' });

    await db().updateTable('tickets').set({ status: 'closed' }).where('number', '=', number).execute();
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/portal/tickets/${number}/messages`,
      headers: p.headers,
      payload: { text: 'Hello?' },
    });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('ticket_closed');
  });
});

describe('contact form', () => {
  const form = (over: Record<string, string> = {}) => ({
    name: 'Ravi Kumar',
    email: `ravi${unique()}@customer.example`,
    subject: 'Bulk order',
    message: 'Do you ship 200 units to Pune?',
    ...over,
  });

  it('opens a web ticket for a new customer and acknowledges it in their language', async () => {
    const body = form({ locale: 'hi' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/contact',
      payload: body,
      remoteAddress: '10.1.1.1',
    });
    expect(res.statusCode).toBe(202);
    const c = await db().selectFrom('customers').selectAll().where('email', '=', body.email).executeTakeFirstOrThrow();
    expect(c).toMatchObject({ name: 'Ravi Kumar', locale: 'hi' });
    const ticket = await db()
      .selectFrom('tickets')
      .selectAll()
      .where('requester_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({ subject: 'Bulk order', channel: 'web', status: 'new' });
    const [ack] = await mailsTo(body.email);
    expect(ack!.subject).toBe(`आपका अनुरोध मिल गया: Bulk order [#${ticket.number}]`);
    expect(ack!.autoSubmitted).toBe('auto-replied');
    // The contact form's customer can now sign in to the portal and find the request there.
    const p = await signInPortal(body.email);
    expect((await list(p)).map((x) => x.number)).toEqual([ticket.number]);
  });

  it('a filled honeypot answers 202 and stores nothing', async () => {
    const body = form({ website: 'http://spam.example' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/contact',
      payload: body,
      remoteAddress: '10.1.1.2',
    });
    expect(res.statusCode).toBe(202);
    expect(await db().selectFrom('customers').select('id').where('email', '=', body.email).execute()).toEqual([]);
    expect(await mailsTo(body.email)).toEqual([]);
  });

  it('refuses a bad field with 400 naming it', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/portal/contact', payload: form({ email: 'nope' }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields.email).toBeTruthy();
  });

  it('allows 5 tickets an hour from one IP, then 429 with Retry-After', async () => {
    const ip = '10.1.1.3';
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/portal/contact',
        payload: form(),
        remoteAddress: ip,
      });
      expect(res.statusCode).toBe(202);
    }
    const body = form();
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/contact',
      payload: body,
      remoteAddress: ip,
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('too_many_requests');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await db().selectFrom('customers').select('id').where('email', '=', body.email).execute()).toEqual([]);
    t.clock.advance(60 * 60_000 + 1);
    const later = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/contact',
      payload: form(),
      remoteAddress: ip,
    });
    expect(later.statusCode).toBe(202);
  });
});
