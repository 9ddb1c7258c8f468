// The customer portal and the public contact form: customers sign in by a single-use link mailed to
// them, then see and answer only their own tickets (and their organisation's, when it shares them).
// Every ticket a customer opens or answers here goes through customerCommand, as a mail would.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  type CustomerBrief,
  findCustomerBrief,
  findCustomerByEmail,
  findOrCreateCustomer,
  portalOrganisation,
  setCustomerLocale,
} from '../../customers/service.js';
import { portalSurveyOf } from '../../feedback/surveys.js';
import { iso } from '../../platform/auth/dto.js';
import { randomToken, sha256 } from '../../platform/auth/passwords.js';
import { assertNotThrottled, recordFailure, type ThrottleKey } from '../../platform/auth/throttle.js';
import type { Deps } from '../../platform/context.js';
import { type Executor, transaction } from '../../platform/db/index.js';
import type { SupportAddressRow, TicketStatus } from '../../platform/db/types.js';
import { AppError, fieldError, type Locale } from '../../platform/errors.js';
import { textToHtml } from '../../platform/html/sanitize.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { enqueueMail } from '../../platform/mail/jobs.js';
import { readSettingsFor } from '../../platform/settings/service.js';
import { safeFileName } from '../../tickets/attachments.js';
import { customerCommand, type InboundAttachment, type InboundMessage } from '../../tickets/commands.js';
import { ticketByNumber } from '../../tickets/service.js';
import { supportAddressRows } from '../email/addresses.js';
import { acknowledgement, sendAcknowledgement } from '../email/ingest.js';
import * as repo from './repo.js';
import {
  MAX_PORTAL_FILES,
  type PortalCustomerDto,
  type PortalStatusDto,
  type PortalTicketDetailDto,
  type PortalTicketSummaryDto,
} from './schema.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How long a mailed sign-in link works. */
export const LINK_MINUTES = 15;
/** How long a portal session lasts from sign-in (it does not slide: a month on, the mailbox is asked again). */
export const PORTAL_SESSION_DAYS = 30;
export const PORTAL_COOKIE = 'sahayak_portal';
const TOUCH_EVERY_MS = MINUTE;

export interface PortalSession {
  sessionId: number;
  csrfToken: string;
  customer: CustomerBrief;
}

/** Who asks and from where: the signed-in customer, for every route behind the portal session. */
export interface PortalCtx {
  deps: Deps;
  session: PortalSession;
}

// ---------- throttling ----------

/** Refuses with 429 while any key is over its limit, then counts this request against each key. */
async function countRequest(deps: Deps, keys: ThrottleKey[]): Promise<void> {
  const db = deps.db.kysely;
  try {
    await assertNotThrottled(db, keys, deps.clock.now());
  } catch (err) {
    // The same limit, told as what it is here: too many requests, not failed passwords.
    if (err instanceof AppError && err.code === 'too_many_attempts') {
      throw new AppError('too_many_requests', err.details, err.headers);
    }
    throw err;
  }
  await recordFailure(db, keys, deps.clock.now());
}

// ---------- sign-in by mailed link ----------

const linkMail = {
  en: (company: string, name: string, link: string): [string, string] => [
    `Your sign-in link for ${company} support`,
    `Hello ${name},\n\nOpen this link within ${LINK_MINUTES} minutes to see your requests to ${company} support:\n\n${link}\n\nThe link works once. If you did not ask for it, ignore this mail: nobody can sign in without it.\n`,
  ],
  hi: (company: string, name: string, link: string): [string, string] => [
    `${company} सहायता के लिए आपका साइन-इन लिंक`,
    `नमस्ते ${name},\n\n${company} सहायता को भेजे गए अपने अनुरोध देखने के लिए ${LINK_MINUTES} मिनट के भीतर यह लिंक खोलें:\n\n${link}\n\nयह लिंक केवल एक बार काम करता है। यदि आपने इसे नहीं माँगा था, तो इस मेल को अनदेखा करें: इसके बिना कोई साइन इन नहीं कर सकता।\n`,
  ],
} as const;

/**
 * Mails a sign-in link to a customer who has written in before. The answer never says whether the
 * address is known, and an unknown address gets no mail at all: the portal cannot be used to send
 * mail to strangers (the sign-in page points newcomers to the contact form instead).
 */
