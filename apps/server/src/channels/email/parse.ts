// One inbound mail, raw bytes in, the facts the email channel needs out: who wrote to whom, which
// thread it continues, its text and cleaned HTML, the new part of a reply, its attachments, and
// whether a person wrote it at all (auto-replies and bounces must never open loops).
//
// Pure apart from awaiting the MIME parser; never throws. What could not be read is said in
// `warnings`, so the caller can still file the mail rather than lose it.
//
// Decided here (issue 6):
// - auto_reply: Auto-Submitted other than "no"; X-Autoreply; X-Autorespond; X-Auto-Response-Suppress
//   naming All, OOF or AutoReply (Exchange sets it on its own automatic mails); Precedence bulk,
//   junk or list; a read receipt (multipart/report; report-type=disposition-notification); an empty
//   Return-Path (`<>`); a MAILER-DAEMON/postmaster sender whose mail is not a bounce.
// - List-Id and List-Unsubscribe alone do not make a mail automatic: a customer writing through a
//   team list carries them too, and newsletters set Precedence anyway. Precedence: list does, as
//   the issue asks, so a person writing through a Google Group (which sets it) comes out as
//   auto_reply: the caller should still file such mail, only never answer it automatically.
// - bounce: multipart/report with report-type=delivery-status (a DSN); or a mail from
//   MAILER-DAEMON/postmaster (or "Mail Delivery System") that carries the original message or reads
//   like a delivery failure. For bounces that are not DSNs the recipient and status are guessed from
//   the text (qmail, Exim, Postfix and Exchange wordings), and the action is inferred from the status
//   class. Every DSN is a bounce, delays and delivery reports too: `bounce.action` tells them apart.
// - message/rfc822 parts are kept as attachments, not unfolded into the text: a forwarded mail
//   stays one file for the agent, and a bounce's original does not pollute its text.
import {
  type AddressObject,
  type Attachment,
  type HeaderValue,
  parseAddressHeader,
  type StructuredHeader,
  simpleParser,
} from 'mailparser';
import { htmlToText, sanitizeMailHtml } from '../../platform/html/sanitize.js';
import { splitReply } from './quote.js';

export interface MailAddress {
  /** Lower-cased. */
  address: string;
  name: string | null;
}

export interface ParsedAttachment {
  filename: string;
  contentType: string;
  size: number;
  content: Buffer;
  /** Without the angle brackets. */
  contentId: string | null;
  /** An image the HTML shows in place through a `cid:` link. */
  inline: boolean;
}

export type MailKind = 'normal' | 'auto_reply' | 'bounce';

export interface BounceInfo {
  /** The Message-ID of the mail that bounced: how the caller finds the outbound message. */
  originalMessageId: string | null;
  recipient: string | null;
  action: string | null;
  status: string | null;
  diagnostic: string | null;
}

export interface ParsedMail {
  /** Without angle brackets; null when absent. */
  messageId: string | null;
  /** The first id only, normalised like messageId. */
  inReplyTo: string | null;
  /** In order, deduplicated. */
  references: string[];
  from: MailAddress | null;
  replyTo: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  /** Delivered-To and X-Original-To, lower-cased. */
  deliveredTo: string[];
  /** Decoded; '' when absent. */
  subject: string;
  /** Epoch ms. */
  date: number | null;
  /** The plain text part, else text derived from the HTML. */
  text: string;
  /** Sanitised; `cid:` images stay for the caller to rewrite. */
  html: string | null;
  /** The text without quoted history and signature; the whole text when nothing else is left. */
  newText: string;
  attachments: ParsedAttachment[];
  kind: MailKind;
  autoReason: string | null;
  bounce: BounceInfo | null;
  /** 'hi' when the new text is mostly Devanagari. */
  locale: 'en' | 'hi';
  warnings: string[];
}

/** Unfolded raw header values by lower-cased name, in order. */
type RawHeaders = Map<string, string[]>;

const PARSER_OPTIONS = {
  keepCidLinks: true,
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  keepDeliveryStatus: true,
  ignoreEmbedded: true,
  checksumAlgo: false,
} as const;

