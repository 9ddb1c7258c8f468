// MailTransport adapters: real SMTP, or .eml files in a folder when no SMTP is set. nodemailer runs
// on the mail thread (send-thread.ts); these only name the route and wait for the answer.
import { type Thread, workerThread } from '../threads.js';
import type { MailHandlers, MailRoute } from './send-thread.js';
import type { MailTransport, OutboundMail } from './transport.js';

export type MailSender = Thread<MailHandlers>;

/** The thread that composes and sends outbound mail; started on the first mail. */
export function mailSender(): MailSender {
  return workerThread<MailHandlers>(new URL('./send-thread.js', import.meta.url), null, 'mail');
}

export async function sendVia(sender: MailSender, route: MailRoute, from: string, mail: OutboundMail) {
  return sender.call('send', { route, from, mail });
}

export function smtpMailTransport(sender: MailSender, smtpUrl: string, from: string): MailTransport {
  return {
    send: (mail: OutboundMail) => sendVia(sender, { kind: 'smtp-url', url: smtpUrl }, from, mail),
    // The mail thread is closed by the transport that owns it (switchable.ts), once.
    close: async () => undefined,
  };
}

/** Writes each mail as an .eml file, so a fresh install without SMTP loses nothing it would have sent. */
export function outboxMailTransport(sender: MailSender, folder: string, from: string): MailTransport {
  return {
    send: (mail: OutboundMail) => sendVia(sender, { kind: 'outbox', folder }, from, mail),
    // The mail thread is closed by the transport that owns it (switchable.ts), once.
    close: async () => undefined,
  };
}
