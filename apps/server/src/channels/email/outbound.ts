// Agents' replies going out as mail. The reply is stored as "queued" with its command; this job sends
// it through MailTransport with a Message-ID of its own (kept on the message, so the customer's answer
// threads back), In-Reply-To and References of the conversation, a Reply-To that names the ticket,
// plain text and HTML, and the reply's files. A failed send is tried again later with growing waits
// (the message shows the error meanwhile); after the last try the message says "failed" and waits
// for the retry button. Queued replies are picked up again at start-up, so a restart loses none.
import { randomBytes } from 'node:crypto';
import type { Deps } from '../../platform/context.js';
import { textToHtml } from '../../platform/html/sanitize.js';
import { REPLY_MAIL_JOB } from '../../platform/mail/jobs.js';
import type { OutboundMail } from '../../platform/mail/transport.js';
import { recordDelivery, replyMailFacts } from '../../tickets/service.js';
import { senderOf, supportAddressRows } from './addresses.js';
import { REPLY_MARKER } from './quote.js';
import { plusAddress, replySubject } from './tokens.js';

/** Tries before a reply shows "failed": waits of 1, 2, 4 … 64 minutes, about two hours in all. */
export const REPLY_ATTEMPTS = 8;
const FIRST_WAIT_MS = 60_000;

export function registerOutboundJobs(deps: Deps, options: { firstWaitMs?: number } = {}): void {
  deps.jobs.register(REPLY_MAIL_JOB, async (payload) => {
    await sendReply(deps, Number(payload.messageId), Number(payload.attempt ?? 1), options.firstWaitMs);
  });
}

/**
 * At start-up in the embedded mode: every reply still queued gets a try, since the in-process queue
 * forgets its jobs on restart. In cluster mode BullMQ keeps them in Redis.
 */
export async function resumeQueuedReplies(deps: Deps): Promise<void> {
  if (deps.config.redisUrl) return;
  const now = deps.clock.now();
  const rows = await deps.db.kysely
    .selectFrom('ticket_messages')
    .select(['id', 'delivery_attempts'])
    .where('delivery_status', '=', 'queued')
    .execute();
  for (const r of rows) {
    const attempt = r.delivery_attempts + 1;
    await deps.jobs.enqueue(REPLY_MAIL_JOB, { messageId: r.id, attempt }, { jobId: `reply:${r.id}:resume:${now}` });
  }
}

export async function sendReply(
  deps: Deps,
  messageId: number,
  attempt: number,
  firstWaitMs = FIRST_WAIT_MS,
): Promise<void> {
  const db = deps.db.kysely;
  const facts = await replyMailFacts(db, messageId);
  // Sent already, or no longer ours to send (retried from the button, deleted).
  if (facts?.message.delivery_status !== 'queued') return;
  const { message, ticket } = facts;
  if (!facts.requester?.email) {
    await recordDelivery(db, messageId, {
      delivery_status: 'failed',
      delivery_error: 'The requester has no email address.',
    });
    return;
  }
  const addresses = await supportAddressRows(db);
  const from =
    addresses.find((a) => ticket.team_id !== null && a.team_id === ticket.team_id) ??
    addresses.find((a) => a.is_default === 1) ??
    addresses[0];
  const domain = from?.address.split('@')[1] ?? new URL(deps.config.publicUrl).hostname;
  const mailId = message.mail_message_id ?? `reply-${message.id}-${randomBytes(6).toString('hex')}@${domain}`;
  if (!message.mail_message_id) await recordDelivery(db, messageId, { mail_message_id: mailId });

  const files = [];
  for (const a of facts.attachments) {
    const data = await deps.blobs.get(a.blob_key);
    if (data)
      files.push({ filename: a.file_name, contentType: a.content_type, contentBase64: data.toString('base64') });
  }
  const signature = facts.agentName ? `\n\n${facts.agentName}` : '';
  const mail: OutboundMail = {
    to: facts.requester.email,
    ...(facts.cc.length ? { cc: facts.cc.flatMap((c) => (c.email ? [c.email] : [])) } : {}),
    ...(from
      ? {
          from: senderOf(from),
          replyTo: plusAddress(from.address, ticket.number),
        }
      : {}),
    messageId: `<${mailId}>`,
    ...(facts.answers ? { inReplyTo: `<${facts.answers}>` } : {}),
    ...(facts.thread.length ? { references: facts.thread.slice(-20).map((id) => `<${id}>`) } : {}),
    subject: replySubject(ticket.subject, ticket.number),
    text: `${REPLY_MARKER}\n\n${message.body_text}${signature}`,
    html: `<div style="color:#888;font-size:12px">${textToHtml(REPLY_MARKER)}</div><div>${message.body_html}</div>${
      facts.agentName ? textToHtml(facts.agentName) : ''
    }`,
    headers: { 'X-Sahayak-Ticket': String(ticket.number) },
    ...(files.length ? { attachments: files } : {}),
  };
  const now = deps.clock.now();
  // Whoever has the ticket open sees the reply's mail state change.
  const tell = () => deps.bus.publish({ type: 'tickets.changed', data: { numbers: [ticket.number] } });
  try {
    await deps.mail.send(mail);
    await recordDelivery(db, messageId, {
      delivery_status: 'sent',
      delivery_error: null,
      delivery_attempts: attempt,
      delivered_at: now,
    });
    await tell();
  } catch (err) {
    const error = err instanceof Error ? err.message.slice(0, 1000) : String(err);
    const last = attempt >= REPLY_ATTEMPTS;
    await recordDelivery(db, messageId, {
      delivery_status: last ? 'failed' : 'queued',
      delivery_error: error,
      delivery_attempts: attempt,
    });
    await tell();
    deps.log.warn(
      { err, messageId, attempt },
      last ? 'reply mail failed for the last time' : 'reply mail failed; will retry',
    );
    if (!last) {
      await deps.jobs.enqueue(
        REPLY_MAIL_JOB,
        { messageId, attempt: attempt + 1 },
        { jobId: `reply:${messageId}:${attempt + 1}:${now}`, delayMs: firstWaitMs * 2 ** (attempt - 1) },
      );
    }
  }
}