const DELIVERY_STATUS = new Set(['message/delivery-status', 'message/global-delivery-status']);
const ORIGINAL_MESSAGE = new Set(['message/rfc822', 'message/global']);
const ORIGINAL_HEADERS = new Set(['text/rfc822-headers', 'message/global-headers']);
const DAEMON_LOCAL = /^(?:mailer-daemon|mail-daemon|mailerdaemon|postmaster)$/i;
const DAEMON_NAME = /^mail delivery (?:system|subsystem)$/i;
const FAILURE_WORDING =
  /undeliver|delivery (?:status notification|has failed|failed|failure)|returned mail|could not be delivered|failure notice|permanent (?:error|failure)|not be delivered/i;

function unfold(value: string): string {
  return value.replace(/\r?\n[ \t]+/g, ' ').trim();
}

/** Header name → values, from raw `Name: value` lines (folding kept or not). */
function collectHeaders(lines: Iterable<{ key: string; line: string }>): RawHeaders {
  const out: RawHeaders = new Map();
  for (const { key, line } of lines) {
    // A line that is no header at all is kept under '' so that it can be reported.
    if (!key && !line.trim()) continue;
    const colon = key ? line.indexOf(':') : -1;
    const value = unfold(colon < 0 ? line : line.slice(colon + 1));
    const list = out.get(key);
    if (list) list.push(value);
    else out.set(key, [value]);
  }
  return out;
}

/** Splits a header block (text up to its first blank line) into raw lines with their keys. */
function headerLinesOf(block: string): { key: string; line: string }[] {
  const out: { key: string; line: string }[] = [];
  for (const line of block.replace(/\r\n?/g, '\n').split('\n')) {
    if (!line.trim()) break;
    const last = out[out.length - 1];
    if (/^[ \t]/.test(line) && last) {
      last.line += `\n${line}`;
      continue;
    }
    const m = /^([!-9;-~]+)[ \t]*:/.exec(line);
    out.push({ key: m ? m[1]!.toLowerCase() : '', line });
  }
  return out;
}

function first(headers: RawHeaders, name: string): string | null {
  return headers.get(name)?.[0] ?? null;
}

/** Message ids in a header value, without angle brackets; bare ids when there are no brackets. */
function messageIds(value: string): string[] {
  const withoutComments = value.replace(/\([^()]*\)/g, ' ');
  const bracketed = [...withoutComments.matchAll(/<([^<>]*)>/g)].map((m) => m[1]!.replace(/\s+/g, ''));
  const ids = bracketed.length ? bracketed : withoutComments.split(/[\s,]+/);
  return ids.map((id) => id.trim()).filter((id) => id.length > 0);
}

function normaliseId(value: string | null): string | null {
  return value === null ? null : (messageIds(value)[0] ?? null);
}

function addressesOf(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const out: MailAddress[] = [];
  const visit = (entries: AddressObject['value']) => {
    for (const e of entries) {
      if (e.group) visit(e.group);
      else if (e.address) out.push({ address: e.address.trim().toLowerCase(), name: e.name.trim() || null });
    }
  };
  for (const obj of value === undefined ? [] : Array.isArray(value) ? value : [value]) visit(obj.value);
  return out;
}

function addressesOfRaw(values: string[] | undefined): MailAddress[] {
  return values?.length ? addressesOf(parseAddressHeader(values)) : [];
}

function deliveredTo(headers: RawHeaders): string[] {
  const raw = [...(headers.get('delivered-to') ?? []), ...(headers.get('x-original-to') ?? [])];
  const set = new Set<string>();
  for (const a of addressesOfRaw(raw)) set.add(a.address);
  return [...set];
}

function dateOf(headers: RawHeaders, warnings: string[]): number | null {
  const value = first(headers, 'date');
  if (value === null) return null;
  const ms = Date.parse(value.replace(/\([^()]*\)/g, ' ').trim());
  if (Number.isNaN(ms)) {
    warnings.push('bad_date');
    return null;
  }
  return ms;
}

