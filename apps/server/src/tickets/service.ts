// Tickets: the rules of creating, changing, answering, listing and reading them.
import { z } from 'zod';
import {
  type AfterJob,
  activeTriggers,
  effectsOf,
  factsSource,
  hasChanges,
  type Rule,
  runChain,
} from '../automation/engine.js';
import { type CustomerBrief, customerBriefs, findCustomerBrief, findOrCreateCustomer } from '../customers/service.js';
import { deliver, type Notice, type Recipient, recordNotices } from '../notifications/service.js';
import { teamBriefs, teamIdsOfUser, userBriefs } from '../people/service.js';
import type { Actor, Ctx, Deps } from '../platform/context.js';
import { type Executor, transaction } from '../platform/db/index.js';
import type { TicketChannel, TicketMessageRow, TicketPriority, TicketRow, TicketStatus } from '../platform/db/types.js';
import { AppError, errorMessage, fieldError } from '../platform/errors.js';
import { type CleanBody, cleanBody, mentionedUserIds, sanitizeHtml, textToHtml } from '../platform/html/sanitize.js';
import { decodeCursor, encodeCursor } from '../platform/http/cursor.js';
import { REPLY_MAIL_JOB } from '../platform/mail/jobs.js';
import { can, requireActor, requirePermission } from '../platform/rbac.js';
import { onWriter, type WriterCommands } from '../platform/writer.js';
import { pickAssignee } from './assignment.js';
import { toDetail, toDetails, toEventDtos, toMessageDtos, toSummaries } from './dto.js';
import {
  type DerivedTicket,
  type EventPayloads,
  eventOfRow,
  type FieldValue,
  type PendingEvent,
  statusChangeAllowed,
  type TicketEvent,
} from './events.js';
import { assertSolvable, checkFieldValues, fieldIdsOf, loadFieldDefs } from './fields.js';
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
import { indexBulk, moveTicketDocuments, type SearchDoc, searchSnippets } from './search.js';
import { type Author, rowToDerived, TicketWrite } from './write.js';

type In<T extends z.ZodType> = z.output<T>;

// ---------- who may see which ticket ----------

/** null: the actor sees every ticket. */
export async function scopeOf(db: Executor, actor: Actor): Promise<repo.Scope | null> {
  if (can(actor, 'tickets.see_all')) return null;
  return { userId: actor.userId, teamIds: await teamIdsOfUser(db, actor.userId) };
}

/** The ticket, if the actor may see it; otherwise 404 (never 403: that would tell it exists). */
export async function visibleTicket(db: Executor, actor: Actor, number: number): Promise<TicketRow> {
  const row = await repo.findTicketByNumber(db, number);
  if (!row || !(await repo.canSee(db, row.id, await scopeOf(db, actor)))) throw new AppError('ticket_not_found');
  return row;
}

const authorOf = (actor: Actor): Author => ({ userId: actor.userId, customerId: null });
/** The author of what no person did: the changes of triggers and time rules. */
const SYSTEM: Author = { userId: null, customerId: null };

// ---------- side effects after the commit ----------

/** What a command leaves to do once it has committed. */
interface After {
  numbers: Set<number>;
  notices: Notice[];
  /** Search documents, written last: SQLite's FTS5 flushes its pending words before every later write statement, so one write at the end of the transaction costs one flush instead of several. */
  search: SearchDoc[];
  /** Jobs the command's rules asked for (emails, webhooks): enqueued after the commit. */
  jobs: AfterJob[];
  /** The text of the message each ticket gained in this command, lower case (for the triggers). */
  messages: Map<number, string>;
}

const newAfter = (): After => ({ numbers: new Set(), notices: [], search: [], jobs: [], messages: new Map() });

/** Inside the transaction: records the notices; their delivery waits for the commit. */
async function recordAfter(trx: Executor, after: After, now: number) {
  const users = await userBriefs(
    trx,
    after.notices.map((n) => n.userId),
  );
  const recipients = new Map<number, Recipient>(
    [...users.values()].map((u) => [
      u.id,
      { id: u.id, email: u.email, name: u.name, locale: u.locale, active: u.active },
    ]),
  );
  return recordNotices(trx, after.notices, recipients, now);
}

async function publishAfter(ctx: Ctx, after: After, delivery: Awaited<ReturnType<typeof recordAfter>>) {
  if (after.numbers.size)
    await ctx.deps.bus.publish({ type: 'tickets.changed', data: { numbers: [...after.numbers] } });
  await deliver(ctx.deps, delivery);
  for (const job of after.jobs) await ctx.deps.jobs.enqueue(job.name, job.payload, job.options);
}

/** Runs a ticket command in one transaction, then publishes and notifies. */
async function command<T>(ctx: Ctx, fn: (trx: Executor, after: After, now: number) => Promise<T>): Promise<T> {
  const now = ctx.deps.clock.now();
  const after = newAfter();
  const { result, delivery } = await transaction(ctx.deps.db, async (trx) => {
    const result = await fn(trx, after, now);
    const delivery = await recordAfter(trx, after, now);
    if (after.search.length) await indexBulk(trx, ctx.deps.db.dialect, after.search);
    return { result, delivery };
  });
  await publishAfter(ctx, after, delivery);
  return result;
}

/**
 * The commands an agent runs from the inbox and the ticket pages, by name: on the writer thread in embedded mode
 * (platform/writer.ts), which the thread's module lists (writer-thread.ts). Each takes and returns
 * plain values; the answer is built on the caller's thread from what it returns.
 */
export const writerCommands = {
  'tickets.create': createCommand,
  'tickets.message': messageCommand,
  'tickets.update': updateCommand,
  'tickets.merge': mergeCommand,
  'tickets.follow': followCommand,
  'tickets.bulk-one': bulkOneCommand,
} satisfies WriterCommands;

