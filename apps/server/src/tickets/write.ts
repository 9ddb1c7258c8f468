// The one write path of a ticket: each command stages events, the fold derives the new row from them,
// and flush() stores events, row, indexes, the ticket's SLA timers and its KPI facts together in the
// caller's transaction.

import { recordFactsOfTickets, recordTicketFacts } from '../analytics/facts-store.js';
import type { Executor } from '../platform/db/index.js';
import type { TicketRow } from '../platform/db/types.js';
import { AppError } from '../platform/errors.js';
import { syncTicketSla } from '../sla/timers-store.js';
import { applyEvent, type DerivedTicket, eventOfRow, type PendingEvent, type TicketEvent } from './events.js';
import * as repo from './repo.js';

export function rowToDerived(row: TicketRow): DerivedTicket {
  return {
    number: row.number,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    type: row.type,
    channel: row.channel,
    requesterId: row.requester_id,
    organisationId: row.organisation_id,
    assigneeId: row.assignee_id,
    teamId: row.team_id,
    tags: JSON.parse(row.tags) as string[],
    fields: JSON.parse(row.fields) as DerivedTicket['fields'],
    returnDetails: row.return_details ? (JSON.parse(row.return_details) as DerivedTicket['returnDetails']) : null,
    problemId: row.problem_id,
    mergedIntoId: row.merged_into_id,
    version: row.version,
    messageCount: row.message_count,
    replyCount: row.reply_count,
    reopenCount: row.reopen_count,
    firstReplyAt: row.first_reply_at,
    lastReplyAt: row.last_reply_at,
    lastCustomerMessageAt: row.last_customer_message_at,
    solvedAt: row.solved_at,
    closedAt: row.closed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function derivedToRow(d: DerivedTicket): Omit<TicketRow, 'id'> {
  return {
    number: d.number,
    subject: d.subject,
    status: d.status,
    priority: d.priority,
    type: d.type,
    channel: d.channel,
    requester_id: d.requesterId,
    organisation_id: d.organisationId,
    assignee_id: d.assigneeId,
    team_id: d.teamId,
    tags: JSON.stringify(d.tags),
    fields: JSON.stringify(d.fields),
    return_details: d.returnDetails ? JSON.stringify(d.returnDetails) : null,
    problem_id: d.problemId,
    merged_into_id: d.mergedIntoId,
    version: d.version,
    message_count: d.messageCount,
    reply_count: d.replyCount,
    reopen_count: d.reopenCount,
    first_reply_at: d.firstReplyAt,
    last_reply_at: d.lastReplyAt,
    last_customer_message_at: d.lastCustomerMessageAt,
    solved_at: d.solvedAt,
    closed_at: d.closedAt,
    created_at: d.createdAt,
    updated_at: d.updatedAt,
  };
}

const eventRow = (ticketId: number, e: TicketEvent) => ({
  ticket_id: ticketId,
  version: e.version,
  type: e.type,
  actor_user_id: e.actorUserId,
  actor_customer_id: e.actorCustomerId,
  data: JSON.stringify(e.data),
  created_at: e.at,
});

export interface Author {
  userId: number | null;
  customerId: number | null;
}

/** Custom field values as the index stores them: one string per value. */
export function indexValues(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  return [String(value)];
}

export class TicketWrite {
  private readonly staged: TicketEvent[] = [];
  private readonly before: DerivedTicket | null;
  /** The row as the database holds it now: store() writes only the columns that differ from it. */
  private stored: DerivedTicket;
  state: DerivedTicket;
  readonly version: number;

  private constructor(
    readonly id: number,
    before: DerivedTicket | null,
    state: DerivedTicket,
    private author: Author,
    private readonly now: number,
    private readonly fieldIds: Map<string, number>,
  ) {
    this.before = before;
    // A new ticket's row is inserted from its first state (create) before any other event.
    this.stored = before ?? state;
    this.state = state;
    this.version = (before?.version ?? 0) + 1;
  }

  /**
   * The ticket's row as the database holds it after this command's last flush: what the command
   * answers with, without reading back what it has just written.
   */
  row(): TicketRow {
    return { id: this.id, ...derivedToRow(this.stored) };
  }

  /** Starts a command on an existing ticket; `expectedVersion` (when given) must be the stored one. */
  static open(
    row: TicketRow,
    author: Author,
    now: number,
    fieldIds: Map<string, number>,
    expectedVersion?: number,
  ): TicketWrite {
    if (expectedVersion !== undefined && expectedVersion !== row.version) {
      throw new AppError('version_conflict', { currentVersion: row.version });
    }
    const before = rowToDerived(row);
    return new TicketWrite(row.id, before, before, author, now, fieldIds);
  }

  /** The next command on a ticket this process has just written (imports replaying a history). */
  static resume(
    id: number,
    state: DerivedTicket,
    author: Author,
    now: number,
    fieldIds: Map<string, number>,
  ): TicketWrite {
    return new TicketWrite(id, state, state, author, now, fieldIds);
  }

  /** A new ticket: inserts its row from the "created" event so later events can point at it. */
  static async create(
    db: Executor,
    created: Extract<PendingEvent, { type: 'created' }>,
    author: Author,
    now: number,
    fieldIds: Map<string, number>,
  ): Promise<TicketWrite> {
    const event: TicketEvent = {
      ...created,
      version: 1,
      at: now,
      actorUserId: author.userId,
      actorCustomerId: author.customerId,
    };
    const state = applyEvent(null, event);
    const id = await repo.insertTicket(db, derivedToRow(state));
    const w = new TicketWrite(id, null, state, author, now, fieldIds);
    w.staged.push(event);
    return w;
  }

  add(e: PendingEvent): this {
    const event = {
      ...e,
      version: this.version,
      at: this.now,
      actorUserId: this.author.userId,
      actorCustomerId: this.author.customerId,
    } as TicketEvent;
    this.state = applyEvent(this.state, event);
    this.staged.push(event);
    return this;
  }

  /**
   * An event of a replayed history, at its own time, by its own author and version (imports). The
   * whole history is then stored by one flush().
   */
  addStep(e: PendingEvent, at: number, author: Author, version: number): this {
    const event = {
      ...e,
      version,
      at,
      actorUserId: author.userId,
      actorCustomerId: author.customerId,
    } as TicketEvent;
    this.state = applyEvent(this.state, event);
    this.staged.push(event);
    return this;
  }

  get changed(): boolean {
    return this.staged.length > 0;
  }

  /** The ticket as the command found it (null: the command creates it). */
  get original(): DerivedTicket | null {
    return this.before;
  }

  /** Stages the events `fn` adds under another author (a rule's changes are by no person), then goes back. */
  async withAuthor<T>(author: Author, fn: () => Promise<T>): Promise<T> {
    const previous = this.author;
    this.author = author;
    try {
      return await fn();
    } finally {
      this.author = previous;
    }
  }

  /** A point to go back to when what follows cannot apply (a rule whose change the ticket refuses). */
  checkpoint(): { undo: () => void; added: () => number } {
    const length = this.staged.length;
    const state = this.state;
    return {
      undo: () => {
        this.staged.length = length;
        this.state = state;
      },
      added: () => this.staged.length - length,
    };
  }

  /**
   * Stores the staged events and the derived row, with the SLA outcomes they bring about; keeps the
   * tag and custom field indexes, the SLA timers and the facts in step.
   */
  async flush(db: Executor): Promise<DerivedTicket> {
    if (!this.staged.length) return this.state;
    await this.addSlaOutcomes(db);
    return this.store(db, true);
  }

  /**
   * Brings the SLA timers in line with the log without a change to the ticket (a policy or calendar
   * changed): stores the outcome events that calls for, if any.
   */
  async refreshSla(db: Executor): Promise<void> {
    await this.addSlaOutcomes(db);
    if (this.staged.length) await this.store(db, false);
  }

  /**
   * SLA outcomes are events of the system, not of the author: placed among the staged events by
   * their time, with the version of the event before them (they change nothing a reader of the
   * ticket would have to reload).
   */
  private async addSlaOutcomes(db: Executor): Promise<void> {
    // An imported history is written at the time of its first event: judge it as of its last one.
    const now = this.staged.reduce((latest, e) => Math.max(latest, e.at), this.now);
    const outcomes = await syncTicketSla(
      db,
      this.id,
      this.state,
      async () =>
        this.before ? [...(await repo.eventsOfTickets(db, [this.id])).map(eventOfRow), ...this.staged] : this.staged,
      now,
      this.before === null,
    );
    for (const o of outcomes) {
      let i = this.staged.length;
      while (i > 0 && this.staged[i - 1]!.at > o.at) i--;
      const version = i > 0 ? this.staged[i - 1]!.version : (this.before?.version ?? 1);
      this.staged.splice(i, 0, { ...o, version, actorUserId: null, actorCustomerId: null } as TicketEvent);
    }
  }

  /**
   * The system's events on tickets no command is writing (the SLA sweep's breaches), many tickets at
   * once: appended to their logs with their facts; the ticket rows are untouched (such events change
   * nothing in them).
   */
  static async appendSystemEvents(db: Executor, byTicket: ReadonlyMap<number, TicketEvent[]>): Promise<void> {
    const rows = [...byTicket].flatMap(([id, events]) => events.map((e) => eventRow(id, e)));
    await repo.insertEvents(db, rows);
    await recordFactsOfTickets(db, byTicket, async (ids) => {
      const logs = new Map<number, TicketEvent[]>(ids.map((id) => [id, []]));
      for (const r of await repo.eventsOfTickets(db, ids)) logs.get(r.ticket_id)!.push(eventOfRow(r));
      return logs;
    });
  }

  private async store(db: Executor, changed: boolean): Promise<DerivedTicket> {
    await repo.insertEvents(
      db,
      this.staged.map((e) => eventRow(this.id, e)),
    );
    await recordTicketFacts(db, this.id, this.before === null, this.staged, async () =>
      (await repo.eventsOfTickets(db, [this.id])).map(eventOfRow),
    );
    this.staged.length = 0;
    if (!changed) return this.state;
    // Only the changed columns: SQLite rewrites the entries of every index on a column the UPDATE
    // names, changed or not, and the tickets table has eight.
    const was = derivedToRow(this.stored);
    const patch = Object.fromEntries(
      Object.entries(derivedToRow(this.state)).filter(([column, value]) => was[column as keyof typeof was] !== value),
    );
    if (Object.keys(patch).length) await repo.updateTicketRow(db, this.id, patch);
    this.stored = this.state;
    const before = this.before;
    // A new ticket has no index rows yet: only write what it has.
    if (before ? before.tags.join('\u0000') !== this.state.tags.join('\u0000') : this.state.tags.length > 0) {
      await repo.replaceTags(db, this.id, this.state.tags);
    }
    const keys = new Set([...Object.keys(before?.fields ?? {}), ...Object.keys(this.state.fields)]);
    for (const key of keys) {
      const a = JSON.stringify(before?.fields[key] ?? null);
      const b = JSON.stringify(this.state.fields[key] ?? null);
      const fieldId = this.fieldIds.get(key);
      if ((a !== b || !before) && fieldId !== undefined) {
        await repo.replaceFieldValues(db, this.id, fieldId, indexValues(this.state.fields[key]));
      }
    }
    return this.state;
  }
}