/** RFC 2047 words, for the path where the MIME parser gave up. */
function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?\s]+\?[bq]\?[^?\s]*\?=)\s+(?==\?)/gi, '$1')
    .replace(/=\?([^?\s]+)\?([bq])\?([^?\s]*)\?=/gi, (all, charset: string, enc: string, data: string) => {
      const bytes =
        enc.toLowerCase() === 'b'
          ? Buffer.from(data, 'base64')
          : Buffer.from(
              data
                .replace(/_/g, ' ')
                .replace(/=([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
              'latin1',
            );
      try {
        return new TextDecoder(charset.replace(/\*.*$/, '')).decode(bytes);
      } catch {
        return all;
      }
    });
}

/** Charsets the parser would not know: it then reads the bytes as UTF-8, so the text may be off. */
function charsetWarnings(raw: string): string[] {
  const out = new Set<string>();
  for (const m of raw.matchAll(/^content-type:[^\n]*(?:\n[ \t][^\n]*)*/gim)) {
    const cs = /charset\s*=\s*"?([^";\s]+)/i.exec(m[0]);
    if (!cs) continue;
    const label = cs[1]!.toLowerCase();
    // Code pages iconv-lite decodes that the WHATWG list behind TextDecoder lacks.
    if (/^(?:cp|ibm)\d{3,4}$/.test(label)) continue;
    try {
      new TextDecoder(label);
    } catch {
      out.add(`charset_unknown:${label}`);
    }
  }
  return [...out];
}

/** A multipart without a boundary, or whose boundary never closes, is malformed (and was guessed at). */
function structureWarnings(raw: string, headers: RawHeaders): string[] {
  const out: string[] = [];
  for (const m of raw.matchAll(/^content-type:[ \t]*multipart\/[^\n]*(?:\n[ \t][^\n]*)*/gim)) {
    const b = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(m[0]);
    const boundary = b ? (b[1] ?? b[2])! : null;
    if (!boundary || !raw.includes(`--${boundary}--`)) {
      out.push('malformed_mime');
      break;
    }
  }
  if (headers.has('')) out.push('malformed_headers');
  return out;
}

function extension(contentType: string): string {
  const known: Record<string, string> = {
    'application/pdf': '.pdf',
    'image/png': '.png',
    'image/jpeg': '.jpg',
    'image/gif': '.gif',
    'text/plain': '.txt',
    'text/html': '.html',
    'text/calendar': '.ics',
    'message/rfc822': '.eml',
    'message/global': '.eml',
    'text/rfc822-headers': '.txt',
    'message/disposition-notification': '.txt',
  };
  return known[contentType] ?? '.bin';
}

function attachmentsOf(list: Attachment[], html: string | null): ParsedAttachment[] {
  return list
    .filter((a) => !DELIVERY_STATUS.has(a.contentType.toLowerCase()))
    .map((a, i) => {
      const contentType = a.contentType.toLowerCase();
      const contentId = a.cid?.trim() || null;
      const referenced = contentId !== null && (html?.includes(`cid:${contentId}`) ?? false);
      return {
        filename: a.filename?.trim() || `attachment-${i + 1}${extension(contentType)}`,
        contentType,
        size: a.size ?? a.content.length,
        content: a.content,
        contentId,
        inline: referenced && contentType.startsWith('image/'),
      };
    });
}

/** `rfc822; a@b.c` → `a@b.c`; `smtp; 550 …` → `550 …`. */
function withoutType(value: string | null): string | null {
  if (value === null) return null;
  const v = value.replace(/^[\w-]+\s*;\s*/, '').trim();
  return v || null;
}

function actionFromStatus(status: string | null): string | null {
  if (!status) return null;
  return ({ '2': 'delivered', '4': 'delayed', '5': 'failed' } as Record<string, string>)[status[0]!] ?? null;
}