// ---------- shared rules ----------

async function assertAssignable(db: Executor, userId: number, teamId: number | null, path: string) {
  const user = (await userBriefs(db, [userId])).get(userId);
  if (user?.active !== 1) throw fieldError(path, 'no_such_user');
  if (teamId !== null && !(await teamIdsOfUser(db, userId)).includes(teamId)) {
    throw fieldError(path, 'not_staff_assignable');
  }
}

async function assertTeam(db: Executor, teamId: number, path: string) {
  if (!(await teamBriefs(db, [teamId])).has(teamId)) throw fieldError(path, 'no_such_team');
}

function assertStatusChange(from: TicketStatus, to: TicketStatus) {
  if (from === 'closed' && to !== 'closed') throw new AppError('ticket_closed');
  if (!statusChangeAllowed(from, to)) throw new AppError('status_transition', { from, to });
}

function noticeFor(
  w: TicketWrite,
  actor: Actor | null,
  actorName: string | null,
  kind: Notice['kind'],
  userId: number,
): Notice {
  return {
    userId,
    kind,
    ticketId: w.id,
    ticketNumber: w.state.number,
    ticketSubject: w.state.subject,
    actorId: actor?.userId ?? null,
    actorName,
  };
}

async function actorName(db: Executor, actor: Actor) {
  return (await userBriefs(db, [actor.userId])).get(actor.userId)?.name ?? null;
}

/** Automatic assignment when a ticket sits in a team without an assignee. */
async function autoAssign(db: Executor, w: TicketWrite, after: After, actor: Actor | null, name: string | null) {
  if (w.state.assigneeId !== null || w.state.teamId === null) return;
  if (w.state.status === 'solved' || w.state.status === 'closed') return;
  const pick = await pickAssignee(db, w.state.teamId);
  if (!pick) return;
  w.add({ type: 'assigned', data: { from: null, to: pick.userId, rule: pick.rule } });
  after.notices.push({
    userId: pick.userId,
    kind: 'assigned',
    ticketId: w.id,
    ticketNumber: w.state.number,
    ticketSubject: w.state.subject,
    actorId: actor?.userId ?? null,
    actorName: name,
  });
}

// ---------- triggers and time rules (automation/engine.ts) ----------

type Defs = Awaited<ReturnType<typeof loadFieldDefs>>;

/**
 * One rule acting on a staged ticket: its automation_applied event and its changes, by no person.
 * A change the ticket refuses (a status it cannot take, a field missing to solve) undoes all of the
 * rule's part and the rule is skipped; a rule that would change nothing and has no side effects is
 * not recorded either. Returns whether it acted.
 */
async function actAs(ctx: Ctx, trx: Executor, w: TicketWrite, after: After, defs: Defs, rule: Rule) {
  if (w.state.status === 'closed') return false;
  const mark = w.checkpoint();
  const lengths = [after.notices.length, after.search.length] as const;
  const undo = () => {
    mark.undo();
    after.notices.length = lengths[0];
    after.search.length = lengths[1];
    return false;
  };
  try {
    await w.withAuthor(SYSTEM, async () => {
      w.add({ type: 'automation_applied', data: { kind: rule.kind, ruleId: rule.id, name: rule.name } });
      if (hasChanges(rule.changes)) await applyChanges(trx, null, w, rule.changes, after, defs);
    });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    ctx.deps.log.warn(
      { rule: rule.id, kind: rule.kind, ticket: w.state.number, code: err.code },
      'automation: rule skipped',
    );
    return undo();
  }
  if (mark.added() === 1 && !rule.effects.length) return undo();
  return true;
}

async function addEffects(ctx: Ctx, trx: Executor, w: TicketWrite, after: After, rules: Rule[], now: number) {
  if (!rules.some((r) => r.effects.length)) return;
  const fx = await effectsOf(trx, ctx.deps.config.publicUrl, { id: w.id, state: w.state }, rules, now);
  after.notices.push(...fx.notices);
  after.jobs.push(...fx.jobs);
}

/**
 * Stores a command's staged changes, after the triggers acted on them in the same transaction: pass
 * after pass in their order, each at most once, their changes by no person; a chain deeper than the
 * bound stops with an automation_stopped event naming the triggers that did not run.
 */
async function settle(ctx: Ctx, trx: Executor, w: TicketWrite, after: After, now: number, defs: Defs) {
  if (w.changed && w.state.status !== 'closed' && w.state.mergedIntoId === null) {
    const set = await activeTriggers(trx, ctx.deps.db);
    if (set.rules.length) {
      const facts = factsSource(trx, set, () => w.state, w.original, after.messages.get(w.id) ?? null, now);
      const { fired, stopped } = await runChain(set.rules, facts, (rule) => actAs(ctx, trx, w, after, defs, rule));
      if (stopped) {
        await w.withAuthor(SYSTEM, async () => {
          w.add({ type: 'automation_stopped', data: { kind: 'trigger', ...stopped } });
        });
      }
      await addEffects(ctx, trx, w, after, fired, now);
    }
  }
  await w.flush(trx);
}

/**
 * A time rule acting on one ticket (automation/time-rules.ts) as one command by no person: `claim`
 * checks the ticket as it is now and records the period (false: not due, or another run took it);
 * then the rule's event and changes, the triggers they set off, and the side effects after the
 * commit. Returns whether it acted.
 */
