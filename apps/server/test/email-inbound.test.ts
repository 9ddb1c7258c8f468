// Inbound email end to end over a real socket: nodemailer sends to the running SMTP listener, and the
// mail becomes a ticket (250 only once it is committed), threads into its ticket by In-Reply-To, by a
// [#n] token or a plus address (only from the ticket's own customers), is never stored twice, never
// opens a ticket or an acknowledgement when it is an auto-reply or a bounce (a bounce marks the
// outbound message it concerns), is refused for other recipients (550) and over the size limit
// (552), acknowledges a new ticket in the customer's language at most a few times an hour, and keeps
// copies, attachments, inline images and the original .eml.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSupportAddresses } from '../src/channels/email/addresses.js';
import { type MailboxPolling, startMailboxPolling } from '../src/channels/email/imap-runner.js';
import { AUTO_MAILS_PER_HOUR, ingestMail } from '../src/channels/email/ingest.js';
import { type InboundSmtp, startInboundSmtp } from '../src/channels/email/smtp.js';
import { createTestApp, createUser, readOutbox, type Session, signIn, type TestApp } from './helpers.js';
import { dovecotAvailable, type ImapServer, startImapServer, warnIfDovecotMissing } from './imap-server.js';

warnIfDovecotMissing();

const SUPPORT = 'help@acme.example';
const MAX = 200_000;
let t: TestApp;
let smtp: InboundSmtp;
let agent: Session;
let teamId: number;
let n = 0;

const client = () => nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });

async function send(mail: nodemailer.SendMailOptions) {
  return client().sendMail({ to: SUPPORT, ...mail });
}
const uid = () => `${Date.now().toString(36)}.${++n}@mail.customer.example`;

async function ticketsOf(email: string) {
  const id = await customerId(email);
  if (!id) return [];
  const res = await t.app.inject({ url: `/api/v1/tickets?requesterId=${id}&sort=created_asc`, headers: agent.headers });
  return res.json().items as {
    number: number;
    subject: string;
    status: string;
    channel: string;
    team: { id: number } | null;
  }[];
}
async function customerId(email: string) {
  const row = await t.deps.db.kysely
    .selectFrom('customers')
    .select(['id'])
    .where('email', '=', email)
    .executeTakeFirst();
  return row?.id ?? 0;
}
async function messages(number: number) {
  const res = await t.app.inject({ url: `/api/v1/tickets/${number}/messages?limit=100`, headers: agent.headers });
  return res.json().items as {
    id: number;
    kind: string;
    channel: string;
    html: string;
    text: string;
    author: { name: string };
    attachments: { id: number; fileName: string }[];
    system: unknown;
  }[];
}
const inbound = () => t.deps.db.kysely.selectFrom('inbound_mails').selectAll().orderBy('id').execute();
async function acks(to: string) {
  await t.deps.jobs.drain();
  return (await readOutbox(t.dataDir)).filter((m) => m.to.includes(to));
}