export async function requestSignInLink(
  deps: Deps,
  ip: string,
  input: { email: string; locale?: Locale | undefined },
): Promise<void> {
  await countRequest(deps, [
    { kind: 'portal_email', value: input.email },
    { kind: 'portal_ip', value: ip },
  ]);
  const customer = await findCustomerByEmail(deps.db.kysely, input.email);
  if (!customer?.email) return;
  const now = deps.clock.now();
  const secret = randomToken();
  await repo.insertMagicLink(deps.db.kysely, {
    token_hash: sha256(secret),
    customer_id: customer.id,
    created_at: now,
    expires_at: now + LINK_MINUTES * MINUTE,
  });
  const { companyName } = await readSettingsFor(deps.db.kysely);
  const link = `${deps.config.publicUrl}/portal/verify?token=${encodeURIComponent(secret)}`;
  const [subject, text] = linkMail[input.locale ?? customer.locale](companyName, customer.name, link);
  await enqueueMail(deps, { to: customer.email, subject, text });
}

/** Exchanges a link's secret for a portal session; the link then no longer works. */
export async function verifySignInLink(deps: Deps, token: string) {
  return transaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const link = await repo.findMagicLink(trx, sha256(token));
    if (!link || link.used_at !== null || link.expires_at <= now) throw new AppError('portal_link_invalid');
    if (!(await repo.useMagicLink(trx, link.id, now))) throw new AppError('portal_link_invalid');
    const customer = await findCustomerBrief(trx, link.customer_id);
    if (!customer?.email) throw new AppError('portal_link_invalid');
    const secret = randomToken();
    const csrfToken = randomToken(24);
    await repo.insertSession(trx, {
      token_hash: sha256(secret),
      customer_id: customer.id,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: now + PORTAL_SESSION_DAYS * DAY,
    });
    return { sessionSecret: secret, csrfToken, customer: await customerDto(trx, customer) };
  });
}

/** The portal session a cookie names; 'expired' when it names one that no longer counts. */
export async function resolvePortalSession(deps: Deps, raw: string): Promise<PortalSession | 'expired'> {
  const db = deps.db.kysely;
  const now = deps.clock.now();
  const s = await repo.findSession(db, sha256(raw));
  if (!s || s.expires_at <= now) return 'expired';
  const customer = await findCustomerBrief(db, s.customer_id);
  if (!customer?.email) return 'expired';
  if (now - s.last_seen_at > TOUCH_EVERY_MS) await repo.touchSession(db, s.id, now);
  return { sessionId: s.id, csrfToken: s.csrf_token, customer };
}

export async function signOut(ctx: PortalCtx): Promise<void> {
  await repo.deleteSession(ctx.deps.db.kysely, ctx.session.sessionId);
}

async function customerDto(db: Executor, c: CustomerBrief): Promise<PortalCustomerDto> {
  const org = c.organisation_id !== null ? await portalOrganisation(db, c.organisation_id) : undefined;
  return { id: c.id, name: c.name, email: c.email ?? '', locale: c.locale, organisation: org ?? null };
}

export async function me(ctx: PortalCtx) {
  return { customer: await customerDto(ctx.deps.db.kysely, ctx.session.customer), csrfToken: ctx.session.csrfToken };
}

/** The customer's language: the portal's and that of every mail Sahayak sends them. */
export async function updateMe(ctx: PortalCtx, input: { locale: Locale }) {
  const { db, clock } = ctx.deps;
  await setCustomerLocale(db.kysely, ctx.session.customer.id, input.locale, clock.now());
  const customer = { ...ctx.session.customer, locale: input.locale };
  return { customer: await customerDto(db.kysely, customer), csrfToken: ctx.session.csrfToken };
}

export async function company(deps: Deps) {
  return { companyName: (await readSettingsFor(deps.db.kysely)).companyName };
}

// ---------- the customer's tickets ----------

async function viewerOf(ctx: PortalCtx): Promise<repo.Viewer> {
  const c = ctx.session.customer;
  const org = c.organisation_id !== null ? await portalOrganisation(ctx.deps.db.kysely, c.organisation_id) : undefined;
  return { customerId: c.id, sharedOrganisationId: org?.sharesTickets ? org.id : null };
}

const portalStatus: Record<TicketStatus, PortalStatusDto> = {
  new: 'open',
  open: 'open',
  on_hold: 'open',
  pending: 'pending',
  solved: 'solved',
  closed: 'closed',
};

