// The MailTransport the app uses: the outgoing SMTP server an admin set (Admin → Outgoing mail) when
// there is one, else the one from the environment (SMTP_URL, or the .eml outbox). The admin's
// settings are read at most every few seconds, so a change reaches every node without a restart.
import nodemailer from 'nodemailer';
import { message } from './nodemailer.js';
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

/** A nodemailer transporter for these settings (also for the "send test mail" button before saving). */
export function smtpTransporter(s: SmtpSettings) {
  return nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.security === 'tls',
    requireTLS: s.security === 'starttls',
    ignoreTLS: s.security === 'none',
    ...(s.username ? { auth: { user: s.username, pass: s.password ?? '' } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
}

export interface SwitchableMailTransport extends MailTransport {
  /** Forget the cached settings (after a change on this node). */
  invalidate(): void;
}

export function switchableMailTransport(
  fallback: MailTransport,
  load: () => Promise<SmtpSettings | null>,
  ttlMs = 5_000,
): SwitchableMailTransport {
  let cached: { at: number; settings: SmtpSettings | null } | null = null;
  let current: { key: string; transporter: ReturnType<typeof smtpTransporter> } | null = null;
  const settings = async () => {
    if (!cached || Date.now() - cached.at > ttlMs) cached = { at: Date.now(), settings: await load() };
    return cached.settings;
  };
  return {
    async send(mail: OutboundMail) {
      const s = await settings();
      if (!s) return fallback.send(mail);
      const key = JSON.stringify(s);
      if (current?.key !== key) {
        current?.transporter.close();
        current = { key, transporter: smtpTransporter(s) };
      }
      const info = await current.transporter.sendMail(message(s.from, mail));
      return { messageId: info.messageId };
    },
    invalidate() {
      cached = null;
    },
    async close() {
      current?.transporter.close();
      await fallback.close();
    },
  };
}
