// Replays a whole ticket history (created, then messages and changes at their own times) through the
// same event fold as live commands: the demo seed and bench generators use it, later imports too.
import type { Dialect, Executor } from '../platform/db/index.js';
import type { MessageKind, TicketChannel, TicketPriority, TicketStatus, TicketType } from '../platform/db/types.js';
import { htmlToText, mentionedUserIds, sanitizeHtml } from '../platform/html/sanitize.js';
import type { FieldValue, PendingEvent } from './events.js';
import * as repo from './repo.js';
import type { ReturnDto } from './schema.js';
import { indexBulk } from './search.js';
import { type Author, TicketWrite } from './write.js';

/** One moment of a history: a message, changes, or both (one command, one version). */
export interface HistoryStep {
  at: number;
  by: Author;
  message?: { kind: MessageKind; html: string; systemNote?: string };
  change?: PendingEvent;
  changes?: PendingEvent[];
}

export interface TicketHistory {
  subject: string;
  channel: TicketChannel;
  priority: TicketPriority;
  type: TicketType;
  status: TicketStatus;
  requesterId: number;
  organisationId: number | null;
  teamId: number | null;
  assigneeId: number | null;
  tags: string[];
  fields: Record<string, FieldValue>;
  returnDetails: ReturnDto | null;
  createdAt: number;
  createdBy: Author;
  steps: HistoryStep[];
  followerIds?: number[];
}

/**
 * Writes one ticket with its whole history inside the caller's transaction; returns its number.
 * Messages are inserted as they come (events point at them); the events, the derived row, its
 * indexes and the search documents are written once at the end.
 */
export async function importHistory(
  db: Executor,
  dialect: Dialect,
  h: TicketHistory,
  fieldIds: Map<string, number>,
): Promise<number> {
  const number = await repo.nextTicketNumber(db);
  const w = await TicketWrite.create(
    db,
    {
      type: 'created',
      data: {
        number,
        subject: h.subject,
        status: h.status,
        priority: h.priority,
        type: h.type,
        channel: h.channel,
        requesterId: h.requesterId,
        organisationId: h.organisationId,
        assigneeId: h.assigneeId,
        teamId: h.teamId,
        tags: h.tags,
        fields: h.fields,
        returnDetails: h.returnDetails,
      },
    },
    h.createdBy,
    h.createdAt,
    fieldIds,
  );
  const docs: { ticketId: number; messageId: number | null; text: string }[] = [
    { ticketId: w.id, messageId: null, text: h.subject },
  ];
  let version = 1;
  for (const step of h.steps) {
    version += 1;
    if (step.message) {
      const html = sanitizeHtml(step.message.html);
      const text = htmlToText(html);
      const kind = step.message.kind;
      const messageId = await repo.insertMessage(db, {
        ticket_id: w.id,
        kind,
        author_user_id: step.by.userId,
        author_customer_id: step.by.customerId,
        channel: kind === 'customer' ? h.channel : 'web',
        body_html: html,
        body_text: text,
        created_at: step.at,
        ...(step.message.systemNote ? { system_note: step.message.systemNote } : {}),
      });
      if (text) docs.push({ ticketId: w.id, messageId, text });
      const event: PendingEvent =
        kind === 'reply'
          ? { type: 'public_reply', data: { messageId } }
          : kind === 'customer'
            ? { type: 'customer_message', data: { messageId } }
            : kind === 'system'
              ? { type: 'system_message', data: { messageId } }
              : { type: 'internal_note', data: { messageId, mentions: mentionedUserIds(html) } };
      w.addStep(event, step.at, step.by, version);
    }
    for (const change of [...(step.change ? [step.change] : []), ...(step.changes ?? [])]) {
      w.addStep(change, step.at, step.by, version);
    }
  }
  for (const userId of h.followerIds ?? []) {
    if (await repo.addFollower(db, w.id, userId, w.state.updatedAt)) {
      version += 1;
      w.addStep({ type: 'follower_added', data: { userId } }, w.state.updatedAt, { userId, customerId: null }, version);
    }
  }
  await w.flush(db);
  await indexBulk(db, dialect, docs);
  return number;
}