function summaryOf(row: repo.VisibleTicketRow, customerId: number, cc: Set<number>): PortalTicketSummaryDto {
  return {
    number: row.number,
    subject: row.subject,
    status: portalStatus[row.status],
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    requesterName: row.requester_name,
    relation: row.requester_id === customerId ? 'requester' : cc.has(row.id) ? 'cc' : 'organisation',
  };
}

const ListCursor = z.object({ u: z.number().int(), id: z.number().int() });

export async function listTickets(ctx: PortalCtx, query: { limit: number; cursor?: string | undefined }) {
  const db = ctx.deps.db.kysely;
  const viewer = await viewerOf(ctx);
  const after = query.cursor ? decodeCursor(query.cursor, ListCursor) : null;
  const rows = await repo.listVisibleTickets(
    db,
    viewer,
    after ? { updatedAt: after.u, id: after.id } : null,
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  const cc = await repo.ccTicketIds(
    db,
    viewer.customerId,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((r) => summaryOf(r, viewer.customerId, cc)),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ u: last.updated_at, id: last.id }) : null,
  };
}

/** Any ticket the customer may not see is "not found", exactly like one that does not exist. */
async function visibleTicket(db: Executor, viewer: repo.Viewer, number: number) {
  const row = await repo.findVisibleTicket(db, viewer, { number });
  if (!row) throw new AppError('ticket_not_found');
  return row;
}

async function ticketDetail(
  deps: Deps,
  db: Executor,
  viewer: repo.Viewer,
  number: number,
): Promise<PortalTicketDetailDto> {
  const row = await visibleTicket(db, viewer, number);
  const survey = await portalSurveyOf(deps, db, row, viewer.customerId);
  const messages = await repo.publicMessages(db, row.id);
  const files = await repo.attachmentsOfMessages(
    db,
    messages.map((m) => m.id),
  );
  const cc = await repo.ccTicketIds(db, viewer.customerId, [row.id]);
  return {
    ...summaryOf(row, viewer.customerId, cc),
    messages: messages.map((m) => ({
      id: m.id,
      author:
        m.kind === 'reply'
          ? { type: 'agent' as const, name: m.user_name ?? '' }
          : { type: 'customer' as const, name: m.customer_name ?? '' },
      mine: m.kind === 'customer' && m.author_customer_id === viewer.customerId,
      // Inline images point at the staff download; the portal serves them through its own route.
      html: m.body_html.replace(/\/api\/v1\/attachments\/(\d+)/g, '/api/v1/portal/attachments/$1'),
      createdAt: iso(m.created_at),
      attachments: files
        .filter((f) => f.message_id === m.id)
        .map((f) => ({
          id: f.id,
          fileName: f.file_name,
          contentType: f.content_type,
          size: f.size,
          url: `/api/v1/portal/attachments/${f.id}`,
        })),
    })),
    survey,
  };
}

export async function getTicket(ctx: PortalCtx, number: number) {
  return { ticket: await ticketDetail(ctx.deps, ctx.deps.db.kysely, await viewerOf(ctx), number) };
}

export async function downloadAttachment(ctx: PortalCtx, id: number) {
  const db = ctx.deps.db.kysely;
  const row = await repo.publicAttachment(db, id);
  const visible =
    row?.ticket_id != null && (await repo.findVisibleTicket(db, await viewerOf(ctx), { id: row.ticket_id }));
  if (!row || !visible) throw new AppError('attachment_not_found');
  const data = await ctx.deps.blobs.get(row.blob_key);
  if (!data) throw new AppError('attachment_not_found');
  return { fileName: row.file_name, contentType: row.content_type, data };
}

export interface UploadedFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

/** The files into the blob store first: a crash before the commit leaves an orphan file, never a row without bytes. */
async function storeFiles(deps: Deps, files: UploadedFile[]): Promise<InboundAttachment[]> {
  if (files.length > MAX_PORTAL_FILES) throw fieldError('files', 'too_many');
  for (const f of files) {
    if (f.data.length > deps.config.attachmentMaxBytes) {
      throw new AppError('payload_too_large', { limitBytes: deps.config.attachmentMaxBytes });
    }
  }
  const month = new Date(deps.clock.now()).toISOString().slice(0, 7);
  const stored: InboundAttachment[] = [];
  for (const f of files) {
    const sum = createHash('sha256').update(f.data).digest('hex');
    const key = `attachments/${month}/${sum.slice(0, 2)}/${randomBytes(12).toString('hex')}`;
    await deps.blobs.put(key, f.data);
    stored.push({
      blobKey: key,
      fileName: safeFileName(f.fileName),
      contentType: /^[\w.+-]+\/[\w.+-]+$/.test(f.contentType) ? f.contentType : 'application/octet-stream',
      size: f.data.length,
      sha256: sum,
      contentId: null,
    });
  }
  return stored;
}