beforeAll(async () => {
  t = await createTestApp();
  const now = t.deps.clock.now();
  teamId = (
    await t.deps.db.kysely
      .insertInto('teams')
      .values({
        name: 'Billing',
        description: '',
        lead_id: null,
        last_assigned_user_id: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await t.deps.db.kysely
    .insertInto('support_addresses')
    .values({
      address: SUPPORT,
      name: 'Acme Support',
      team_id: teamId,
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
  agent = await signIn(t, (await createUser(t.deps, { role: 'admin' })).email);
  smtp = await startInboundSmtp(t.deps, { port: 0, host: '127.0.0.1', maxBytes: MAX, perSenderPerMinute: 1000 });
}, 60_000);
afterAll(async () => {
  await smtp?.close();
  await t.close();
});

describe('inbound email over SMTP', () => {
  it('turns a new mail into a ticket that exists when the 250 arrives, and acknowledges it', async () => {
    const id = uid();
    const info = await send({
      from: '"Asha Rao" <asha@customer.example>',
      subject: 'Invoice 7781 charged twice',
      text: 'Hello, my card was charged twice for invoice 7781.',
      messageId: `<${id}>`,
    });
    expect(info.response).toMatch(/^250 /);
    // No waiting: the ticket is committed before the listener said 250.
    const [ticket] = await ticketsOf('asha@customer.example');
    expect(ticket).toMatchObject({ subject: 'Invoice 7781 charged twice', status: 'new', channel: 'email' });
    expect(ticket!.team?.id).toBe(teamId);
    const [m] = await messages(ticket!.number);
    expect(m).toMatchObject({ kind: 'customer', channel: 'email', author: { name: 'Asha Rao' } });
    expect(m!.text).toBe('Hello, my card was charged twice for invoice 7781.');
    const [ack] = await acks('asha@customer.example');
    expect(ack).toMatchObject({
      subject: `We received your request: Invoice 7781 charged twice [#${ticket!.number}]`,
      from: '"Acme Support" <help@acme.example>',
      replyTo: `help+${ticket!.number}@acme.example`,
      inReplyTo: `<${id}>`,
      autoSubmitted: 'auto-replied',
    });
    expect(ack!.text).toContain(`Hello Asha, your request number is ${ticket!.number}.`);
    expect((await inbound()).at(-1)).toMatchObject({ message_id: id, outcome: 'new_ticket', via: 'smtp' });
  });

  it('stores the same Message-ID once, however often it arrives', async () => {
    const id = uid();
    const mail = { from: 'dup@customer.example', subject: 'Twice', text: 'Once only', messageId: `<${id}>` };
    await send(mail);
    const again = await send(mail);
    expect(again.response).toMatch(/^250 /);
    const tickets = await ticketsOf('dup@customer.example');
    expect(tickets).toHaveLength(1);
    expect(await messages(tickets[0]!.number)).toHaveLength(1);
    expect((await inbound()).filter((r) => r.message_id === id)).toHaveLength(1);
  });

  it('threads a reply by In-Reply-To into its ticket and reopens it, showing only the new text', async () => {
    const first = uid();
    await send({
      from: 'ravi@customer.example',
      subject: 'Login fails',
      text: 'I cannot log in.',
      messageId: `<${first}>`,
    });
    const [ticket] = await ticketsOf('ravi@customer.example');
    await t.deps.db.kysely
      .updateTable('tickets')
      .set({ status: 'pending' })
      .where('number', '=', ticket!.number)
      .execute();
    await send({
      from: 'ravi@customer.example',
      subject: `Re: Login fails [#${ticket!.number}]`,
      text: 'It works now, thank you.\n\nOn Mon, 23 Nov 2026 at 10:00, Acme Support <help@acme.example> wrote:\n> Please try again.\n',
      inReplyTo: `<${first}>`,
      references: [`<${first}>`],
      messageId: `<${uid()}>`,
    });
    expect(await ticketsOf('ravi@customer.example')).toHaveLength(1);
    const list = await messages(ticket!.number);
    expect(list).toHaveLength(2);
    expect(list[1]!.text).toBe('It works now, thank you.');
    const row = await t.deps.db.kysely
      .selectFrom('ticket_messages')
      .select(['quoted_html', 'eml_blob_key'])
      .where('body_text', '=', 'It works now, thank you.')
      .executeTakeFirstOrThrow();
    expect(row.quoted_html).toContain('Please try again.');
    expect(await t.deps.blobs.get(row.eml_blob_key!)).not.toBeNull();
    // Agents see the history folded under the new text, and download the mail as it came.
    const res = await t.app.inject({
      url: `/api/v1/tickets/${ticket!.number}/messages?limit=10`,
      headers: agent.headers,
    });
    const reply = res.json().items[1];
    expect(reply.mail).toMatchObject({ hasOriginal: true, quotedHtml: expect.stringContaining('Please try again.') });
    expect(reply.delivery).toBeNull();
    const original = await t.app.inject({
      url: `/api/v1/tickets/${ticket!.number}/messages/${reply.id}/original`,
      headers: agent.headers,
    });
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-type']).toBe('message/rfc822');
    expect(original.body).toContain('It works now, thank you.');
    const other = await t.app.inject({
      url: `/api/v1/tickets/${ticket!.number}/messages/${list[0]!.id + 99999}/original`,
      headers: agent.headers,
    });
    expect(other.statusCode).toBe(404);
    expect((await ticketsOf('ravi@customer.example'))[0]!.status).toBe('open');
    // A reply is no new ticket: no second acknowledgement.
    expect(await acks('ravi@customer.example')).toHaveLength(1);
  });

  it('threads by the subject token or a plus address only for the ticket’s own customers', async () => {
    await send({
      from: 'meera@customer.example',
      subject: 'Refund status',
      text: 'Where is my refund?',
      messageId: `<${uid()}>`,
    });
    const [ticket] = await ticketsOf('meera@customer.example');
    await send({
      from: 'meera@customer.example',
      subject: `Re: Refund status [#${ticket!.number}]`,
      text: 'Any news?',
      messageId: `<${uid()}>`,
    });
    await send({
      from: 'meera@customer.example',
      to: `help+${ticket!.number}@acme.example`,
      subject: 'One more thing',
      text: 'The order number is 5521.',
      messageId: `<${uid()}>`,
    });
    expect((await messages(ticket!.number)).map((m) => m.text)).toEqual([
      'Where is my refund?',
      'Any news?',
      'The order number is 5521.',
    ]);
    // Someone else naming the ticket opens their own.
    await send({
      from: 'stranger@elsewhere.example',
      subject: `Re: Refund status [#${ticket!.number}]`,
      text: 'I want in.',
      messageId: `<${uid()}>`,
    });
    expect(await messages(ticket!.number)).toHaveLength(3);
    expect(await ticketsOf('stranger@elsewhere.example')).toHaveLength(1);
  });

  it('makes copied addresses followers who may write on the ticket', async () => {
    await send({
      from: 'lead@customer.example',
      cc: ['finance@customer.example', SUPPORT],
      subject: 'Contract renewal',
      text: 'Please send the renewal quote.',
      messageId: `<${uid()}>`,
    });
    const [ticket] = await ticketsOf('lead@customer.example');
    const cc = await t.deps.db.kysely
      .selectFrom('ticket_cc')
      .innerJoin('customers', 'customers.id', 'ticket_cc.customer_id')
      .select('customers.email')
      .innerJoin('tickets', 'tickets.id', 'ticket_cc.ticket_id')
      .where('tickets.number', '=', ticket!.number)
      .execute();
    expect(cc.map((c) => c.email)).toEqual(['finance@customer.example']);
    const detail = await t.app.inject({ url: `/api/v1/tickets/${ticket!.number}`, headers: agent.headers });
    expect(detail.json().ticket.cc).toEqual([
      { id: expect.any(Number), name: 'finance', email: 'finance@customer.example' },
    ]);
    await send({
      from: 'finance@customer.example',
      subject: `Re: Contract renewal [#${ticket!.number}]`,
      text: 'Quote approved.',
      messageId: `<${uid()}>`,
    });
    const list = await messages(ticket!.number);
    expect(list.at(-1)).toMatchObject({ text: 'Quote approved.' });
  });

  it('never opens a ticket or acknowledges an auto-reply, nor mail from our own address', async () => {
    const before = (await inbound()).length;
    await send({
      from: 'ooo@customer.example',
      subject: 'Out of office',
      text: 'I am away until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied' },
      messageId: `<${uid()}>`,
    });
    await send({ from: 'bulk@customer.example', subject: 'Newsletter', text: 'News', headers: { Precedence: 'bulk' } });
    await send({ from: SUPPORT, subject: 'Loop?', text: 'From ourselves' });
    await send({ from: 'help+12@acme.example', subject: 'Loop?', text: 'From ourselves, plus-addressed' });
    expect(await ticketsOf('ooo@customer.example')).toEqual([]);
    expect(await acks('ooo@customer.example')).toEqual([]);
    expect(await acks('bulk@customer.example')).toEqual([]);
    const rows = (await inbound()).slice(before);
    expect(rows.map((r) => [r.outcome, r.reason])).toEqual([
      ['auto_reply', 'Auto-Submitted: auto-replied'],
      ['auto_reply', 'Precedence: bulk'],
      ['ignored', 'from_support_address'],
      ['ignored', 'from_support_address'],
    ]);
  });

  it('attaches a bounce to the outbound message it concerns', async () => {
    await send({ from: 'gone@customer.example', subject: 'Bounce me', text: 'Hi', messageId: `<${uid()}>` });
    const [ticket] = await ticketsOf('gone@customer.example');
    // Our reply went out as this Message-ID (outbound mail sets it; here it is set by hand).
    const outbound = `reply-${ticket!.number}@acme.example`;
    await t.deps.db.kysely
      .updateTable('ticket_messages')
      .set({ mail_message_id: outbound, delivery_status: 'sent' })
      .where('body_text', '=', 'Hi')
      .execute();
    const dsn = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.customer.example>',
      `To: ${SUPPORT}`,
      'Subject: Undelivered Mail Returned to Sender',
      `Message-ID: <${uid()}>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.customer.example',
      '',
      'Final-Recipient: rfc822; gone@customer.example',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
      '--b1',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: <${outbound}>`,
      `To: gone@customer.example`,
      'Subject: Re: Bounce me',
      '--b1--',
      '',
    ].join('\r\n');
    await client().sendMail({ envelope: { from: '', to: [SUPPORT] }, raw: dsn });
    const row = await t.deps.db.kysely
      .selectFrom('ticket_messages')
      .select(['delivery_status', 'delivery_error'])
      .where('mail_message_id', '=', outbound)
      .executeTakeFirstOrThrow();
    expect(row.delivery_status).toBe('failed');
    expect(row.delivery_error).toContain('5.1.1');
    expect(await ticketsOf('mailer-daemon@mx.customer.example')).toEqual([]);
    expect((await inbound()).at(-1)).toMatchObject({ outcome: 'bounce' });
  });

  it('refuses other recipients with 550 and oversized mail with 552, storing nothing', async () => {
    const before = (await inbound()).length;
    await expect(
      client().sendMail({ from: 'x@customer.example', to: 'nobody@acme.example', subject: 'x', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await expect(
      send({ from: 'big@customer.example', subject: 'Big', text: 'x'.repeat(MAX + 10_000) }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(await inbound()).toHaveLength(before);
    expect(await ticketsOf('big@customer.example')).toEqual([]);
  });

  it('takes mail for a support address added while the listener runs, at once', async () => {
    // The listener's thread keeps the list of addresses for a few seconds: a miss asks again.
    await expect(
      client().sendMail({ from: 'early@customer.example', to: 'billing@acme.example', subject: 'x', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await ensureSupportAddresses(t.deps.db.kysely, ['billing@acme.example'], t.deps.clock.now());
    const info = await client().sendMail({
      from: 'late@customer.example',
      to: 'billing@acme.example',
      subject: 'Refund for order 5521',
      text: 'Please refund order 5521.',
      messageId: `<${uid()}>`,
    });
    expect(info.response).toMatch(/^250 /);
    expect(await ticketsOf('late@customer.example')).toMatchObject([{ subject: 'Refund for order 5521' }]);
  });

  it('acknowledges in Hindi for a Hindi mail, and no more than a few times an hour per address', async () => {
    await send({
      from: '"सुनीता शर्मा" <sunita@customer.example>',
      subject: 'मेरा ऑर्डर नहीं पहुँचा',
      text: 'नमस्ते, मेरा ऑर्डर दो हफ़्ते से नहीं पहुँचा है।',
      messageId: `<${uid()}>`,
    });
    const [ticket] = await ticketsOf('sunita@customer.example');
    const [ack] = await acks('sunita@customer.example');
    expect(ack!.subject).toBe(`आपका अनुरोध मिल गया: मेरा ऑर्डर नहीं पहुँचा [#${ticket!.number}]`);
    expect(ack!.text).toContain(`नमस्ते सुनीता, आपके अनुरोध की संख्या ${ticket!.number} है।`);
    // A misbehaving sender opening ticket after ticket gets only so many acknowledgements.
    for (let i = 0; i < AUTO_MAILS_PER_HOUR + 2; i++) {
      await send({ from: 'loop@customer.example', subject: `Loop ${i}`, text: 'again', messageId: `<${uid()}>` });
    }
    expect(await ticketsOf('loop@customer.example')).toHaveLength(AUTO_MAILS_PER_HOUR + 2);
    expect(await acks('loop@customer.example')).toHaveLength(AUTO_MAILS_PER_HOUR);
  });

  it('keeps attachments and shows inline images from the ticket', async () => {
    await send({
      from: 'files@customer.example',
      subject: 'Screenshot of the error',
      html: '<p>See the screenshot:</p><img src="cid:shot1@customer"><img src="https://tracker.example/open.gif?u=files" alt="logo">',
      attachments: [
        {
          filename: 'error.png',
          content: Buffer.from('89504e470d0a1a0a', 'hex'),
          cid: 'shot1@customer',
          contentType: 'image/png',
        },
        { filename: 'invoice.pdf', content: Buffer.from('%PDF-1.4 fake'), contentType: 'application/pdf' },
      ],
      messageId: `<${uid()}>`,
    });
    const [ticket] = await ticketsOf('files@customer.example');
    const [m] = await messages(ticket!.number);
    expect(m!.attachments.map((a) => a.fileName).sort()).toEqual(['error.png', 'invoice.pdf']);
    const image = m!.attachments.find((a) => a.fileName === 'error.png')!;
    expect(m!.html).toContain(`src="/api/v1/attachments/${image.id}"`);
    // A remote image is not loaded until an agent asks: it waits under data-remote-src.
    expect(m!.html).toContain('data-remote-src="https://tracker.example/open.gif?u=files"');
    expect(m!.html).not.toMatch(/ src="https:\/\/tracker/);
    const file = await t.app.inject({ url: `/api/v1/attachments/${image.id}`, headers: agent.headers });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(Buffer.from('89504e470d0a1a0a', 'hex'))).toBe(true);
  });

  it('files malformed MIME with a warning on the ticket rather than dropping it', async () => {
    const raw = [
      'From: broken@customer.example',
      `To: ${SUPPORT}`,
      'Subject: Broken mail',
      `Message-ID: <${uid()}>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="never-closed"',
      '',
      '--never-closed',
      'Content-Type: text/plain',
      '',
      'The body survives.',
      '',
    ].join('\r\n');
    await client().sendMail({ envelope: { from: 'broken@customer.example', to: [SUPPORT] }, raw });
    const [ticket] = await ticketsOf('broken@customer.example');
    const list = await messages(ticket!.number);
    expect(list.map((m) => m.kind)).toEqual(['customer', 'system']);
    expect(list[0]!.text).toContain('The body survives.');
    expect(list[1]!.text).toContain('could not be read completely');
    expect(list[1]!.system).toEqual({ key: 'malformedMail', params: {} });
    expect(JSON.parse((await inbound()).at(-1)!.warnings)).toContain('malformed_mime');
  });
});

describe('STARTTLS on the listener', () => {
  it('offers STARTTLS when a certificate is configured, and takes mail over it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sahayak-smtp-tls-'));
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
      ],
      {
        stdio: 'ignore',
      },
    );
    const tls = await startInboundSmtp(t.deps, {
      port: 0,
      host: '127.0.0.1',
      maxBytes: MAX,
      tlsKeyFile: key,
      tlsCertFile: cert,
    });
    try {
      const secure = nodemailer.createTransport({
        host: '127.0.0.1',
        port: tls.port,
        secure: false,
        requireTLS: true,
        tls: { rejectUnauthorized: false },
      });
      const info = await secure.sendMail({
        from: 'tls@customer.example',
        to: SUPPORT,
        subject: 'Over TLS',
        text: 'Encrypted on the wire.',
      });
      expect(info.response).toMatch(/^250 /);
      expect(await ticketsOf('tls@customer.example')).toHaveLength(1);
      // Without a certificate the listener offers no STARTTLS at all: a client that requires it gives up.
      const plain = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, requireTLS: true });
      await expect(
        plain.sendMail({ from: 'x@customer.example', to: SUPPORT, subject: 'x', text: 'x' }),
      ).rejects.toThrow();
    } finally {
      await tls.close();
    }
  });
});

describe.skipIf(!dovecotAvailable)('inbound email from an IMAP mailbox', () => {
  let server: ImapServer;
  let polling: MailboxPolling | undefined;
  beforeAll(async () => {
    server = await startImapServer();
  }, 30_000);
  afterAll(async () => {
    await polling?.stop();
    await server?.stop();
  });

  it('turns mailbox mail into tickets through the same ingest, once each, marking it seen only then', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/mail-accounts',
      headers: agent.headers,
      payload: {
        name: 'Shop inbox',
        host: server.host,
        port: server.port,
        security: 'none',
        username: server.user,
        password: server.password,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const raw = (id: string) =>
      [
        'From: =?UTF-8?B?4KSw4KS/4KSk4KWBIOCkuOClh+CkoA==?= <ritu@customer.example>',
        `To: ${SUPPORT}`,
        'Subject: =?UTF-8?B?4KSq4KS+4KSw4KWN4KS44KSyIOCkqOCkueClgOCkgiDgpK7gpL/gpLLgpL4=?=',
        `Message-ID: <${id}>`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        'मेरा पार्सल तीन दिन से नहीं आया।',
        '',
      ].join('\r\n');
    const id = uid();
    await server.deliver(raw(id));
    // The same mail twice in the mailbox (a forwarding rule and a copy): one ticket.
    await server.deliver(raw(id));
    polling = startMailboxPolling(t.deps, (mail) => ingestMail(t.deps, mail, { via: 'imap' }).then(() => undefined), {
      statusIntervalMs: 100,
    });
    await expect.poll(async () => server.count('INBOX', '\\Seen'), { timeout: 15_000 }).toBe(2);
    const tickets = await ticketsOf('ritu@customer.example');
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ subject: 'पार्सल नहीं मिला', channel: 'email' });
    const [m] = await messages(tickets[0]!.number);
    expect(m).toMatchObject({ text: 'मेरा पार्सल तीन दिन से नहीं आया।', author: { name: 'रितु सेठ' } });
    expect((await inbound()).filter((r) => r.message_id === id).map((r) => r.via)).toEqual(['imap']);
  });
});
