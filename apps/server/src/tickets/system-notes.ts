// What Sahayak itself says on a ticket's conversation (a merge, a problem solving its incidents, a mail
// that could not be read completely). Such a message keeps its words in English as its text (search,
// exports, the event log's readers) and, beside them, what it says as a key and values, so each agent
// reads it in their own language (the web's tickets.system.* strings).
import { z } from 'zod';
import { textToHtml } from '../platform/html/sanitize.js';

export const SystemNote = z.discriminatedUnion('key', [
  z.object({ key: z.literal('mergedInto'), params: z.object({ number: z.number() }) }),
  z.object({ key: z.literal('mergedFrom'), params: z.object({ number: z.number(), subject: z.string() }) }),
  z.object({ key: z.literal('solvedWithProblem'), params: z.object({ number: z.number() }) }),
  z.object({ key: z.literal('malformedMail'), params: z.object({}) }),
]);
export type SystemNote = z.infer<typeof SystemNote>;

/** The note in English, as its message's text. */
function systemNoteText(note: SystemNote): string {
  switch (note.key) {
    case 'mergedInto':
      return `Merged into #${note.params.number}.`;
    case 'mergedFrom':
      return `#${note.params.number} "${note.params.subject}" was merged into this ticket.`;
    case 'solvedWithProblem':
      return `Solved with problem #${note.params.number}.`;
    case 'malformedMail':
      return 'This mail could not be read completely (malformed MIME). The original is kept: download it from the message.';
  }
}

/** The note as a message's body and its stored key (ticket_messages.system_note). */
export function systemNoteMessage(note: SystemNote): { html: string; systemNote: string } {
  return { html: textToHtml(systemNoteText(note)), systemNote: JSON.stringify(note) };
}

/**
 * A stored note as the API shows it; null for a message without one (any message written before) or
 * with one this version does not know (written by a later one): the text is shown then.
 */
export function systemNoteOf(stored: string | null): SystemNote | null {
  if (stored === null) return null;
  const note = SystemNote.safeParse(JSON.parse(stored));
  return note.success ? note.data : null;
}
