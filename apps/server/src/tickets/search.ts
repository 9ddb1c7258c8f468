// Interim search: a substring match on subjects only. The full-text index over subjects and
// messages (FTS5 / PostgreSQL) replaces this module in the next change; its exports stay.
import { type AliasedRawBuilder, sql } from 'kysely';
import type { Dialect, Executor } from '../platform/db/index.js';

export function normaliseForSearch(text: string): string {
  return text.normalize('NFC').toLowerCase();
}
export async function indexSubject(_db: Executor, _d: Dialect, _ticketId: number, _subject: string): Promise<void> {}
export async function indexMessage(
  _db: Executor,
  _d: Dialect,
  _doc: { ticketId: number; messageId: number; text: string },
): Promise<void> {}
export async function indexBulk(
  _db: Executor,
  _d: Dialect,
  _docs: { ticketId: number; messageId: number | null; text: string }[],
): Promise<void> {}
export async function moveTicketDocuments(_db: Executor, _d: Dialect, _from: number, _to: number): Promise<void> {}
export function searchMatches(
  _d: Dialect,
  q: string,
): AliasedRawBuilder<{ ticket_id: number; score: number }, 'search'> | null {
  const term = normaliseForSearch(q).trim();
  if (!term) return null;
  const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<{
    ticket_id: number;
    score: number;
  }>`(select id as ticket_id, 1 as score from tickets where lower(subject) like ${like} escape '\\')`.as('search');
}
export async function searchSnippets(
  _db: Executor,
  _d: Dialect,
  _ticketIds: number[],
  _q: string,
): Promise<Map<number, string>> {
  return new Map();
}
