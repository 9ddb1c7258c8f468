// The first half of taking in a mail, which needs no database: read it (parse.ts) and store its
// bytes. ingest.ts records the result; the SMTP listener runs this half on its own thread
// (smtp-thread.ts), the IMAP poller and the API on the main thread.
import { createHash } from 'node:crypto';
import type { BlobStore } from '../../platform/blobs/store.js';
import { type CleanBody, cleanBody, textToHtml } from '../../platform/html/sanitize.js';
import type { InboundAttachment } from '../../tickets/commands.js';
import { type ParsedAttachment, type ParsedMail, parseMail } from './parse.js';

/**
 * A mail read and its bytes stored, ready to be recorded: what `prepareInbound` makes from the raw
 * bytes without the database, so the SMTP listener's thread can do it (smtp-thread.ts). The
 * attachments' contents are left out: they are in the blob store under `files`.
 */
export interface PreparedMail {
  mail: ReadMail;
  messageId: string;
  size: number;
  /** What the message shows: the new part of a reply, cleaned, with its text. */
  body: CleanBody;
  /** The whole mail (history, signature) kept folded under it, when that differs. */
  quotedHtml: string | null;
  emlKey: string;
  files: InboundAttachment[];
}

/** A parsed mail without its attachments' bytes. */
export type ReadMail = Omit<ParsedMail, 'attachments'> & { attachments: Omit<ParsedAttachment, 'content'>[] };

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const month = (now: number) => new Date(now).toISOString().slice(0, 7);

/**
 * Reads the mail and stores its bytes: the original .eml and each attachment, under keys that follow
 * their content, so a second delivery writes the same files again. The bytes go first: a crash
 * before the commit leaves an orphan file, never a row without its bytes.
 */
export async function prepareInbound(blobs: BlobStore, raw: Buffer, now: number): Promise<PreparedMail> {
  const mail = await parseMail(raw);
  const hash = sha256(raw);
  const messageId = (mail.messageId ?? `sha256-${hash}@sahayak.invalid`).slice(0, 998);
  const emlKey = `mail/${month(now)}/${hash.slice(0, 2)}/${hash}.eml`;
  await blobs.put(emlKey, raw);
  const files: InboundAttachment[] = [];
  if (mail.kind === 'normal') {
    for (const a of mail.attachments) {
      const sum = sha256(a.content);
      const key = `attachments/${month(now)}/${sum.slice(0, 2)}/${sum}`;
      await blobs.put(key, a.content);
      files.push({
        blobKey: key,
        fileName: a.filename,
        contentType: a.contentType,
        size: a.size,
        sha256: sum,
        contentId: a.contentId,
      });
    }
  }
  const attachments = mail.attachments.map(({ content: _, ...rest }) => rest);
  const { html, quotedHtml } = bodyOf(mail);
  return {
    mail: { ...mail, attachments },
    messageId,
    size: raw.length,
    body: cleanBody(html),
    quotedHtml,
    emlKey,
    files,
  };
}

/** The new part of a reply on show; the whole mail (history, signature) kept folded under it. */
function bodyOf(mail: ParsedMail): { html: string; quotedHtml: string | null } {
  const whole = mail.html ?? textToHtml(mail.text);
  const stripped = mail.newText.trim() !== mail.text.trim();
  const html = stripped ? textToHtml(mail.newText) : whole;
  // A mail with nothing to read but its subject (or only files) still says something.
  const hasText = html.replace(/<[^>]*>/g, '').trim() !== '';
  const shown = hasText || mail.attachments.length ? html : textToHtml(mail.subject || '—');
  return { html: shown, quotedHtml: stripped ? whole : null };
}