/** What a customer typed, as a message of theirs (plain text made into safe HTML). */
function messageOf(
  author: CustomerBrief,
  channel: 'portal' | 'web',
  text: string,
  attachments: InboundAttachment[],
): InboundMessage {
  return {
    author,
    html: textToHtml(text),
    channel,
    mailMessageId: null,
    emlBlobKey: null,
    quotedHtml: null,
    attachments,
    ccCustomerIds: [],
    warning: null,
  };
}

/** The front door of the portal and the contact form: the default support address (its team, its acknowledgement). */
async function defaultAddress(db: Executor): Promise<SupportAddressRow | null> {
  const rows = await supportAddressRows(db);
  return rows.find((a) => a.is_default === 1) ?? rows[0] ?? null;
}

export async function createTicket(ctx: PortalCtx, input: { subject: string; text: string; files: UploadedFile[] }) {
  const { deps } = ctx;
  const attachments = await storeFiles(deps, input.files);
  const address = await defaultAddress(deps.db.kysely);
  const written = await customerCommand(deps, (_trx, ops) =>
    ops.open({
      ...messageOf(ctx.session.customer, 'portal', input.text, attachments),
      subject: input.subject,
      teamId: address?.team_id ?? null,
    }),
  );
  return { ticket: await ticketDetail(deps, deps.db.kysely, await viewerOf(ctx), written.number) };
}

/**
 * The customer's answer on a ticket they see: it reopens a pending or solved ticket as a mail would.
 * A closed ticket can no longer change (409): the customer opens a new request instead.
 */
export async function reply(ctx: PortalCtx, number: number, input: { text: string; files: UploadedFile[] }) {
  const { deps } = ctx;
  const viewer = await viewerOf(ctx);
  const seen = await visibleTicket(deps.db.kysely, viewer, number);
  if (seen.status === 'closed') throw new AppError('ticket_closed');
  const attachments = await storeFiles(deps, input.files);
  await customerCommand(deps, async (trx, ops) => {
    await visibleTicket(trx, viewer, number);
    const row = await ticketByNumber(trx, number);
    if (!row) throw new AppError('ticket_not_found');
    if (row.status === 'closed') throw new AppError('ticket_closed');
    return ops.add(row, messageOf(ctx.session.customer, 'portal', input.text, attachments));
  });
  return { ticket: await ticketDetail(deps, deps.db.kysely, viewer, number) };
}

// ---------- the public contact form ----------

/**
 * A ticket from the contact form (channel web), acknowledged by the default support address in the
 * customer's language. A filled honeypot answers the same and stores nothing; more than a few
 * tickets an hour from one IP are refused (429).
 */
export async function submitContact(
  deps: Deps,
  ip: string,
  input: {
    name: string;
    email: string;
    subject: string;
    message: string;
    locale?: Locale | undefined;
    website?: string | undefined;
  },
): Promise<void> {
  if (input.website?.trim()) {
    deps.log.info({ ip }, 'contact form: honeypot filled, nothing stored');
    return;
  }
  await countRequest(deps, [{ kind: 'contact_ip', value: ip }]);
  const now = deps.clock.now();
  const address = await defaultAddress(deps.db.kysely);
  const ack = await customerCommand(deps, async (trx, ops) => {
    const author = await findOrCreateCustomer(
      trx,
      { email: input.email, name: input.name, ...(input.locale ? { locale: input.locale } : {}) },
      now,
    );
    const ticket = await ops.open({
      ...messageOf(author, 'web', input.message, []),
      subject: input.subject,
      teamId: address?.team_id ?? null,
    });
    if (address?.ack_enabled !== 1 || !author.email) return null;
    return acknowledgement(deps, trx, {
      number: ticket.number,
      address,
      to: author.email,
      locale: input.locale ?? author.locale,
    });
  });
  await sendAcknowledgement(deps, ack);
}
