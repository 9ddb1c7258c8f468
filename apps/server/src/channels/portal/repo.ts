// Kysely queries of the portal: sign-in links and portal sessions (its own tables), and a read-only
// view of the tickets a customer may see. Every write to a ticket goes through customerCommand.
import type { ExpressionBuilder } from 'kysely';
import type { Executor } from '../../platform/db/index.js';
import type { Database } from '../../platform/db/types.js';

export async function insertMagicLink(
  db: Executor,
  row: { token_hash: string; customer_id: number; created_at: number; expires_at: number },
): Promise<void> {
  await db
    .insertInto('customer_magic_links')
    .values({ ...row, used_at: null })
    .execute();
}

export function findMagicLink(db: Executor, tokenHash: string) {
  return db.selectFrom('customer_magic_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Marks the link used; false when another request used it first. */
export async function useMagicLink(db: Executor, id: number, now: number): Promise<boolean> {
  const r = await db
    .updateTable('customer_magic_links')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function insertSession(
  db: Executor,
  row: {
    token_hash: string;
    customer_id: number;
    csrf_token: string;
    created_at: number;
    last_seen_at: number;
    expires_at: number;
  },
): Promise<void> {
  await db.insertInto('customer_sessions').values(row).execute();
}

export function findSession(db: Executor, tokenHash: string) {
  return db
    .selectFrom('customer_sessions')
    .select(['id', 'customer_id', 'csrf_token', 'expires_at', 'last_seen_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchSession(db: Executor, id: number, now: number): Promise<void> {
  await db.updateTable('customer_sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function deleteSession(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('customer_sessions').where('id', '=', id).execute();
}

// ---------- the tickets a customer sees ----------

export interface Viewer {
  customerId: number;
  /** Set only when the organisation shares its tickets in the portal. */
  sharedOrganisationId: number | null;
}

/** Tickets the customer asked for, is copied on, or (shared) that belong to their organisation. */
function visibleTo(v: Viewer) {
  return (eb: ExpressionBuilder<Database, 'tickets'>) =>
    eb.or([
      eb('tickets.requester_id', '=', v.customerId),
      eb.exists(
        eb
          .selectFrom('ticket_cc')
          .select('ticket_cc.ticket_id')
          .whereRef('ticket_cc.ticket_id', '=', 'tickets.id')
          .where('ticket_cc.customer_id', '=', v.customerId),
      ),
      ...(v.sharedOrganisationId !== null ? [eb('tickets.organisation_id', '=', v.sharedOrganisationId)] : []),
    ]);
}

const ticketColumns = [
  'tickets.id',
  'tickets.number',
  'tickets.subject',
  'tickets.status',
  'tickets.requester_id',
  'tickets.created_at',
  'tickets.updated_at',
  'customers.name as requester_name',
] as const;

export function listVisibleTickets(
  db: Executor,
  v: Viewer,
  after: { updatedAt: number; id: number } | null,
  limit: number,
) {
  let q = db
    .selectFrom('tickets')
    .innerJoin('customers', 'customers.id', 'tickets.requester_id')
    .select(ticketColumns)
    .where(visibleTo(v));
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('tickets.updated_at', '<', after.updatedAt),
        eb.and([eb('tickets.updated_at', '=', after.updatedAt), eb('tickets.id', '<', after.id)]),
      ]),
    );
  }
  return q.orderBy('tickets.updated_at', 'desc').orderBy('tickets.id', 'desc').limit(limit).execute();
}

export type VisibleTicketRow = Awaited<ReturnType<typeof listVisibleTickets>>[number];

export function findVisibleTicket(db: Executor, v: Viewer, by: { number: number } | { id: number }) {
  const q = db
    .selectFrom('tickets')
    .innerJoin('customers', 'customers.id', 'tickets.requester_id')
    .select(ticketColumns)
    .where(visibleTo(v));
  return (
    'number' in by ? q.where('tickets.number', '=', by.number) : q.where('tickets.id', '=', by.id)
  ).executeTakeFirst();
}

/** Of these tickets, those the customer is copied on. */
export async function ccTicketIds(db: Executor, customerId: number, ticketIds: number[]): Promise<Set<number>> {
  if (!ticketIds.length) return new Set();
  const rows = await db
    .selectFrom('ticket_cc')
    .select('ticket_id')
    .where('customer_id', '=', customerId)
    .where('ticket_id', 'in', ticketIds)
    .execute();
  return new Set(rows.map((r) => r.ticket_id));
}

/** The public conversation: what customers wrote and agents' replies, never notes or system messages. */
export function publicMessages(db: Executor, ticketId: number) {
  return db
    .selectFrom('ticket_messages')
    .leftJoin('users', 'users.id', 'ticket_messages.author_user_id')
    .leftJoin('customers', 'customers.id', 'ticket_messages.author_customer_id')
    .select([
      'ticket_messages.id',
      'ticket_messages.kind',
      'ticket_messages.author_customer_id',
      'ticket_messages.body_html',
      'ticket_messages.created_at',
      'users.name as user_name',
      'customers.name as customer_name',
    ])
    .where('ticket_messages.ticket_id', '=', ticketId)
    .where('ticket_messages.kind', 'in', ['customer', 'reply'])
    .orderBy('ticket_messages.created_at')
    .orderBy('ticket_messages.id')
    .execute();
}

export function attachmentsOfMessages(db: Executor, messageIds: number[]) {
  if (!messageIds.length) return Promise.resolve([]);
  return db
    .selectFrom('ticket_attachments')
    .select(['id', 'message_id', 'file_name', 'content_type', 'size'])
    .where('message_id', 'in', messageIds)
    .orderBy('id')
    .execute();
}

/** An attachment of a public message (a note's files never leave the staff side). */
export function publicAttachment(db: Executor, id: number) {
  return db
    .selectFrom('ticket_attachments')
    .innerJoin('ticket_messages', 'ticket_messages.id', 'ticket_attachments.message_id')
    .select([
      'ticket_attachments.id',
      'ticket_attachments.ticket_id',
      'ticket_attachments.blob_key',
      'ticket_attachments.file_name',
      'ticket_attachments.content_type',
    ])
    .where('ticket_attachments.id', '=', id)
    .where('ticket_messages.kind', 'in', ['customer', 'reply'])
    .executeTakeFirst();
}