export async function applyTimeRule(
  deps: Deps,
  ticketId: number,
  rule: Rule,
  claim: (trx: Executor, row: TicketRow) => Promise<boolean>,
): Promise<boolean> {
  const ctx: Ctx = { deps, actor: null, authProblem: null, locale: 'en', ip: '', userAgent: 'time-rules' };
  return command(ctx, async (trx, after, now) => {
    const row = await repo.findTicketById(trx, ticketId);
    if (!row || row.status === 'closed' || !(await claim(trx, row))) return false;
    const defs = await loadFieldDefs(trx);
    const w = TicketWrite.open(row, SYSTEM, now, fieldIdsOf(defs));
    const acted = await actAs(ctx, trx, w, after, defs, rule);
    if (acted) await addEffects(ctx, trx, w, after, [rule], now);
    await settle(ctx, trx, w, after, now, defs);
    if (acted) after.numbers.add(row.number);
    return acted;
  });
}

// ---------- create ----------

export async function createTicket(ctx: Ctx, input: In<typeof CreateTicketBody>) {
  // Cleaned before the command: what needs no database stays off the thread that writes.
  const body = cleanBody(input.message.html);
  return ticketAfterCommand(ctx, await onWriter(ctx, writerCommands, 'tickets.create', { input, body }));
}

async function createCommand(ctx: Ctx, { input, body }: { input: In<typeof CreateTicketBody>; body: CleanBody }) {
  const actor = requirePermission(ctx, 'tickets.work');
  return command(ctx, async (trx, after, now) => {
    const defs = await loadFieldDefs(trx);
    const fields = Object.fromEntries(
      Object.entries(checkFieldValues(defs, input.fields)).filter(([, v]) => v !== null),
    ) as Record<string, FieldValue>;
    if (input.type === 'return' && !input.returnDetails) throw fieldError('returnDetails', 'required');
    if (input.teamId) await assertTeam(trx, input.teamId, 'teamId');
    if (input.assigneeId) await assertAssignable(trx, input.assigneeId, input.teamId ?? null, 'assigneeId');
    const requester =
      'id' in input.requester
        ? await findCustomerBrief(trx, input.requester.id)
        : await findOrCreateCustomer(trx, { email: input.requester.email, name: input.requester.name }, now);
    if (!requester) throw fieldError('requester.id', 'no_such_customer');
    const status = input.status ?? (input.message.kind === 'reply' ? 'open' : 'new');
    if (status === 'solved') assertSolvable(defs, fields);

    const w = await TicketWrite.create(
      trx,
      {
        type: 'created',
        data: {
          number: await repo.nextTicketNumber(trx),
          subject: input.subject,
          status,
          priority: input.priority,
          type: input.type,
          channel: input.channel,
          requesterId: requester.id,
          organisationId: requester.organisation_id,
          assigneeId: input.assigneeId ?? null,
          teamId: input.teamId ?? null,
          tags: [...new Set(input.tags)],
          fields,
          returnDetails: input.returnDetails,
        },
      },
      authorOf(actor),
      now,
      fieldIdsOf(defs),
    );
    after.search.push({ ticketId: w.id, messageId: null, text: input.subject });
    const kind = input.message.kind;
    // A message "from the customer" entered by an agent (a phone call, a forwarded mail) is the customer's.
    const author: Author = kind === 'customer' ? { userId: null, customerId: requester.id } : authorOf(actor);
    await addMessageTo(trx, w, after, {
      kind,
      html: body,
      attachmentIds: input.message.attachmentIds,
      author,
      actor,
      now,
    });
    const name = await actorName(trx, actor);
    if (input.assigneeId && input.assigneeId !== actor.userId) {
      after.notices.push(noticeFor(w, actor, name, 'assigned', input.assigneeId));
    }
    await autoAssign(trx, w, after, actor, name);
    await settle(ctx, trx, w, after, now, defs);
    after.numbers.add(w.state.number);
    return w.row();
  });
}

// ---------- messages ----------

interface MessageInput {
  kind: 'reply' | 'note' | 'customer' | 'system';
  /** HTML from outside, cleaned here; or a body cleaned already (cleanBody). */
  html: string | CleanBody;
  attachmentIds: number[];
  author: Author;
  actor: Actor | null;
  now: number;
  /** What came in from outside (a customer's mail): its channel, mail facts and files. */
  inbound?: InboundFacts;
}

/** Adds a message to a staged ticket write: sanitised, indexed, with its attachments and event. */
async function addMessageTo(trx: Executor, w: TicketWrite, after: After, m: MessageInput) {
  const { html, text } = typeof m.html === 'string' ? cleanBody(m.html) : m.html;
  const attachments = await repo.findAttachments(trx, m.attachmentIds);
  const usable = attachments.filter(
    (a) => a.message_id === null && a.ticket_id === null && m.actor !== null && a.uploaded_by_id === m.actor.userId,
  );
  if (usable.length !== new Set(m.attachmentIds).size) throw fieldError('attachmentIds', 'no_such_attachment');
  const inbound = m.inbound;
  if (!text && !m.attachmentIds.length && !inbound?.attachments.length) throw fieldError('html', 'required');
  const messageId = await repo.insertMessage(trx, {
    ticket_id: w.id,
    kind: m.kind,
    author_user_id: m.author.userId,
    author_customer_id: m.author.customerId,
    channel: inbound?.channel ?? (m.kind === 'customer' ? w.state.channel : 'web'),
    body_html: html,
    body_text: text,
    created_at: m.now,
    mail_message_id: inbound?.mailMessageId ?? null,
    eml_blob_key: inbound?.emlBlobKey ?? null,
    quoted_html: inbound?.quotedHtml ? sanitizeHtml(inbound.quotedHtml) : null,
  });
  await repo.attachToMessage(trx, m.attachmentIds, w.id, messageId);
  if (m.kind === 'reply') await queueReplyMail(trx, w, after, messageId);
  if (inbound?.attachments.length) await attachInbound(trx, w.id, messageId, html, inbound.attachments, m.now);
  if (text) after.search.push({ ticketId: w.id, messageId, text });
  if (text && m.kind !== 'system') after.messages.set(w.id, text.toLowerCase());
  if (m.kind === 'reply') w.add({ type: 'public_reply', data: { messageId } });
  else if (m.kind === 'customer') w.add({ type: 'customer_message', data: { messageId } });
  else if (m.kind === 'system') w.add({ type: 'system_message', data: { messageId } });
  else {
    // Only active staff can be mentioned; anyone else in the markup is ignored.
    const users = await userBriefs(trx, mentionedUserIds(html));
    const mentions = [...users.values()].filter((u) => u.active === 1).map((u) => u.id);
    w.add({ type: 'internal_note', data: { messageId, mentions } });
    if (m.actor) {
      const name = await actorName(trx, m.actor);
      for (const userId of mentions) after.notices.push(noticeFor(w, m.actor, name, 'mentioned', userId));
    }
  }
  return messageId;
}

