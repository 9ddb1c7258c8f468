// Tickets as the API asks for them: each agent's command handed to where it runs (commands.ts; the
// writer thread in embedded mode) and answered with the ticket as it left it; reads, lists and search.
import { z } from 'zod';
import { customerBriefs } from '../customers/service.js';
import { userBriefs } from '../people/service.js';
import type { Actor, Ctx } from '../platform/context.js';
import type { Executor } from '../platform/db/index.js';
import type { TicketMessageRow, TicketRow } from '../platform/db/types.js';
import { AppError, errorMessage, fieldError } from '../platform/errors.js';
import { cleanBody } from '../platform/html/sanitize.js';
import { decodeCursor, encodeCursor } from '../platform/http/cursor.js';
import { REPLY_MAIL_JOB } from '../platform/mail/jobs.js';
import { requireActor, requirePermission } from '../platform/rbac.js';
import { onWriter } from '../platform/writer.js';
import { type Bundle, bundleCommand, writerCommands } from './commands.js';
import { toDetail, toDetails, toEventDtos, toMessageDtos, toSummaries } from './dto.js';
import { eventOfRow, type TicketEvent } from './events.js';
import { loadFieldDefs } from './fields.js';
import * as repo from './repo.js';
import type {
  BulkUpdateBody,
  CreateMessageBody,
  CreateTicketBody,
  MergeBody,
  TicketDetailDto,
  TicketFiltersDto,
  TicketListQuery,
  UpdateTicketBody,
} from './schema.js';
import { searchSnippets } from './search.js';
import { scopeOf, visibleTicket } from './visibility.js';

type In<T extends z.ZodType> = z.output<T>;

// ---------- create ----------

export async function createTicket(ctx: Ctx, input: In<typeof CreateTicketBody>) {
  // Cleaned before the command: what needs no database stays off the thread that writes.
  const body = cleanBody(input.message.html);
  return ticketAfterCommand(ctx, await onWriter(ctx, writerCommands, 'tickets.create', { input, body }));
}

// ---------- messages ----------

export async function createMessage(ctx: Ctx, number: number, input: In<typeof CreateMessageBody>) {
  // Cleaned before the command, as a new ticket's first message is.
  const body = cleanBody(input.html);
  const { messageId, ticket } = await onWriter(ctx, writerCommands, 'tickets.message', { number, input, body });
  return { message: await messageDtoOf(ctx.deps.db.kysely, messageId), ...(await ticketAfterCommand(ctx, ticket)) };
}

/** A message a command has just written, as the API shows it. */
async function messageDtoOf(db: Executor, id: number) {
  return (await toMessageDtos(db, [(await repo.findMessage(db, id))!]))[0]!;
}

// ---------- for the channels (their service has decided what the mail is) ----------

/** The ticket a mail continues, by the Message-IDs it answers (the latest message that has one wins). */
export function ticketOfMailIds(db: Executor, ids: string[]): Promise<TicketRow | undefined> {
  return repo.ticketOfMailIds(db, ids);
}

export function ticketByNumber(db: Executor, number: number): Promise<TicketRow | undefined> {
  return repo.findTicketByNumber(db, number);
}

export function ticketById(db: Executor, id: number): Promise<TicketRow | undefined> {
  return repo.findTicketById(db, id);
}

/** The customers a ticket's mail goes to and may come from: its requester and those copied. */
export async function ticketCustomerIds(db: Executor, row: TicketRow): Promise<number[]> {
  return [row.requester_id, ...(await repo.ccIds(db, row.id))];
}

/** What the mail of an agent's reply is made of; undefined when the message is gone. */
export async function replyMailFacts(db: Executor, messageId: number) {
  const message = await repo.findMessage(db, messageId);
  if (!message) return undefined;
  const ticket = (await repo.findTicketById(db, message.ticket_id))!;
  const people = await customerBriefs(db, await ticketCustomerIds(db, ticket));
  const earlier = await repo.mailIdsBefore(db, ticket.id, messageId);
  const agent = message.author_user_id
    ? (await userBriefs(db, [message.author_user_id])).get(message.author_user_id)
    : undefined;
  return {
    message,
    ticket,
    requester: people.get(ticket.requester_id),
    cc: [...people.values()].filter((c) => c.id !== ticket.requester_id),
    /** Every earlier mail of the conversation, oldest first: the References. */
    thread: earlier.map((r) => r.mail_message_id),
    /** The customer mail this reply answers: its In-Reply-To. */
    answers: earlier.filter((r) => r.kind === 'customer').at(-1)?.mail_message_id ?? null,
    attachments: await repo.attachmentsOfMessages(db, [messageId]),
    agentName: agent?.name ?? null,
  };
}

