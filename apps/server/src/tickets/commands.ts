// Ticket commands: the rules of creating, changing and answering tickets. Each command is one
// transaction (command() below): it stages the ticket's events (write.ts), lets the triggers act on
// them, stores them and, after the commit, publishes the change, notifies and queues its jobs. The
// agent's commands (writerCommands) run on the writer thread in embedded mode and take and return
// plain values; the API's side of them, and every read, is service.ts.
import type { z } from 'zod';
import {
  type AfterJob,
  activeTriggers,
  effectsOf,
  factsSource,
  hasChanges,
  type Rule,
  runChain,
} from '../automation/engine.js';
import { type CustomerBrief, findCustomerBrief, findOrCreateCustomer } from '../customers/service.js';
import { deliver, type Notice, type Recipient, recordNotices } from '../notifications/service.js';
import { teamBriefs, teamIdsOfUser, userBriefs } from '../people/service.js';
import type { Actor, Ctx, Deps } from '../platform/context.js';
import { type Executor, groupMemo, type RunOptions, transaction } from '../platform/db/index.js';
import type { TicketChannel, TicketPriority, TicketRow, TicketStatus } from '../platform/db/types.js';
import { AppError, fieldError } from '../platform/errors.js';
import { type CleanBody, cleanBody, mentionedUserIds, sanitizeHtml, textToHtml } from '../platform/html/sanitize.js';
import { REPLY_MAIL_JOB } from '../platform/mail/jobs.js';
import { requirePermission } from '../platform/rbac.js';
import type { WriterCommands } from '../platform/writer.js';
import { pickAssignee } from './assignment.js';
import {
  type DerivedTicket,
  type EventPayloads,
  type FieldValue,
  type PendingEvent,
  statusChangeAllowed,
} from './events.js';
import { assertSolvable, checkFieldValues, fieldIdsOf, loadFieldDefs } from './fields.js';
import * as repo from './repo.js';
import type { BulkUpdateBody, CreateMessageBody, CreateTicketBody, MergeBody, UpdateTicketBody } from './schema.js';
import { indexBulk, moveTicketDocuments, type SearchDoc } from './search.js';
import { type SystemNote, systemNoteMessage } from './system-notes.js';
import { scopeOf, visibleTicket } from './visibility.js';
import { type Author, rowToDerived, TicketWrite } from './write.js';

type In<T extends z.ZodType> = z.output<T>;

// ---------- who may see which ticket ----------

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

/**
 * Runs a ticket command in one transaction, then publishes and notifies. A command's `fn` keeps what
 * it leaves for after the commit in `after`, made afresh for each run, so the transaction may run it
 * again (RunOptions.rerunnable, platform/db/group-commit.ts) unless `rerunnable` is false.
 */
async function command<T>(
  ctx: Ctx,
  fn: (trx: Executor, after: After, now: number) => Promise<T>,
  { rerunnable = true }: RunOptions = {},
): Promise<T> {
  const now = ctx.deps.clock.now();
  const { result, delivery, after } = await transaction(
    ctx.deps.db,
    async (trx) => {
      const after = newAfter();
      const result = await fn(trx, after, now);
      const delivery = await recordAfter(trx, after, now);
      if (after.search.length) await indexBulk(trx, ctx.deps.db.dialect, after.search);
      return { result, delivery, after };
    },
    // No ticket command changes what groupMemo() keeps (definitions, policies, agents' names).
    { rerunnable, sharesReads: true },
  );
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

/** The acting agent's name for notices: read once for a group's commands (groupMemo). */
function actorName(db: Executor, actor: Actor): Promise<string | null> {
  return groupMemo(db, `user-name:${actor.userId}`, async () => {
    return (await userBriefs(db, [actor.userId])).get(actor.userId)?.name ?? null;
  });
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
  /** A system message's words as a key and values (system-notes.ts). */
  systemNote?: string;
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
    ...(m.systemNote ? { system_note: m.systemNote } : {}),
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

async function addSystemMessage(trx: Executor, w: TicketWrite, after: After, note: SystemNote, now: number) {
  const { html, systemNote } = systemNoteMessage(note);
  await addMessageTo(trx, w, after, {
    kind: 'system',
    html,
    systemNote,
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
  warning: SystemNote | null;
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
  // Not run twice: the channels' `fn` may keep what it decided outside the transaction.
  return command(
    ctx,
    async (trx, after, now) => {
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
    },
    { rerunnable: false },
  );
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

// ---------- update ----------

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
    await addSystemMessage(
      trx,
      w,
      after,
      { key: 'solvedWithProblem', params: { number: problem.state.number } },
      problem.state.updatedAt,
    );
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
export async function bundleCommand(ctx: Ctx, number: number, b: Bundle) {
  const actor = requirePermission(ctx, 'tickets.work');
  return command(ctx, async (trx, after, now) => {
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

// ---------- merge ----------

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
    await addSystemMessage(trx, s, after, { key: 'mergedInto', params: { number: target.number } }, now);
    s.add({ type: 'status_changed', data: { from: source.status, to: 'closed' } });
    await s.flush(trx);

    const t = TicketWrite.open(target, authorOf(actor), now, ids);
    t.add({ type: 'merged_in', data: { from: source.id, fromNumber: source.number, messages: moved } });
    await addSystemMessage(
      trx,
      t,
      after,
      { key: 'mergedFrom', params: { number: source.number, subject: source.subject } },
      now,
    );
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

// ---------- auto-close ----------

/**
 * Brings the SLA timers of these tickets in line with the current rules, in the caller's transaction
 * (the recompute after a policy or calendar change, sla/jobs.ts).
 */
export async function refreshSlaOf(db: Executor, ids: number[], now: number): Promise<void> {
  for (const row of await repo.findTicketsByIds(db, ids)) {
    await TicketWrite.open(row, { userId: null, customerId: null }, now, new Map()).refreshSla(db);
  }
}

/** Closes tickets solved more than `days` ago, each in a command of its own; returns how many it closed. */
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