/** Channels whose customers are answered by mail (chat, phone and social answer where they came in). */
const MAILED_CHANNELS = new Set<TicketChannel>(['email', 'web', 'portal', 'api']);

/** A public reply on a ticket whose requester has an address goes out as mail, by a job after the commit. */
async function queueReplyMail(trx: Executor, w: TicketWrite, after: After, messageId: number) {
  if (!MAILED_CHANNELS.has(w.state.channel)) return;
  const requester = await findCustomerBrief(trx, w.state.requesterId);
  if (!requester?.email) return;
  await repo.setDelivery(trx, messageId, { delivery_status: 'queued', delivery_attempts: 0 });
  after.jobs.push({
    name: REPLY_MAIL_JOB,
    payload: { messageId, attempt: 1 },
    options: { jobId: `reply:${messageId}:1` },
  });
}

async function addSystemMessage(trx: Executor, w: TicketWrite, after: After, text: string, now: number) {
  await addMessageTo(trx, w, after, {
    kind: 'system',
    html: textToHtml(text),
    attachmentIds: [],
    author: { userId: null, customerId: null },
    actor: null,
    now,
  });
}

async function followerNotices(trx: Executor, w: TicketWrite, actor: Actor, after: After) {
  const name = await actorName(trx, actor);
  for (const userId of await repo.followerIds(trx, w.id)) {
    after.notices.push(noticeFor(w, actor, name, 'follower_update', userId));
  }
}

export async function createMessage(ctx: Ctx, number: number, input: In<typeof CreateMessageBody>) {
  // Cleaned before the command, as a new ticket's first message is.
  const body = cleanBody(input.html);
  const { messageId, ticket } = await onWriter(ctx, writerCommands, 'tickets.message', { number, input, body });
  const db = ctx.deps.db.kysely;
  const message = (await toMessageDtos(db, [(await repo.findMessage(db, messageId))!]))[0]!;
  return { message, ...(await ticketAfterCommand(ctx, ticket)) };
}

async function messageCommand(
  ctx: Ctx,
  { number, input, body }: { number: number; input: In<typeof CreateMessageBody>; body: CleanBody },
) {
  const actor = requirePermission(ctx, 'tickets.work');
  return command(ctx, async (trx, after, now) => {
    const row = await visibleTicket(trx, actor, number);
    if (row.status === 'closed') throw new AppError('ticket_closed');
    const defs = await loadFieldDefs(trx);
    const w = TicketWrite.open(row, authorOf(actor), now, fieldIdsOf(defs), input.version);
    const author: Author = input.kind === 'customer' ? { userId: null, customerId: row.requester_id } : authorOf(actor);
    const id = await addMessageTo(trx, w, after, { ...input, html: body, author, actor, now });
    // Status on send; otherwise the conventional moves: an agent's first answer opens a new ticket,
    // a customer's message reopens whatever waited on them.
    let to: TicketStatus | undefined = input.status;
    if (!to && input.kind === 'reply' && row.status === 'new') to = 'open';
    if (!to && input.kind === 'customer' && ['pending', 'on_hold', 'solved'].includes(row.status)) to = 'open';
    if (to && to !== row.status) {
      assertStatusChange(row.status, to);
      if (to === 'solved') assertSolvable(defs, w.state.fields);
      w.add({ type: 'status_changed', data: { from: row.status, to } });
    }
    if (input.kind !== 'note') await followerNotices(trx, w, actor, after);
    await settle(ctx, trx, w, after, now, defs);
    after.numbers.add(number);
    return { messageId: id, ticket: w.row() };
  });
}

// ---------- customers writing in (email; the portal later) ----------

/** A file that came with a customer's mail, already in the blob store. */
export interface InboundAttachment {
  blobKey: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  /** Content-ID of an inline image, which the HTML shows as cid:<id>. */
  contentId: string | null;
}

export interface InboundFacts {
  channel: TicketChannel;
  /** The mail's own Message-ID (threading finds the ticket by it). */
  mailMessageId: string | null;
  emlBlobKey: string | null;
  /** The quoted history and signature, shown folded under the new text. */
  quotedHtml: string | null;
  attachments: InboundAttachment[];
}

export interface InboundMessage extends InboundFacts {
  /** Who wrote: the requester of a new ticket, or whoever of its customers wrote on an existing one. */
  author: CustomerBrief;
  html: string | CleanBody;
  /** Customers copied on the mail: they follow the ticket from now on. */
  ccCustomerIds: number[];
  /** Said on the ticket as a system note (a mail that could not be read completely). */
  warning: string | null;
}

export interface InboundWritten {
  ticketId: number;
  number: number;
  messageId: number;
}

export interface InboundOps {
  /** A new ticket from the author. */
  open(m: InboundMessage & { subject: string; teamId: number | null }): Promise<InboundWritten>;
  /** The author's message on an existing ticket, which reopens what waited on the customer. */
  add(ticket: TicketRow, m: InboundMessage): Promise<InboundWritten>;
}