/** The Message-ID of the original, from its attached message or headers, or from the text. */
function originalMessageId(attachments: ParsedAttachment[], text: string, inReplyTo: string | null): string | null {
  for (const a of attachments) {
    if (!ORIGINAL_MESSAGE.has(a.contentType) && !ORIGINAL_HEADERS.has(a.contentType)) continue;
    const id = normaliseId(first(collectHeaders(headerLinesOf(a.content.toString('utf8'))), 'message-id'));
    if (id) return id;
  }
  const inText = /^[ \t>]*message-id:[ \t]*(<[^<>\s]+>)/im.exec(text);
  // Exchange's non-delivery reports answer the original: In-Reply-To names it.
  return normaliseId(inText?.[1] ?? null) ?? inReplyTo;
}

function dsnInfo(report: Buffer): Omit<BounceInfo, 'originalMessageId'> {
  const blocks = report
    .toString('utf8')
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((b) => collectHeaders(headerLinesOf(b)));
  const recipients = blocks.slice(1).filter((b) => b.has('final-recipient') || b.has('original-recipient'));
  const chosen = recipients.find((b) => first(b, 'action')?.toLowerCase() === 'failed') ?? recipients[0];
  if (!chosen) return { recipient: null, action: null, status: null, diagnostic: null };
  const recipient = withoutType(first(chosen, 'final-recipient') ?? first(chosen, 'original-recipient'));
  const status = first(chosen, 'status')?.split(/\s/)[0] ?? null;
  return {
    recipient: recipient?.replace(/^<|>$/g, '').toLowerCase() ?? null,
    action: first(chosen, 'action')?.toLowerCase() ?? actionFromStatus(status),
    status,
    diagnostic: withoutType(first(chosen, 'diagnostic-code')),
  };
}

/** Where a bounce that is not a DSN starts quoting the original (qmail, Exim, Sendmail wordings). */
const COPY_MARKER =
  /^[ \t-]*(?:below this line is a copy of the message|this is a copy of the message|original message follows|the original message (?:was|is)|(?:original|returned|undelivered) message\b)/im;

/** Recipient, status and reason of a bounce that is not a DSN, as the common MTAs word them. */
function textBounceInfo(full: string): Omit<BounceInfo, 'originalMessageId'> {
  const copy = COPY_MARKER.exec(full);
  const text = copy ? full.slice(0, copy.index) : full;
  // qmail and Postfix: "<user@host>:" and the reason after it, on that line and the next ones.
  const angled = /^[ \t]*<([^<>\s]+@[^<>\s]+)>:[ \t]*(.*)$/m.exec(text);
  const recipient =
    angled?.[1] ??
    /(?:address(?:\(es\)|es)? failed|recipients or groups):\s*\n\s*<?([^<>\s]+@[^<>\s:]+)>?/i.exec(text)?.[1] ??
    /^[ \t]*(?:final|original)-recipient:[ \t]*(?:rfc822;)?[ \t]*<?([^<>\s]+@[^<>\s]+)>?/im.exec(text)?.[1] ??
    null;
  let diagnostic: string | null = null;
  if (angled) {
    const rest = text.slice(angled.index + angled[0].length).split('\n');
    const lines = [angled[2]!];
    for (const line of rest.slice(1)) {
      if (!line.trim()) break;
      lines.push(line);
    }
    diagnostic = lines.join(' ').replace(/\s+/g, ' ').trim() || null;
  }
  // Exim, Exchange and others: the remote server's reply (a code and an enhanced status code), else
  // a line that starts with a reply code.
  diagnostic ??=
    /(?:^|\s)([45]\d\d[ -][245]\.\d{1,3}\.\d{1,3}\b[^\n]*)$/m.exec(text)?.[1]?.trim() ??
    /^[ \t]*([45]\d\d[ -]\S[^\n]*)$/m.exec(text)?.[1]?.trim() ??
    null;
  const status = /(?:^|[^\d.])([245]\.\d{1,3}\.\d{1,3})(?![\d.])/.exec(text)?.[1] ?? null;
  return { recipient: recipient?.toLowerCase() ?? null, action: actionFromStatus(status), status, diagnostic };
}

