// MailTransport adapters built on nodemailer: real SMTP, or .eml files in a folder when no SMTP is set.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { MailTransport, OutboundMail } from './transport.js';

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

export function smtpMailTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail: OutboundMail) {
      const info = await transporter.sendMail(message(from, mail));
      return { messageId: info.messageId };
    },
    async close() {
      transporter.close();
    },
  };
}

/** Writes each mail as an .eml file, so a fresh install without SMTP loses nothing it would have sent. */
export function outboxMailTransport(folder: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  // Made once (and again only if it went away), not before every mail.
  let made = false;
  return {
    async send(mail: OutboundMail) {
      const info = await transporter.sendMail(message(from, mail));
      if (!made) {
        await mkdir(folder, { recursive: true });
        made = true;
      }
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 8)}.eml`;
      try {
        await writeFile(path.join(folder, name), info.message as Buffer);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        await mkdir(folder, { recursive: true });
        await writeFile(path.join(folder, name), info.message as Buffer);
      }
      return { messageId: info.messageId };
    },
    async close() {
      transporter.close();
    },
  };
}