/**
 * Runs what a customer sent as one command by that customer: `fn` gets the transaction (to record
 * the inbound mail with it) and the two things a customer can do. Triggers, SLA timers and automatic
 * assignment act as they do on any command; notices and jobs follow the commit.
 */
export async function customerCommand<T>(deps: Deps, fn: (trx: Executor, ops: InboundOps) => Promise<T>): Promise<T> {
  const ctx: Ctx = { deps, actor: null, authProblem: null, locale: 'en', ip: '', userAgent: 'inbound' };
  return command(ctx, async (trx, after, now) => {
    const defs = await loadFieldDefs(trx);
    const write = async (w: TicketWrite, m: InboundMessage) => {
      const author: Author = { userId: null, customerId: m.author.id };
      const messageId = await addMessageTo(trx, w, after, {
        kind: 'customer',
        html: m.html,
        attachmentIds: [],
        author,
        actor: null,
        now,
        inbound: m,
      });
      await repo.addCcs(trx, w.id, m.ccCustomerIds, now);
      if (m.warning) await addSystemMessage(trx, w, after, m.warning, now);
      return messageId;
    };
    const ops: InboundOps = {
      open: async (m) => {
        if (m.teamId !== null) await assertTeam(trx, m.teamId, 'teamId');
        const w = await TicketWrite.create(
          trx,
          {
            type: 'created',
            data: {
              number: await repo.nextTicketNumber(trx),
              subject: m.subject,
              status: 'new',
              priority: 'normal',
              type: 'question',
              channel: m.channel,
              requesterId: m.author.id,
              organisationId: m.author.organisation_id,
              assigneeId: null,
              teamId: m.teamId,
              tags: [],
              fields: {},
              returnDetails: null,
            },
          },
          { userId: null, customerId: m.author.id },
          now,
          fieldIdsOf(defs),
        );
        after.search.push({ ticketId: w.id, messageId: null, text: m.subject });
        const messageId = await write(w, m);
        await autoAssign(trx, w, after, null, null);
        await settle(ctx, trx, w, after, now, defs);
        after.numbers.add(w.state.number);
        return { ticketId: w.id, number: w.state.number, messageId };
      },
      add: async (row, m) => {
        const w = TicketWrite.open(row, { userId: null, customerId: m.author.id }, now, fieldIdsOf(defs));
        const messageId = await write(w, m);
        if (['pending', 'on_hold', 'solved'].includes(row.status)) {
          w.add({ type: 'status_changed', data: { from: row.status, to: 'open' } });
        }
        for (const userId of new Set([
          ...(await repo.followerIds(trx, w.id)),
          ...(row.assignee_id ? [row.assignee_id] : []),
        ]))
          after.notices.push(noticeFor(w, null, m.author.name, 'follower_update', userId));
        await settle(ctx, trx, w, after, now, defs);
        after.numbers.add(row.number);
        return { ticketId: w.id, number: row.number, messageId };
      },
    };
    return fn(trx, ops);
  });
}