interface ContentType {
  value: string;
  params: Record<string, string>;
}

interface Kind {
  kind: MailKind;
  autoReason: string | null;
  bounce: BounceInfo | null;
}

function kindOf(
  headers: RawHeaders,
  contentType: ContentType | null,
  from: MailAddress | null,
  subject: string,
  text: string,
  attachments: ParsedAttachment[],
  reports: Buffer[],
  inReplyTo: string | null,
): Kind {
  const reportType = contentType?.value === 'multipart/report' ? (contentType.params['report-type'] ?? '') : null;
  const hasOriginal = attachments.some(
    (a) => ORIGINAL_MESSAGE.has(a.contentType) || ORIGINAL_HEADERS.has(a.contentType),
  );

  if (reportType?.toLowerCase() === 'delivery-status' || (reportType !== null && reports.length > 0)) {
    const info = reports[0] ? dsnInfo(reports[0]) : textBounceInfo(text);
    return {
      kind: 'bounce',
      autoReason: 'multipart/report',
      bounce: { originalMessageId: originalMessageId(attachments, text, inReplyTo), ...info },
    };
  }
  const daemon =
    from !== null && (DAEMON_LOCAL.test(from.address.split('@')[0] ?? '') || DAEMON_NAME.test(from.name ?? ''));
  if (daemon && (hasOriginal || FAILURE_WORDING.test(subject) || FAILURE_WORDING.test(text))) {
    return {
      kind: 'bounce',
      autoReason: `From: ${from.address}`,
      bounce: { originalMessageId: originalMessageId(attachments, text, inReplyTo), ...textBounceInfo(text) },
    };
  }

  const auto = (autoReason: string): Kind => ({ kind: 'auto_reply', autoReason, bounce: null });
  const submitted = first(headers, 'auto-submitted')
    ?.toLowerCase()
    .split(/[\s;(]/)[0];
  if (submitted && submitted !== 'no') return auto(`Auto-Submitted: ${submitted}`);
  for (const name of ['X-Autoreply', 'X-Autorespond']) {
    const value = first(headers, name.toLowerCase());
    if (value !== null) return auto(`${name}: ${value.toLowerCase()}`.trimEnd());
  }
  const suppress = first(headers, 'x-auto-response-suppress');
  if (suppress && /\b(?:all|oof|autoreply)\b/i.test(suppress)) return auto(`X-Auto-Response-Suppress: ${suppress}`);
  const precedence = first(headers, 'precedence')?.toLowerCase().trim();
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list') return auto(`Precedence: ${precedence}`);
  if (reportType !== null) return auto(`multipart/report; report-type=${reportType.toLowerCase()}`);
  if (headers.get('return-path')?.some((v) => /^<\s*>$/.test(v) || v === '')) return auto('Return-Path: <>');
  if (daemon) return auto(`From: ${from.address}`);
  return { kind: 'normal', autoReason: null, bounce: null };
}

/** The top Content-Type, which mailparser gives as a structured header. */
function contentTypeOf(value: HeaderValue | undefined): ContentType | null {
  if (!value || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) return null;
  const { value: type, params } = value as StructuredHeader;
  return typeof type === 'string' ? { value: type.toLowerCase(), params: params ?? {} } : null;
}

function localeOf(text: string): 'en' | 'hi' {
  const devanagari = text.match(/[\u0900-\u097F]/g)?.length ?? 0;
  const latin = text.match(/[A-Za-z\u00C0-\u024F]/g)?.length ?? 0;
  return devanagari > latin ? 'hi' : 'en';
}

function cleanHtml(html: string): string {
  // A head holds no content, but sanitize-html would keep the text of its <title>.
  return sanitizeMailHtml(html.replace(/<head[\s>][\s\S]*?<\/head\s*>/gi, '')).trim();
}

function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/^(?:[ \t]*\n)+/, '')
    .trimEnd();
}

