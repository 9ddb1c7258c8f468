// The mail thread's side of outbound mail (platform/threads.ts): nodemailer composes each message
// and hands it to an SMTP server or writes it to the outbox folder, on a core of its own. Which
// route a mail takes is decided on the main thread (nodemailer.ts, switchable.ts); transporters are
// kept per route, so an SMTP connection pool lives as long as its settings do.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { SmtpSettings } from './switchable.js';
import type { OutboundMail } from './transport.js';

export type MailRoute =
  | { kind: 'smtp-url'; url: string }
  | { kind: 'smtp'; settings: SmtpSettings }
  /** .eml files in a folder, for an install without SMTP: nothing it would have sent is lost. */
  | { kind: 'outbox'; folder: string };

/** Our mail as nodemailer takes it. */
export function message(from: string, mail: OutboundMail) {
  const { attachments, ...rest } = mail;
  return {
    from,
    ...rest,
    ...(attachments?.length
      ? {
          attachments: attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: a.contentBase64,
            encoding: 'base64',
          })),
        }
      : {}),
  };
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

type Transporter = ReturnType<typeof nodemailer.createTransport>;

function transporterFor(route: MailRoute): Transporter {
  switch (route.kind) {
    case 'smtp-url':
      return nodemailer.createTransport(route.url);
    case 'smtp':
      return smtpTransporter(route.settings);
    case 'outbox':
      return nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }
}

async function writeOutbox(folder: string, made: Set<string>, bytes: Buffer) {
  if (!made.has(folder)) {
    await mkdir(folder, { recursive: true });
    made.add(folder);
  }
  const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 8)}.eml`;
  try {
    await writeFile(path.join(folder, name), bytes);
  } catch (err) {
    // The folder went away (someone emptied the outbox): make it again.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, name), bytes);
  }
}

export function createHandlers() {
  const transporters = new Map<string, Transporter>();
  const made = new Set<string>();
  return {
    async send({ route, from, mail }: { route: MailRoute; from: string; mail: OutboundMail }) {
      const key = JSON.stringify(route);
      let transporter = transporters.get(key);
      if (!transporter) {
        // Settings changed: the old server's pool is no longer wanted.
        if (route.kind === 'smtp') {
          for (const [k, t] of transporters) {
            if (!k.startsWith('{"kind":"smtp",')) continue;
            t.close();
            transporters.delete(k);
          }
        }
        transporter = transporterFor(route);
        transporters.set(key, transporter);
      }
      const info = await transporter.sendMail(message(from, mail));
      if (route.kind === 'outbox')
        await writeOutbox(route.folder, made, (info as unknown as { message: Buffer }).message);
      return { messageId: info.messageId as string };
    },
    async close() {
      for (const t of transporters.values()) t.close();
      transporters.clear();
    },
  };
}

export type MailHandlers = ReturnType<typeof createHandlers>;