/** Files of an inbound message, owned by its ticket; inline images point at their download. */
async function attachInbound(
  trx: Executor,
  ticketId: number,
  messageId: number,
  html: string,
  files: InboundAttachment[],
  now: number,
) {
  let shown = html;
  for (const f of files) {
    const id = await repo.insertAttachment(trx, {
      ticket_id: ticketId,
      message_id: messageId,
      blob_key: f.blobKey,
      file_name: f.fileName,
      content_type: f.contentType,
      size: f.size,
      sha256: f.sha256,
      uploaded_by_id: null,
      created_at: now,
    });
    if (f.contentId) shown = shown.split(`cid:${f.contentId}`).join(`/api/v1/attachments/${id}`);
  }
  if (shown !== html) await repo.setMessageHtml(trx, messageId, shown);
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
 * A bounce of the mail a message went out as: the message shows the failure (and the recipient
 * it concerns) until someone sends it again.
 */
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

async function updateCommand(ctx: Ctx, { number, input }: { number: number; input: In<typeof UpdateTicketBody> }) {
  const actor = requirePermission(ctx, 'tickets.work');
  return command(ctx, async (trx, after, now) => {
    const row = await visibleTicket(trx, actor, number);
    const defs = await loadFieldDefs(trx);
    const w = TicketWrite.open(row, authorOf(actor), now, fieldIdsOf(defs), input.version);
    await applyChanges(trx, actor, w, input, after, defs);
    await settle(ctx, trx, w, after, now, defs);
    after.numbers.add(number);
    return w.row();
  });
}

type Changes = Omit<In<typeof UpdateTicketBody>, 'version'> & { addTags?: string[]; removeTags?: string[] };

/** Stages the events of a property change; shared by single and bulk updates. */
async function applyChanges(
  trx: Executor,
  /** null: a trigger or time rule (no person; their events are written under no author). */
  actor: Actor | null,
  w: TicketWrite,
  input: Changes,
  after: After,
  defs: Awaited<ReturnType<typeof loadFieldDefs>>,
) {
  const s = () => w.state;
  if (s().status === 'closed') throw new AppError('ticket_closed');
  const name = actor ? await actorName(trx, actor) : null;
  if (input.subject !== undefined && input.subject !== s().subject) {
    w.add({ type: 'subject_changed', data: { from: s().subject, to: input.subject } });
    after.search.push({ ticketId: w.id, messageId: null, text: input.subject });
  }
  if (input.priority !== undefined && input.priority !== s().priority) {
    w.add({ type: 'priority_changed', data: { from: s().priority, to: input.priority } });
  }
  if (input.type !== undefined && input.type !== s().type) {
    w.add({ type: 'type_changed', data: { from: s().type, to: input.type } });
  }
  if (input.returnDetails !== undefined && JSON.stringify(input.returnDetails) !== JSON.stringify(s().returnDetails)) {
    w.add({ type: 'return_changed', data: { from: s().returnDetails, to: input.returnDetails } });
  }
  if (s().type === 'return' && !s().returnDetails) throw fieldError('returnDetails', 'required');
  if (input.requesterId !== undefined && input.requesterId !== s().requesterId) {
    const c = await findCustomerBrief(trx, input.requesterId);
    if (!c) throw fieldError('requesterId', 'no_such_customer');
    w.add({ type: 'requester_changed', data: { from: s().requesterId, to: c.id, organisationId: c.organisation_id } });
  }
  if (input.teamId !== undefined && input.teamId !== s().teamId) {
    if (input.teamId !== null) await assertTeam(trx, input.teamId, 'teamId');
    w.add({ type: 'team_changed', data: { from: s().teamId, to: input.teamId } });
    // A ticket moved to another team leaves its assignee behind unless one is named too.
    if (input.assigneeId === undefined && s().assigneeId !== null && input.teamId !== null) {
      const still = (await teamIdsOfUser(trx, s().assigneeId!)).includes(input.teamId);
      if (!still) w.add({ type: 'assigned', data: { from: s().assigneeId, to: null } });
    }
  }
  if (input.assigneeId !== undefined && input.assigneeId !== s().assigneeId) {
    if (input.assigneeId !== null) await assertAssignable(trx, input.assigneeId, s().teamId, 'assigneeId');
    w.add({ type: 'assigned', data: { from: s().assigneeId, to: input.assigneeId } });
    if (input.assigneeId !== null && input.assigneeId !== actor?.userId) {
      after.notices.push(noticeFor(w, actor, name, 'assigned', input.assigneeId));
    }
  }
  const tags = new Set(input.tags ?? s().tags);
  for (const t of input.addTags ?? []) tags.add(t);
  for (const t of input.removeTags ?? []) tags.delete(t);
  const added = [...tags].filter((t) => !s().tags.includes(t)).sort();
  const removed = s().tags.filter((t) => !tags.has(t));
  if (added.length || removed.length) w.add({ type: 'tags_changed', data: { added, removed } });
  if (input.fields) {
    for (const [key, value] of Object.entries(checkFieldValues(defs, input.fields))) {
      const from = s().fields[key] ?? null;
      if (JSON.stringify(from) !== JSON.stringify(value))
        w.add({ type: 'field_changed', data: { key, from, to: value } });
    }
  }
  if (input.problemNumber !== undefined) {
    let problemId: number | null = null;
    if (input.problemNumber !== null) {
      const problem = await repo.findTicketByNumber(trx, input.problemNumber);
      if (!problem || !(await repo.canSee(trx, problem.id, actor ? await scopeOf(trx, actor) : null))) {
        throw fieldError('problemNumber', 'no_such_ticket');
      }
      if (problem.type !== 'problem' || problem.id === w.id) throw fieldError('problemNumber', 'not_a_problem');
      problemId = problem.id;
    }
    if (problemId !== s().problemId) {
      w.add({ type: 'problem_linked', data: { from: s().problemId, to: problemId, toNumber: input.problemNumber } });
    }
  }
  if (input.status !== undefined && input.status !== s().status) {
    assertStatusChange(s().status, input.status);
    if (input.status === 'solved') assertSolvable(defs, s().fields);
    w.add({ type: 'status_changed', data: { from: s().status, to: input.status } });
    if (input.status === 'solved' && input.solveIncidents && s().type === 'problem') {
      await solveIncidents(trx, actor, w, after, defs);
    }
  }
  // Someone who just unassigned the ticket by hand meant it: the team does not hand it on at once.
  if (input.assigneeId !== null) await autoAssign(trx, w, after, actor, name);
}

/** Solving a problem with "solve incidents": each unsolved incident is solved with a note saying why. */
async function solveIncidents(
  trx: Executor,
  actor: Actor | null,
  problem: TicketWrite,
  after: After,
  defs: Awaited<ReturnType<typeof loadFieldDefs>>,
) {
  for (const incident of await repo.findIncidents(trx, problem.id)) {
    if (incident.status === 'solved' || incident.status === 'closed') continue;
    const w = TicketWrite.open(incident, actor ? authorOf(actor) : SYSTEM, problem.state.updatedAt, fieldIdsOf(defs));
    assertSolvable(defs, w.state.fields, `incidents.${incident.number}.`);
    await addSystemMessage(trx, w, after, `Solved with problem #${problem.state.number}.`, problem.state.updatedAt);
    w.add({ type: 'status_changed', data: { from: incident.status, to: 'solved' } });
    await w.flush(trx);
    after.numbers.add(incident.number);
  }
}

// ---------- bundles of changes (macros) ----------

/** The property changes a bundle (a macro) makes: the rules of a PATCH or a bulk update. */
export type TicketChanges = Changes;

class DryRun extends Error {}

/**
 * What these changes would make of the ticket, storing nothing: the same rules run in a transaction
 * that is then rolled back (automatic assignment may pick an agent, and must not keep the pick).
 */
export async function previewChanges(
  ctx: Ctx,
  number: number,
  changes: Changes,
): Promise<{ before: DerivedTicket; after: DerivedTicket }> {
  const actor = requirePermission(ctx, 'tickets.work');
  let outcome: { before: DerivedTicket; after: DerivedTicket } | undefined;
  try {
    await transaction(ctx.deps.db, async (trx) => {
      const row = await visibleTicket(trx, actor, number);
      const defs = await loadFieldDefs(trx);
      const w = TicketWrite.open(row, authorOf(actor), ctx.deps.clock.now(), fieldIdsOf(defs));
      await applyChanges(trx, actor, w, changes, newAfter(), defs);
      outcome = { before: rowToDerived(row), after: w.state };
      throw new DryRun();
    });
  } catch (err) {
    if (!(err instanceof DryRun)) throw err;
  }
  return outcome!;
}

export interface Bundle {
  /** The version the caller read (or previewed): a stale one gets 409. */
  version: number;
  /** The event naming the bundle (macro_applied); first of this command's events. */
  event: PendingEvent;
  changes: Changes;
  /** The message to add (plain text), written from the ticket as the command reads it; null: none. */
  message: (trx: Executor, row: TicketRow) => Promise<{ kind: 'reply' | 'note'; text: string } | null>;
  /** The caller's own writes, committed with the ticket's or not at all (a macro's usage count). */
  alsoWrite: (trx: Executor, now: number) => Promise<void>;
}

/**
 * A bundle in one command: its event, its message (before the changes, as "status on send" does),
 * its changes, and the caller's own writes. Any rule that fails leaves nothing behind.
 */
export async function applyBundle(ctx: Ctx, number: number, b: Bundle) {
  const actor = requirePermission(ctx, 'tickets.work');
  const { messageId, ticket } = await command(ctx, async (trx, after, now) => {
    const row = await visibleTicket(trx, actor, number);
    if (row.status === 'closed') throw new AppError('ticket_closed');
    const defs = await loadFieldDefs(trx);
    const w = TicketWrite.open(row, authorOf(actor), now, fieldIdsOf(defs), b.version);
    w.add(b.event);
    const changes: Changes = { ...b.changes };
    const message = await b.message(trx, row);
    let id: number | null = null;
    if (message) {
      id = await addMessageTo(trx, w, after, {
        kind: message.kind,
        html: textToHtml(message.text),
        attachmentIds: [],
        author: authorOf(actor),
        actor,
        now,
      });
      // As with any reply: an agent's first answer opens a new ticket.
      if (message.kind === 'reply' && changes.status === undefined && row.status === 'new') changes.status = 'open';
      if (message.kind === 'reply') await followerNotices(trx, w, actor, after);
    }
    await applyChanges(trx, actor, w, changes, after, defs);
    await b.alsoWrite(trx, now);
    await settle(ctx, trx, w, after, now, defs);
    after.numbers.add(number);
    return { messageId: id, ticket: w.row() };
  });
  const db = ctx.deps.db.kysely;
  const message = messageId === null ? null : (await toMessageDtos(db, [(await repo.findMessage(db, messageId))!]))[0]!;
  return { message, ...(await ticketAfterCommand(ctx, ticket)) };
}

// ---------- escalation (the tiers and the rules: escalation/) ----------

/** What an escalation does to a ticket; escalation/service.ts decides it from the ticket as read. */
export interface EscalationPlan {
  /** The escalated event; null when the ticket does not move up (a rule that only notifies or raises priority). */
  escalated: EventPayloads['escalated'] | null;
  /** The team it moves to: a team_changed event when it differs. */
  teamId?: number | null;
  priority?: TicketPriority;
  /** Who is told (the lead of the team it now sits with). */
  notify: number[];
}

/**
 * An escalation as one ticket command: by a person (who must see the ticket; their `version` is
 * checked: 409) or by an escalation rule (actor null, by ticket id). `plan` decides from the ticket as
 * read in the transaction (null: nothing to do); `alsoWrite` stores the caller's rows with it.
 * Returns the ticket's row as it left it when it wrote, else null.
 */
export async function escalationCommand(
  ctx: Ctx,
  by: { actor: Actor; number: number; version?: number } | { actor: null; ticketId: number },
  plan: (trx: Executor, row: TicketRow) => Promise<EscalationPlan | null>,
  alsoWrite: (trx: Executor, row: TicketRow, plan: EscalationPlan, now: number) => Promise<void>,
): Promise<TicketRow | null> {
  return command(ctx, async (trx, after, now) => {
    const actor = by.actor;
    const row = actor
      ? await visibleTicket(trx, actor, (by as { number: number }).number)
      : await repo.findTicketById(trx, (by as { ticketId: number }).ticketId);
    if (!row) return null;
    if (row.status === 'closed') {
      if (actor) throw new AppError('ticket_closed');
      return null;
    }
    const author: Author = actor ? authorOf(actor) : { userId: null, customerId: null };
    const defs = await loadFieldDefs(trx);
    const w = TicketWrite.open(
      row,
      author,
      now,
      fieldIdsOf(defs),
      actor ? (by as { version?: number }).version : undefined,
    );
    const p = await plan(trx, row);
    if (!p) return null;
    if (p.escalated) w.add({ type: 'escalated', data: p.escalated });
    if (p.teamId !== undefined && p.teamId !== w.state.teamId) {
      if (p.teamId !== null) await assertTeam(trx, p.teamId, 'teamId');
      w.add({ type: 'team_changed', data: { from: w.state.teamId, to: p.teamId } });
      // As with any move: the assignee stays only if they belong to the new team.
      const assignee = w.state.assigneeId;
      if (assignee !== null && p.teamId !== null && !(await teamIdsOfUser(trx, assignee)).includes(p.teamId)) {
        w.add({ type: 'assigned', data: { from: assignee, to: null } });
      }
    }
    if (p.priority !== undefined && p.priority !== w.state.priority) {
      w.add({ type: 'priority_changed', data: { from: w.state.priority, to: p.priority } });
    }
    const name = actor ? await actorName(trx, actor) : null;
    for (const userId of new Set(p.notify)) {
      after.notices.push({
        userId,
        kind: 'escalated',
        ticketId: w.id,
        ticketNumber: w.state.number,
        ticketSubject: w.state.subject,
        actorId: actor?.userId ?? null,
        actorName: name,
      });
    }
    // The person who escalated keeps sight of the ticket (and hears of it) once it left their team.
    if (actor && p.escalated && (await repo.addFollower(trx, row.id, actor.userId, now))) {
      w.add({ type: 'follower_added', data: { userId: actor.userId } });
    }
    await autoAssign(trx, w, after, actor, name);
    await alsoWrite(trx, row, p, now);
    // Triggers see an escalation like any other change (a move to a team, a raised priority).
    await settle(ctx, trx, w, after, now, defs);
    after.numbers.add(row.number);
    return w.row();
  });
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

/** One ticket of a bulk change, on its own (whatever its version: the agent chose it from a list). */
async function bulkOneCommand(
  ctx: Ctx,
  { number, changes }: { number: number; changes: In<typeof BulkUpdateBody>['changes'] },
) {
  const actor = requirePermission(ctx, 'tickets.work');
  await command(ctx, async (trx, after, now) => {
    const row = await visibleTicket(trx, actor, number);
    const defs = await loadFieldDefs(trx);
    const w = TicketWrite.open(row, authorOf(actor), now, fieldIdsOf(defs));
    await applyChanges(trx, actor, w, changes, after, defs);
    await settle(ctx, trx, w, after, now, defs);
    if (w.changed) after.numbers.add(number);
  });
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

async function mergeCommand(ctx: Ctx, { number, input }: { number: number; input: In<typeof MergeBody> }) {
  const actor = requirePermission(ctx, 'tickets.work');
  return command(ctx, async (trx, after, now) => {
    const source = await visibleTicket(trx, actor, number);
    const target = await visibleTicket(trx, actor, input.intoNumber);
    if (source.id === target.id || source.status === 'closed' || target.status === 'closed' || source.merged_into_id) {
      throw new AppError('merge_invalid');
    }
    const defs = await loadFieldDefs(trx);
    const ids = fieldIdsOf(defs);
    const moved = await repo.countMessages(trx, source.id);
    await repo.moveConversation(trx, source.id, target.id);
    await moveTicketDocuments(trx, ctx.deps.db.dialect, source.id, target.id);

    const s = TicketWrite.open(source, authorOf(actor), now, ids);
    s.add({ type: 'merged', data: { into: target.id, intoNumber: target.number, messages: moved } });
    await addSystemMessage(trx, s, after, `Merged into #${target.number}.`, now);
    s.add({ type: 'status_changed', data: { from: source.status, to: 'closed' } });
    await s.flush(trx);

    const t = TicketWrite.open(target, authorOf(actor), now, ids);
    t.add({ type: 'merged_in', data: { from: source.id, fromNumber: source.number, messages: moved } });
    await addSystemMessage(trx, t, after, `#${source.number} "${source.subject}" was merged into this ticket.`, now);
    const tags = [...new Set(JSON.parse(source.tags) as string[])].filter((x) => !t.state.tags.includes(x));
    if (tags.length) t.add({ type: 'tags_changed', data: { added: tags.sort(), removed: [] } });
    for (const userId of await repo.followerIds(trx, source.id)) {
      if (await repo.addFollower(trx, target.id, userId, now)) t.add({ type: 'follower_added', data: { userId } });
    }
    await settle(ctx, trx, t, after, now, defs);
    after.numbers.add(source.number).add(target.number);
    return t.row();
  });
}

// ---------- followers ----------

export async function follow(ctx: Ctx, number: number, userId: number | undefined, on: boolean) {
  return ticketAfterCommand(ctx, await onWriter(ctx, writerCommands, 'tickets.follow', { number, userId, on }));
}

async function followCommand(
  ctx: Ctx,
  { number, userId, on }: { number: number; userId?: number | undefined; on: boolean },
) {
  const actor = requirePermission(ctx, 'tickets.work');
  const who = userId ?? actor.userId;
  return command(ctx, async (trx, after, now) => {
    const row = await visibleTicket(trx, actor, number);
    if (who !== actor.userId) {
      const u = (await userBriefs(trx, [who])).get(who);
      if (u?.active !== 1) throw fieldError('userId', 'no_such_user');
    }
    const w = TicketWrite.open(row, authorOf(actor), now, new Map());
    if (on && (await repo.addFollower(trx, row.id, who, now))) w.add({ type: 'follower_added', data: { userId: who } });
    if (!on && (await repo.removeFollower(trx, row.id, who)))
      w.add({ type: 'follower_removed', data: { userId: who } });
    await w.flush(trx);
    after.numbers.add(number);
    return w.row();
  });
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
  const updated = (await repo.findMessage(db, messageId))!;
  return { message: (await toMessageDtos(db, [updated]))[0]! };
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

// ---------- auto-close ----------

/** Closes tickets solved more than `days` ago; returns how many it closed. */
/**
 * Brings the SLA timers of these tickets in line with the current rules, in the caller's transaction
 * (the recompute after a policy or calendar change, sla/jobs.ts).
 */
export async function refreshSlaOf(db: Executor, ids: number[], now: number): Promise<void> {
  for (const row of await repo.findTicketsByIds(db, ids)) {
    await TicketWrite.open(row, { userId: null, customerId: null }, now, new Map()).refreshSla(db);
  }
}

export async function closeSolvedTickets(ctx: Ctx, days: number, batch = 500): Promise<number> {
  const now = ctx.deps.clock.now();
  const rows = await repo.solvedBefore(ctx.deps.db.kysely, now - days * 86_400_000, batch);
  for (const row of rows) {
    await command(ctx, async (trx, after) => {
      const fresh = await repo.findTicketById(trx, row.id);
      if (fresh?.status !== 'solved') return;
      const w = TicketWrite.open(fresh, { userId: null, customerId: null }, now, new Map());
      w.add({ type: 'status_changed', data: { from: 'solved', to: 'closed' } });
      await w.flush(trx);
      after.numbers.add(fresh.number);
    });
  }
  return rows.length;
}