function newTextOf(text: string): string {
  const { newText } = splitReply(text);
  return newText.trim() ? newText : text;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

/** Parses one raw mail; never throws. */
export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  const rawText = raw.toString('latin1').replace(/\r\n/g, '\n');
  try {
    const mail = await simpleParser(raw, PARSER_OPTIONS);
    const headers = collectHeaders(mail.headerLines ?? []);
    const warnings = [...structureWarnings(rawText, headers), ...charsetWarnings(rawText)];

    const html = typeof mail.html === 'string' ? cleanHtml(mail.html) : null;
    let text = normaliseText(mail.text ?? '');
    if (!text.trim() && html) text = htmlToText(html);
    // A multipart the parser could not split leaves its body unread: show it as it came.
    if (!text.trim() && !html && warnings.includes('malformed_mime')) text = rawBody(raw);
    const attachments = attachmentsOf(mail.attachments, html);
    const reports = mail.attachments
      .filter((a) => DELIVERY_STATUS.has(a.contentType.toLowerCase()))
      .map((a) => a.content);

    const from = addressesOf(mail.from)[0] ?? null;
    const subject = (mail.subject ?? '').trim();
    const inReplyTo = normaliseId(first(headers, 'in-reply-to'));
    const contentType = contentTypeOf(mail.headers.get('content-type'));
    const newText = newTextOf(text);
    return finish(
      {
        messageId: normaliseId(first(headers, 'message-id')),
        inReplyTo,
        references: unique((headers.get('references') ?? []).flatMap(messageIds)),
        from,
        replyTo: addressesOf(mail.replyTo)[0] ?? null,
        to: addressesOf(mail.to),
        cc: addressesOf(mail.cc),
        deliveredTo: deliveredTo(headers),
        subject,
        date: dateOf(headers, warnings),
        text,
        html,
        newText,
        attachments,
        ...kindOf(headers, contentType, from, subject, text, attachments, reports, inReplyTo),
        locale: localeOf(newText),
        warnings,
      },
      headers,
    );
  } catch {
    return fromRaw(raw);
  }
}

function splitRaw(raw: Buffer): { head: string; body: string } {
  const whole = raw.toString('utf8').replace(/\r\n?/g, '\n');
  const split = whole.indexOf('\n\n');
  return split < 0 ? { head: whole, body: '' } : { head: whole.slice(0, split), body: whole.slice(split + 2) };
}

function rawBody(raw: Buffer): string {
  return normaliseText(splitRaw(raw).body);
}

/** What can be read without the MIME parser: the headers, and the body as UTF-8 text. */
function fromRaw(raw: Buffer): ParsedMail {
  const { head, body } = splitRaw(raw);
  const headers = collectHeaders(headerLinesOf(head));
  const warnings = ['malformed_mime'];
  const text = normaliseText(body);
  const from = addressesOfRaw(headers.get('from'))[0] ?? null;
  const subject = decodeWords(first(headers, 'subject') ?? '').trim();
  const inReplyTo = normaliseId(first(headers, 'in-reply-to'));
  const newText = newTextOf(text);
  return finish(
    {
      messageId: normaliseId(first(headers, 'message-id')),
      inReplyTo,
      references: unique((headers.get('references') ?? []).flatMap(messageIds)),
      from,
      replyTo: addressesOfRaw(headers.get('reply-to'))[0] ?? null,
      to: addressesOfRaw(headers.get('to')),
      cc: addressesOfRaw(headers.get('cc')),
      deliveredTo: deliveredTo(headers),
      subject,
      date: dateOf(headers, warnings),
      text,
      html: null,
      newText,
      attachments: [],
      ...kindOf(headers, null, from, subject, text, [], [], inReplyTo),
      locale: localeOf(newText),
      warnings,
    },
    headers,
  );
}

function finish(mail: ParsedMail, headers: RawHeaders): ParsedMail {
  const warnings = [...mail.warnings];
  if (!mail.from) warnings.push('no_from');
  if (!mail.messageId) warnings.push('no_message_id');
  if (headers.has('') && !warnings.includes('malformed_headers')) warnings.push('malformed_headers');
  return { ...mail, warnings: unique(warnings) };
}
