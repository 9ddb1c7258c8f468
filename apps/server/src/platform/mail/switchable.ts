// The MailTransport the app uses: the outgoing SMTP server an admin set (Admin → Outgoing mail) when
// there is one, else the one from the environment (SMTP_URL, or the .eml outbox). The admin's
// settings are read at most every few seconds, so a change reaches every node without a restart.
import { type MailSender, sendVia } from './nodemailer.js';
import type { MailTransport, OutboundMail } from './transport.js';

export interface SmtpSettings {
  host: string;
  port: number;
  /** tls: encrypted from the first byte (465); starttls: upgraded on a plain port (587, required); none: never. */
  security: 'tls' | 'starttls' | 'none';
  username: string | null;
  password: string | null;
  /** Sender of mail that names none (password resets, reports): "Name <address>". */
  from: string;
}

export interface SwitchableMailTransport extends MailTransport {
  /** Forget the cached settings (after a change on this node). */
  invalidate(): void;
}

export function switchableMailTransport(
  sender: MailSender,
  fallback: MailTransport,
  load: () => Promise<SmtpSettings | null>,
  ttlMs = 5_000,
): SwitchableMailTransport {
  let cached: { at: number; settings: SmtpSettings | null } | null = null;
  const settings = async () => {
    if (!cached || Date.now() - cached.at > ttlMs) cached = { at: Date.now(), settings: await load() };
    return cached.settings;
  };
  return {
    async send(mail: OutboundMail) {
      const s = await settings();
      if (!s) return fallback.send(mail);
      // The mail thread keeps one transporter per settings, and drops the old one when they change.
      return sendVia(sender, { kind: 'smtp', settings: s }, s.from, mail);
    },
    invalidate() {
      cached = null;
    },
    async close() {
      await fallback.close();
      await sender.close();
    },
  };
}
