// One ingest pipeline for every inbound mail (SMTP listener, IMAP polling): the mail is parsed, kept
// as its original .eml, recorded once by its Message-ID, and then becomes a new ticket, a message on
// the ticket it continues, a bounce on the outbound message it concerns, or is filed without action
// (auto-replies, our own mail). The whole decision and its writes are one transaction: the caller
// may acknowledge the mail (SMTP 250, IMAP \Seen) once this resolves, and a second delivery of the
// same mail finds its Message-ID taken and changes nothing.
import { randomBytes } from 'node:crypto';
import { placeholderValues } from '../../automation/engine.js';
import { customerBriefs, findOrCreateCustomer } from '../../customers/service.js';
import type { Deps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import type { InboundOutcome, SupportAddressRow, TicketRow } from '../../platform/db/types.js';
import { enqueueMail } from '../../platform/mail/jobs.js';
import type { OutboundMail } from '../../platform/mail/transport.js';
import { customerCommand, type InboundOps } from '../../tickets/commands.js';
import { markBounced, ticketByNumber, ticketCustomerIds, ticketOfMailIds } from '../../tickets/service.js';
import { rowToDerived } from '../../tickets/write.js';
import { renderAcknowledgement, senderOf, supportAddressRows } from './addresses.js';
import * as repo from './inbound-repo.js';
import type { MailAddress } from './parse.js';
import { type PreparedMail, prepareInbound, type ReadMail } from './prepare.js';
import { REPLY_MARKER } from './quote.js';
import { baseAddress, plusAddress, plusAddressTicketNumber, subjectTicketNumber } from './tokens.js';

export type IngestVia = 'smtp' | 'imap' | 'api';

export interface IngestOptions {
  via: IngestVia;
  /** SMTP's RCPT TO addresses: which support address the mail was for, even when only Bcc'd. */
  envelopeTo?: string[];
  /** SMTP's MAIL FROM: the sender when the mail itself names none. */
  envelopeFrom?: string | null;
}

export interface IngestResult {
  outcome: InboundOutcome | 'duplicate';
  inboundId: number | null;
  messageId: string;
  ticketNumber: number | null;
  reason: string | null;
}

/** At most this many automatic mails (acknowledgements) to one address per hour: loop protection. */
export const AUTO_MAILS_PER_HOUR = 5;
/** Customers copied on one mail that follow its ticket; more is a mailing list, not a conversation. */
const MAX_CC = 20;
const HOUR = 3_600_000;

export async function ingestMail(deps: Deps, raw: Buffer, opts: IngestOptions): Promise<IngestResult> {
  return recordInbound(deps, await prepareInbound(deps.blobs, raw, deps.clock.now()), opts);
}

/**
 * Records a prepared mail in one transaction: the caller may acknowledge it (SMTP 250, IMAP \Seen)
 * once this resolves, and a second delivery of the same mail finds its Message-ID taken.
 */
export async function recordInbound(deps: Deps, prepared: PreparedMail, opts: IngestOptions): Promise<IngestResult> {
  const { mail, messageId, emlKey } = prepared;
  const now = deps.clock.now();

  let acknowledge: PendingAck | null = null;
  const result = await customerCommand(deps, async (trx, ops): Promise<IngestResult> => {
    const from = sender(mail, opts);
    const inboundId = await repo.claimInbound(trx, {
      message_id: messageId,
      via: opts.via,
      blob_key: emlKey,
      size: prepared.size,
      from_address: from?.address ?? null,
      subject: mail.subject.slice(0, 2000),
      outcome: 'ignored',
      warnings: JSON.stringify(mail.warnings),
      received_at: now,
    });
    if (inboundId === null) return duplicate(messageId);
    const addresses = await supportAddressRows(trx);
    const decided = await decide(trx, ops, prepared, from, addresses, opts, now);
    await repo.updateInbound(trx, inboundId, {
      outcome: decided.outcome,
      reason: decided.reason,
      ticket_id: decided.ticket?.ticketId ?? null,
      ticket_message_id: decided.ticket?.messageId ?? null,
      bounced_message_id: decided.bouncedMessageId ?? null,
    });
    if (decided.ack)
      acknowledge = await acknowledgement(deps, trx, decided.ack, { messageId, references: mail.references });
    return {
      outcome: decided.outcome,
      inboundId,
      messageId,
      ticketNumber: decided.ticket?.number ?? null,
      reason: decided.reason,
    };
  });
  await sendAcknowledgement(deps, acknowledge);
  return result;
}

const duplicate = (messageId: string): IngestResult => ({
  outcome: 'duplicate',
  inboundId: null,
  messageId,
  ticketNumber: null,
  reason: 'message_id_seen',
});

export interface Ack {
  /** The new ticket's number. */
  number: number;
  address: SupportAddressRow;
  to: string;
  locale: 'en' | 'hi';
}

interface Decision {
  outcome: InboundOutcome;
  reason: string | null;
  ticket?: { ticketId: number; number: number; messageId: number };
  bouncedMessageId?: number;
  ack: Ack | null;
}

/** Who wrote: the From address, else Reply-To, else the SMTP envelope's sender. */
function sender(mail: ReadMail, opts: IngestOptions): MailAddress | null {
  if (mail.from?.address) return mail.from;
  if (mail.replyTo?.address) return mail.replyTo;
  const env = opts.envelopeFrom?.trim().toLowerCase();
  return env ? { address: env, name: null } : null;
}

async function decide(
  trx: Executor,
  ops: InboundOps,
  prepared: PreparedMail,
  from: MailAddress | null,
  addresses: SupportAddressRow[],
  opts: IngestOptions,
  now: number,
): Promise<Decision> {
  const { mail, files, emlKey, messageId } = prepared;
  const ours = new Set(addresses.map((a) => a.address));
  if (!from) return { outcome: 'ignored', reason: 'no_sender', ack: null };
  if (ours.has(baseAddress(from.address))) return { outcome: 'ignored', reason: 'from_support_address', ack: null };

  if (mail.kind === 'bounce') {
    const original = mail.bounce?.originalMessageId;
    const why = [mail.bounce?.recipient, mail.bounce?.status, mail.bounce?.diagnostic].filter(Boolean).join(' · ');
    const message = original
      ? await markBounced(trx, original, why || 'bounced', mail.bounce?.recipient ?? null, now)
      : undefined;
    return {
      outcome: 'bounce',
      reason: message ? why || null : 'bounce_of_unknown_mail',
      ...(message ? { bouncedMessageId: message.id } : {}),
      ack: null,
    };
  }

  const recipients = [
    ...(opts.envelopeTo ?? []),
    ...mail.deliveredTo,
    ...mail.to.map((a) => a.address),
    ...mail.cc.map((a) => a.address),
  ];
  const address = addresses.find((a) => recipients.some((r) => baseAddress(r) === a.address)) ?? null;
  const thread = await threadOf(trx, mail, from, recipients, [...ours]);

  if (mail.kind === 'auto_reply') {
    // Filed for the record, on the ticket it answers if any; never a ticket, never answered.
    return { outcome: 'auto_reply', reason: mail.autoReason, ack: null };
  }

  const author = await findOrCreateCustomer(
    trx,
    { email: from.address, name: from.name ?? undefined, locale: mail.locale },
    now,
  );
  const copied = [...mail.to, ...mail.cc]
    .map((a) => a.address)
    .filter((a) => !ours.has(baseAddress(a)) && a !== author.email);
  const cc: number[] = [];
  for (const address of [...new Set(copied)].slice(0, MAX_CC)) {
    cc.push((await findOrCreateCustomer(trx, { email: address }, now)).id);
  }
  const { body: html, quotedHtml } = prepared;
  const message = {
    author,
    html,
    quotedHtml,
    channel: 'email' as const,
    mailMessageId: messageId,
    emlBlobKey: emlKey,
    attachments: files,
    ccCustomerIds: cc,
    warning: mail.warnings.includes('malformed_mime') ? { key: 'malformedMail' as const, params: {} } : null,
  };

  if (thread && thread.status !== 'closed') {
    const ticket = await ops.add(thread, message);
    return { outcome: 'message', reason: null, ticket, ack: null };
  }
  const ticket = await ops.open({
    ...message,
    subject: mail.subject.trim().slice(0, 250) || '(no subject)',
    teamId: address?.team_id ?? null,
  });
  const ack =
    address && address.ack_enabled === 1 && author.email
      ? { number: ticket.number, address, to: author.email, locale: author.locale }
      : null;
  return { outcome: 'new_ticket', reason: thread ? 'follow_up_of_closed' : null, ticket, ack };
}

/**
 * The ticket a mail continues: the Message-IDs it answers; else a ticket token in the subject
 * ([#1042]) or a plus-addressed recipient (support+1042@…), but only when the sender is one of that
 * ticket's customers — a token alone is easy to forge.
 */
async function threadOf(
  trx: Executor,
  mail: ReadMail,
  from: MailAddress,
  recipients: string[],
  ours: string[],
): Promise<TicketRow | null> {
  const ids = [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...[...mail.references].reverse()];
  const byId = await ticketOfMailIds(trx, ids);
  if (byId) return byId;
  const numbers = [
    subjectTicketNumber(mail.subject),
    ...recipients.map((r) => plusAddressTicketNumber(r, ours)),
  ].filter((n): n is number => n !== null);
  for (const number of new Set(numbers)) {
    const row = await ticketByNumber(trx, number);
    if (!row) continue;
    const customers = await customerBriefs(trx, await ticketCustomerIds(trx, row));
    if ([...customers.values()].some((c) => c.email?.toLowerCase() === from.address)) return row;
  }
  return null;
}

/** An acknowledgement decided inside a command, to be enqueued once the command has committed. */
export interface PendingAck {
  mail: OutboundMail;
  jobId: string;
}

/**
 * The acknowledgement of a new ticket from the support address's template, in the customer's
 * language, unless loop protection says no (mail, the contact form). Decided in the transaction that
 * opened the ticket, so the loop-protection log commits with it; the caller enqueues the mail after
 * the commit (`sendAcknowledgement`), so no acknowledgement leaves for a ticket that was rolled back.
 * `thread`: the customer's mail it answers, so the acknowledgement threads under it. A failure here
 * costs the acknowledgement, never the ticket.
 */
export async function acknowledgement(
  deps: Deps,
  trx: Executor,
  ack: Ack,
  thread?: { messageId: string; references: string[] },
): Promise<PendingAck | null> {
  const now = deps.clock.now();
  try {
    if ((await repo.autoMailsSince(trx, ack.to, now - HOUR)) >= AUTO_MAILS_PER_HOUR) {
      deps.log.warn({ to: ack.to, ticket: ack.number }, 'acknowledgement not sent: loop protection');
      return null;
    }
    const row = await ticketByNumber(trx, ack.number);
    if (!row) return null;
    const { values } = await placeholderValues(trx, rowToDerived(row));
    const a = ack.address;
    const texts = renderAcknowledgement(a, values, ack.locale);
    if (!texts) return null;
    const subject =
      subjectTicketNumber(texts.subject) === row.number ? texts.subject : `${texts.subject} [#${row.number}]`;
    const domain = a.address.split('@')[1] ?? 'sahayak.invalid';
    await repo.logAutoMail(trx, ack.to, now);
    const mail: OutboundMail = {
      to: ack.to,
      from: senderOf(a),
      replyTo: plusAddress(a.address, row.number),
      messageId: `<ack-${row.number}-${randomBytes(6).toString('hex')}@${domain}>`,
      ...(thread
        ? {
            inReplyTo: `<${thread.messageId}>`,
            references: [...thread.references, thread.messageId].map((id) => `<${id}>`),
          }
        : {}),
      subject,
      text: `${REPLY_MARKER}\n\n${texts.text}`,
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Sahayak-Ticket': String(row.number) },
    };
    return { mail, jobId: `ack:${row.id}` };
  } catch (err) {
    deps.log.error({ err, ticket: ack.number }, 'acknowledgement not sent');
    return null;
  }
}

export async function sendAcknowledgement(deps: Deps, ack: PendingAck | null): Promise<void> {
  if (ack) await enqueueMail(deps, ack.mail, ack.jobId);
}
