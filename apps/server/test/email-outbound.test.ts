// Agents' replies as mail, received by a real SMTP server: a Message-ID kept on the message, In-Reply-To
// and References of the conversation, a Reply-To naming the ticket, text and HTML, files, copies to
// the ticket's cc'd customers; the customer's answer to it threads back into the ticket through the
// SMTP listener. While the mail server is down the reply waits ("queued" with the error), after the
// last try it says "failed" until someone presses retry; replies on phone tickets are not mailed;
// queued replies are taken up again after a restart.
import { type ParsedMail, simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLY_ATTEMPTS, registerOutboundJobs, resumeQueuedReplies } from '../src/channels/email/outbound.js';
import { type InboundSmtp, startInboundSmtp } from '../src/channels/email/smtp.js';
import { createTestApp, createUser, type Session, signIn, type TestApp } from './helpers.js';

const SUPPORT = 'help@acme.example';
let t: TestApp;
let inbound: InboundSmtp;
let catcher: SMTPServer;
let catcherPort = 0;
let agent: Session;
const received: ParsedMail[] = [];
/** The SMTP envelope's recipients of each mail, in order. */
const envelopes: string[][] = [];
let n = 0;

function startCatcher(port: number) {
  catcher = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((m) => {
          received.push(m);
          envelopes.push(session.envelope.rcptTo.map((r) => r.address));
          cb();
        })
        .catch(cb);
    },
  });
  return new Promise<number>((resolve) =>
    catcher.listen(port, '127.0.0.1', () => resolve((catcher.server.address() as { port: number }).port)),
  );
}
const stopCatcher = () => new Promise<void>((resolve) => catcher.close(() => resolve()));

const uid = () => `${Date.now().toString(36)}.${++n}@mail.customer.example`;
async function customerMail(mail: nodemailer.SendMailOptions) {
  const client = nodemailer.createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true });
  await client.sendMail({ to: SUPPORT, ...mail });
}
async function ticketOf(email: string) {
  const c = await t.deps.db.kysely
    .selectFrom('customers')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  const res = await t.app.inject({ url: `/api/v1/tickets?requesterId=${c.id}`, headers: agent.headers });
  return res.json().items[0] as { number: number; version: number };
}
async function reply(number: number, html: string, attachmentIds: number[] = []) {
  const { version } = (await t.app.inject({ url: `/api/v1/tickets/${number}`, headers: agent.headers })).json().ticket;
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${number}/messages`,
    headers: agent.headers,
    payload: { version, kind: 'reply', html, attachmentIds },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().message as { id: number; delivery: { status: string } | null };
}
async function message(number: number, id: number) {
  const res = await t.app.inject({ url: `/api/v1/tickets/${number}/messages?limit=100`, headers: agent.headers });
  return (
    res.json().items as {
      id: number;
      text: string;
      delivery: { status: string; error: string | null; attempts: number } | null;
    }[]
  ).find((m) => m.id === id)!;
}
const mailId = async (id: number) =>
  (
    await t.deps.db.kysely
      .selectFrom('ticket_messages')
      .select('mail_message_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).mail_message_id;

beforeAll(async () => {
  catcherPort = await startCatcher(0);
  t = await createTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${catcherPort}` } });
  // Waits of 20, 40, 80 … ms instead of minutes.
  registerOutboundJobs(t.deps, { firstWaitMs: 20 });
  const now = t.deps.clock.now();
  await t.deps.db.kysely
    .insertInto('support_addresses')
    .values({
      address: SUPPORT,
      name: 'Acme Support',
      team_id: null,
      is_default: 1,
      ack_enabled: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  agent = await signIn(t, (await createUser(t.deps, { role: 'admin', name: 'Vikram Singh' })).email);
  inbound = await startInboundSmtp(t.deps, { port: 0, host: '127.0.0.1', maxBytes: 1_000_000 });
}, 60_000);
afterAll(async () => {
  await inbound?.close();
  await stopCatcher();
  await t.close();
});