export async function recordDelivery(
  db: Executor,
  messageId: number,
  patch: Parameters<typeof repo.setDelivery>[2] & { mail_message_id?: string },
): Promise<void> {
  await repo.setDelivery(db, messageId, patch);
}

/**
 * A bounce of one of our mails: the message is marked failed, and the address it bounced from (the
 * bounce's recipient, else the ticket's requester) is marked bounced, so no survey goes there.
 */
export async function markBounced(
  db: Executor,
  mailMessageId: string,
  error: string,
  recipient: string | null,
  now: number,
): Promise<TicketMessageRow | undefined> {
  const message = await repo.messageOfMailId(db, mailMessageId);
  if (!message) return undefined;
  await repo.setDelivery(db, message.id, { delivery_status: 'failed', delivery_error: error });
  const ticket = recipient ? undefined : await repo.findTicketById(db, message.ticket_id);
  await db
    .updateTable('customers')
    .set({ email_bounced_at: now })
    .where((eb) => (recipient ? eb('email', '=', recipient.toLowerCase()) : eb('id', '=', ticket?.requester_id ?? 0)))
    .execute();
  return message;
}

// ---------- update ----------

export async function updateTicket(ctx: Ctx, number: number, input: In<typeof UpdateTicketBody>) {
  return ticketAfterCommand(ctx, await onWriter(ctx, writerCommands, 'tickets.update', { number, input }));
}

// ---------- bundles of changes (macros) ----------

/** A macro's bundle applied in one command (commands.ts), answered with its message and the ticket. */
export async function applyBundle(ctx: Ctx, number: number, b: Bundle) {
  const { messageId, ticket } = await bundleCommand(ctx, number, b);
  const message = messageId === null ? null : await messageDtoOf(ctx.deps.db.kysely, messageId);
  return { message, ...(await ticketAfterCommand(ctx, ticket)) };
}

// ---------- bulk ----------

export async function bulkUpdate(ctx: Ctx, input: In<typeof BulkUpdateBody>) {
  requirePermission(ctx, 'tickets.work');
  const updated: number[] = [];
  const failed: { number: number; code: string; message: string }[] = [];
  // One command per ticket: a ticket that cannot take the change does not hold back the others.
  for (const number of [...new Set(input.numbers)]) {
    try {
      await onWriter(ctx, writerCommands, 'tickets.bulk-one', { number, changes: input.changes });
      updated.push(number);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      failed.push({ number, code: err.code, message: errorText(err, ctx) });
    }
  }
  return { updated, failed };
}

/** The error in the caller's language, naming the field it is about. */
function errorText(err: AppError, ctx: Ctx): string {
  const fields = err.details?.fields as Record<string, string> | undefined;
  const field = fields ? Object.keys(fields)[0] : undefined;
  const base = errorMessage(err.code, ctx.locale);
  return field ? `${base} (${field})` : base;
}

// ---------- merge ----------

export async function mergeTicket(ctx: Ctx, number: number, input: In<typeof MergeBody>) {
  return ticketAfterCommand(ctx, await onWriter(ctx, writerCommands, 'tickets.merge', { number, input }));
}

// ---------- followers ----------

export async function follow(ctx: Ctx, number: number, userId: number | undefined, on: boolean) {
  return ticketAfterCommand(ctx, await onWriter(ctx, writerCommands, 'tickets.follow', { number, userId, on }));
}

// ---------- reads ----------

/**
 * The ticket as the actor's own command left it: its row as the command stored it (TicketWrite.row),
 * not read back, so the answer is the version this command made even if another has followed it.
 * No visibility check: moving a ticket to another team may take it out of the actor's sight, yet
 * they are owed the result of what they just did.
 */
export async function ticketAfterCommand(ctx: Ctx, row: TicketRow) {
  const actor = requireActor(ctx);
  return { ticket: await detailSoon(ctx.deps.db.kysely, row, actor.userId) };
}

