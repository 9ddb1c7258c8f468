// Replays a whole ticket history (created, then messages and changes at their own times) through the
// same event fold as live commands: the demo seed and bench generators use it, later imports too.
import type { Dialect, Executor } from '../platform/db/index.js';
import type { MessageKind, TicketChannel, TicketPriority, TicketStatus, TicketType } from '../platform/db/types.js';
import { htmlToText, sanitizeHtml } from '../platform/html/sanitize.js';
import type { FieldValue, PendingEvent } from './events.js';
import * as repo from './repo.js';
import type { ReturnDto } from './schema.js';
import { indexMessage, indexSubject } from './search.js';
import { type Author, TicketWrite } from './write.js';

export type HistoryStep =
  | { at: number; by: Author; message: { kind: MessageKind; html: string } }
  | { at: number; by: Author; change: PendingEvent };

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

/** Writes one ticket with its whole history inside the caller's transaction; returns its number. */
export async function importHistory(
  db: Executor,
  dialect: Dialect,
  h: TicketHistory,
  fieldIds: Map<string, number>,
): Promise<number> {
  const number = await repo.nextTicketNumber(db);
  let w = await TicketWrite.create(
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
  await indexSubject(db, dialect, w.id, h.subject);
  let state = await w.flush(db);
  for (const step of h.steps) {
    w = TicketWrite.resume(w.id, state, step.by, step.at, fieldIds);
    if ('message' in step) {
      const html = sanitizeHtml(step.message.html);
      const text = htmlToText(html);
      const messageId = await repo.insertMessage(db, {
        ticket_id: w.id,
        kind: step.message.kind,
        author_user_id: step.by.userId,
        author_customer_id: step.by.customerId,
        channel: step.message.kind === 'customer' ? h.channel : 'web',
        body_html: html,
        body_text: text,
        created_at: step.at,
      });
      if (text) await indexMessage(db, dialect, { ticketId: w.id, messageId, text });
      const kind = step.message.kind;
      if (kind === 'reply') w.add({ type: 'public_reply', data: { messageId } });
      else if (kind === 'customer') w.add({ type: 'customer_message', data: { messageId } });
      else if (kind === 'system') w.add({ type: 'system_message', data: { messageId } });
      else w.add({ type: 'internal_note', data: { messageId, mentions: [] } });
    } else {
      w.add(step.change);
    }
    state = await w.flush(db);
  }
  for (const userId of h.followerIds ?? []) {
    if (await repo.addFollower(db, w.id, userId, state.updatedAt)) {
      w = TicketWrite.resume(w.id, state, { userId, customerId: null }, state.updatedAt, fieldIds);
      state = await w.add({ type: 'follower_added', data: { userId } }).flush(db);
    }
  }
  return number;
}