describe('replies by mail', () => {
  it('mails a reply that threads, and the customer’s answer comes back into the ticket', async () => {
    const first = uid();
    await customerMail({
      from: '"Asha Rao" <asha@customer.example>',
      cc: 'accounts@customer.example',
      subject: 'Refund for order 5521',
      text: 'Where is my refund?',
      messageId: `<${first}>`,
    });
    const ticket = await ticketOf('asha@customer.example');
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      headers: { ...agent.headers, 'content-type': 'multipart/form-data; boundary=X' },
      payload:
        '--X\r\nContent-Disposition: form-data; name="file"; filename="receipt.txt"\r\nContent-Type: text/plain\r\n\r\nRefund 5521: INR 1,499\r\n--X--\r\n',
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const sent = await reply(ticket.number, '<p>Your refund was issued today.</p>', [upload.json().attachment.id]);
    expect(sent.delivery?.status).toBe('queued');
    await t.deps.jobs.drain();
    expect((await message(ticket.number, sent.id)).delivery).toMatchObject({
      status: 'sent',
      error: null,
      attempts: 1,
    });
    const mail = received.find((m) => m.subject?.includes(`[#${ticket.number}]`))!;
    const id = await mailId(sent.id);
    expect(mail.messageId).toBe(`<${id}>`);
    expect(mail.inReplyTo).toBe(`<${first}>`);
    expect(mail.references).toBe(`<${first}>`);
    expect(mail.subject).toBe(`Re: Refund for order 5521 [#${ticket.number}]`);
    expect(mail.from?.text).toBe('"Acme Support" <help@acme.example>');
    expect(mail.replyTo?.text).toBe(`help+${ticket.number}@acme.example`);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('asha@customer.example');
    expect(mail.cc && !Array.isArray(mail.cc) ? mail.cc.text : '').toBe('accounts@customer.example');
    expect(mail.text).toContain('Your refund was issued today.');
    expect(mail.text).toContain('Vikram Singh');
    expect(mail.html).toContain('<p>Your refund was issued today.</p>');
    expect(mail.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([
      ['receipt.txt', 'Refund 5521: INR 1,499'],
    ]);

    // The customer answers our mail; the answer lands on the ticket.
    await customerMail({
      from: 'asha@customer.example',
      subject: mail.subject,
      text: 'Received it, thanks!\n\n> Your refund was issued today.',
      inReplyTo: mail.messageId,
      references: [`<${first}>`, mail.messageId!],
      messageId: `<${uid()}>`,
    });
    const list = await t.app.inject({
      url: `/api/v1/tickets/${ticket.number}/messages?limit=100`,
      headers: agent.headers,
    });
    expect(
      list
        .json()
        .items.map((m: { text: string }) => m.text)
        .at(-1),
    ).toBe('Received it, thanks!');
  });

  it('keeps a reply queued while the mail server is down, fails it after the last try, and sends it on retry', async () => {
    await customerMail({
      from: 'ravi@customer.example',
      subject: 'Cannot log in',
      text: 'Help',
      messageId: `<${uid()}>`,
    });
    const ticket = await ticketOf('ravi@customer.example');
    await stopCatcher();
    const sent = await reply(ticket.number, '<p>Please reset your password.</p>');
    // The first try fails: the reply waits, showing why.
    await expect.poll(async () => (await message(ticket.number, sent.id)).delivery?.attempts ?? 0).toBeGreaterThan(0);
    const waiting = (await message(ticket.number, sent.id)).delivery!;
    expect(waiting.status).toBe('queued');
    expect(waiting.error).toMatch(/ECONNREFUSED/);
    // Every try fails while the server is down; after the last one the reply says so.
    await t.deps.jobs.drain();
    expect((await message(ticket.number, sent.id)).delivery).toMatchObject({
      status: 'failed',
      attempts: REPLY_ATTEMPTS,
    });
    const early = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.number}/messages/${sent.id}/retry`,
      headers: agent.headers,
    });
    expect(early.statusCode).toBe(200);
    await startCatcher(catcherPort);
    await t.deps.jobs.drain();
    expect((await message(ticket.number, sent.id)).delivery).toMatchObject({ status: 'sent' });
    expect(received.filter((m) => m.subject?.includes(`[#${ticket.number}]`))).toHaveLength(1);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.number}/messages/${sent.id}/retry`,
      headers: agent.headers,
    });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'mail_not_failed']);
  });

  it('does not mail replies on phone tickets, and takes up queued replies after a restart', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: agent.headers,
      payload: {
        subject: 'Called about delivery',
        channel: 'phone',
        requester: { email: 'caller@customer.example' },
        message: { kind: 'customer', html: '<p>Where is my parcel?</p>' },
      },
    });
    const number = created.json().ticket.number;
    const phone = await reply(number, '<p>It arrives tomorrow.</p>');
    expect(phone.delivery).toBeNull();

    await customerMail({
      from: 'meera@customer.example',
      subject: 'Invoice copy',
      text: 'Please resend',
      messageId: `<${uid()}>`,
    });
    const ticket = await ticketOf('meera@customer.example');
    const sent = await reply(ticket.number, '<p>Attached again.</p>');
    // As if the process stopped before the job ran: the row says queued, the queue knows nothing.
    await t.deps.jobs.drain();
    await t.deps.db.kysely
      .updateTable('ticket_messages')
      .set({ delivery_status: 'queued', delivery_attempts: 0 })
      .where('id', '=', sent.id)
      .execute();
    const before = received.length;
    await resumeQueuedReplies(t.deps);
    await t.deps.jobs.drain();
    expect(received.length).toBe(before + 1);
    expect((await message(ticket.number, sent.id)).delivery?.status).toBe('sent');
  });

  it('neutralises header injection through a subject or a sender name', async () => {
    await t.deps.db.kysely
      .updateTable('support_addresses')
      .set({ name: 'Acme\r\nBcc: spy@attacker.example' })
      .where('address', '=', SUPPORT)
      .execute();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: agent.headers,
      payload: {
        subject: 'Refund\r\nBcc: evil@attacker.example',
        channel: 'email',
        requester: { email: 'victim@customer.example' },
        message: { kind: 'customer', html: '<p>Hi</p>' },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const number = created.json().ticket.number as number;
    await reply(number, '<p>Done.</p>');
    await t.deps.jobs.drain();
    const i = received.findIndex((m) => m.subject?.includes(`[#${number}]`));
    expect(i).toBeGreaterThanOrEqual(0);
    const mail = received[i]!;
    // One recipient on the wire, no Bcc header, the injected text kept inside the subject and name.
    expect(envelopes[i]).toEqual(['victim@customer.example']);
    expect(mail.bcc).toBeUndefined();
    expect(mail.headers.has('bcc')).toBe(false);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.from?.value[0]?.address).toBe(SUPPORT);
    await t.deps.db.kysely
      .updateTable('support_addresses')
      .set({ name: 'Acme Support' })
      .where('address', '=', SUPPORT)
      .execute();
  });
});