interface AwaitingDetail {
  item: { row: TicketRow; viewerId: number };
  resolve: (detail: TicketDetailDto) => void;
  reject: (err: unknown) => void;
}

/** By database: the answers asked for since the last turn of the event loop. */
const awaitingDetails = new Map<Executor, AwaitingDetail[]>();

/**
 * A ticket's detail, built together with the others asked for in the same turn of the event loop.
 * The commands of a commit group (platform/db/group-commit.ts) finish together, and each answered
 * with its own five or so lookups (requester, SLA timers, followers, CC, organisation); built
 * together they take one query of each kind for the whole group. Those lookups were a fifth of a
 * ticket creation's time on the thread that serves every request.
 */
function detailSoon(db: Executor, row: TicketRow, viewerId: number): Promise<TicketDetailDto> {
  return new Promise((resolve, reject) => {
    let batch = awaitingDetails.get(db);
    if (!batch) {
      const started: AwaitingDetail[] = [];
      batch = started;
      awaitingDetails.set(db, started);
      setImmediate(() => {
        awaitingDetails.delete(db);
        toDetails(
          db,
          started.map((a) => a.item),
        ).then(
          (details) => {
            for (const [i, a] of started.entries()) a.resolve(details[i]!);
          },
          (err: unknown) => {
            for (const a of started) a.reject(err);
          },
        );
      });
    }
    batch.push({ item: { row, viewerId }, resolve, reject });
  });
}

/** Summaries of the tickets with these ids that the actor may see, in the given order (drill-downs). */
export async function visibleSummaries(ctx: Ctx, ids: number[]) {
  const actor = requirePermission(ctx, 'tickets.work');
  const db = ctx.deps.db.kysely;
  return toSummaries(db, await repo.visibleByIds(db, ids, await scopeOf(db, actor)));
}

/** The event logs of some tickets by id, oldest event first (for projections such as analytics). */
export async function eventLogs(db: Executor, ticketIds: number[]): Promise<Map<number, TicketEvent[]>> {
  const logs = new Map<number, TicketEvent[]>(ticketIds.map((id) => [id, []]));
  for (const r of await repo.eventsOfTickets(db, ticketIds)) logs.get(r.ticket_id)?.push(eventOfRow(r));
  return logs;
}

export async function getTicket(ctx: Ctx, number: number) {
  const actor = requirePermission(ctx, 'tickets.work');
  const db = ctx.deps.db.kysely;
  return { ticket: await toDetail(db, await visibleTicket(db, actor, number), actor.userId) };
}

const PageCursor = z.object({ id: z.number().int().min(0) });

export async function listMessages(ctx: Ctx, number: number, query: { limit: number; cursor?: string | undefined }) {
  const actor = requirePermission(ctx, 'tickets.work');
  const db = ctx.deps.db.kysely;
  const row = await visibleTicket(db, actor, number);
  const afterId = query.cursor ? decodeCursor(query.cursor, PageCursor).id : 0;
  const rows = await repo.listMessages(db, row.id, afterId, query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: await toMessageDtos(db, page),
    nextCursor: rows.length > query.limit ? encodeCursor({ id: page.at(-1)!.id }) : null,
  };
}

/** Sends a reply whose mail failed again, from its first attempt (the retry button). */
export async function retryReplyMail(ctx: Ctx, number: number, messageId: number) {
  const actor = requirePermission(ctx, 'tickets.work');
  const db = ctx.deps.db.kysely;
  const row = await visibleTicket(db, actor, number);
  const message = await repo.findMessage(db, messageId);
  if (!message || message.ticket_id !== row.id || message.delivery_status === null)
    throw new AppError('message_not_found');
  if (message.delivery_status !== 'failed') throw new AppError('mail_not_failed');
  await repo.setDelivery(db, messageId, { delivery_status: 'queued', delivery_attempts: 0, delivery_error: null });
  const now = ctx.deps.clock.now();
  await ctx.deps.jobs.enqueue(REPLY_MAIL_JOB, { messageId, attempt: 1 }, { jobId: `reply:${messageId}:retry:${now}` });
  return { message: await messageDtoOf(db, messageId) };
}

/** The original .eml of a customer's mail, for whoever may see its ticket. */
export async function originalMail(ctx: Ctx, number: number, messageId: number) {
  const actor = requirePermission(ctx, 'tickets.work');
  const db = ctx.deps.db.kysely;
  const row = await visibleTicket(db, actor, number);
  const message = await repo.findMessage(db, messageId);
  if (!message || message.ticket_id !== row.id || !message.eml_blob_key) throw new AppError('message_not_found');
  const data = await ctx.deps.blobs.get(message.eml_blob_key);
  if (!data) throw new AppError('message_not_found');
  return { fileName: `ticket-${number}-message-${messageId}.eml`, data };
}

export async function listEvents(ctx: Ctx, number: number, query: { limit: number; cursor?: string | undefined }) {
  const actor = requirePermission(ctx, 'tickets.work');
  const db = ctx.deps.db.kysely;
  const row = await visibleTicket(db, actor, number);
  const afterId = query.cursor ? decodeCursor(query.cursor, PageCursor).id : 0;
  const rows = await repo.listEvents(db, row.id, afterId, query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: await toEventDtos(db, page),
    nextCursor: rows.length > query.limit ? encodeCursor({ id: page.at(-1)!.id }) : null,
  };
}

// ---------- lists and search ----------

const ms = (isoTime: string | undefined) => (isoTime === undefined ? undefined : Date.parse(isoTime));

/** Resolves "me", "none" and custom field keys of the API's filters into the repo's terms. */
export async function resolveFilters(db: Executor, actor: Actor, f: TicketFiltersDto): Promise<repo.ListFilters> {
  const assignees = f.assignee ?? [];
  const teams = f.team ?? [];
  let fields: [number, string][] | undefined;
  if (f.fields && Object.keys(f.fields).length) {
    const defs = await loadFieldDefs(db);
    fields = Object.entries(f.fields).map(([key, value]) => {
      const def = defs.get(key);
      if (!def) throw fieldError(`field.${key}`, 'unknown_field');
      return [def.id, value];
    });
  }
  return {
    status: f.status,
    priority: f.priority,
    type: f.type,
    channel: f.channel,
    assigneeIds: assignees.flatMap((a) => (a === 'me' ? [actor.userId] : typeof a === 'number' ? [a] : [])),
    unassigned: assignees.includes('none'),
    teamIds: teams.filter((t): t is number => typeof t === 'number'),
    noTeam: teams.includes('none'),
    tags: f.tags,
    requesterId: f.requesterId,
    organisationId: f.organisationId,
    createdFrom: ms(f.createdFrom),
    createdTo: ms(f.createdTo),
    updatedFrom: ms(f.updatedFrom),
    updatedTo: ms(f.updatedTo),
    fields,
  };
}

const ListCursor = z.object({ v: z.number(), id: z.number().int() });

/** A page of tickets by filters, optionally full-text searched; shared by GET /tickets and views. */
export async function pageOfTickets(
  ctx: Ctx,
  actor: Actor,
  filters: TicketFiltersDto,
  options: { q?: string | undefined; sort?: repo.SortKey | undefined; limit: number; cursor?: string | undefined },
) {
  const db = ctx.deps.db.kysely;
  const sort = options.sort ?? (options.q ? 'relevance' : 'updated_desc');
  const { rows } = await repo.listTickets(db, ctx.deps.db.dialect, {
    filters: await resolveFilters(db, actor, filters),
    scope: await scopeOf(db, actor),
    q: options.q,
    sort,
    limit: options.limit,
    after: options.cursor ? decodeCursor(options.cursor, ListCursor) : undefined,
  });
  const page = rows.slice(0, options.limit);
  const snippets = options.q
    ? await searchSnippets(
        db,
        ctx.deps.db.dialect,
        page.map((r) => r.id),
        options.q,
      )
    : undefined;
  const last = page.at(-1);
  return {
    items: await toSummaries(db, page, snippets),
    nextCursor: rows.length > options.limit && last ? encodeCursor({ v: Number(last.sort_value), id: last.id }) : null,
  };
}

export async function listTickets(ctx: Ctx, query: In<typeof TicketListQuery> & { fields?: Record<string, string> }) {
  const actor = requirePermission(ctx, 'tickets.work');
  const { q, sort, limit, cursor, ...filters } = query;
  return pageOfTickets(ctx, actor, filters, { q, sort, limit, cursor });
}
