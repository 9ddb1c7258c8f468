// Placeholders in macro replies: a fixed list of names, checked when a macro is saved and filled in
// when it is applied. Replies are plain text: values go in as they are (HTML escaping happens once,
// when the text becomes a message).

import type { TicketPriority, TicketStatus, TicketType } from '../platform/db/types.js';
import type { Locale } from '../platform/errors.js';

export const PLACEHOLDERS = [
  'ticket.number',
  'ticket.subject',
  'ticket.status',
  'ticket.priority',
  'ticket.type',
  'requester.name',
  'requester.first_name',
  'requester.email',
  'organisation.name',
  'agent.name',
  'agent.first_name',
  'agent.email',
  'team.name',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const known = new Set<string>(PLACEHOLDERS);

/** `{{ name }}`, spaces inside the braces allowed. */
const PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholder names a text uses, each once, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PATTERN)].map((m) => m[1]!))];
}

/** The names a text uses that are not placeholders (empty: the text is fine). */
export function unknownPlaceholders(text: string): string[] {
  return placeholdersIn(text).filter((name) => !known.has(name));
}

/** What the placeholders stand for on one ticket, for one agent. */
export interface PlaceholderValues {
  ticket: { number: number; subject: string; status: TicketStatus; priority: TicketPriority; type: TicketType };
  requester: { name: string; email: string | null };
  organisation: { name: string } | null;
  agent: { name: string; email: string };
  team: { name: string } | null;
}

const STATUS: Record<TicketStatus, Record<Locale, string>> = {
  new: { en: 'new', hi: 'नया' },
  open: { en: 'open', hi: 'खुला' },
  pending: { en: 'pending', hi: 'प्रतीक्षा में' },
  on_hold: { en: 'on hold', hi: 'रुका हुआ' },
  solved: { en: 'solved', hi: 'हल हुआ' },
  closed: { en: 'closed', hi: 'बंद' },
};
const PRIORITY: Record<TicketPriority, Record<Locale, string>> = {
  low: { en: 'low', hi: 'कम' },
  normal: { en: 'normal', hi: 'सामान्य' },
  high: { en: 'high', hi: 'ऊँची' },
  urgent: { en: 'urgent', hi: 'अत्यावश्यक' },
};
const TYPE: Record<TicketType, Record<Locale, string>> = {
  question: { en: 'question', hi: 'प्रश्न' },
  incident: { en: 'incident', hi: 'घटना' },
  problem: { en: 'problem', hi: 'समस्या' },
  task: { en: 'task', hi: 'कार्य' },
  return: { en: 'return', hi: 'वापसी' },
};

/** The first word of a name ("Asha Rao" → "Asha"); the whole name if it has one word. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}

export function placeholderValue(name: Placeholder, v: PlaceholderValues, locale: Locale): string {
  switch (name) {
    case 'ticket.number':
      return String(v.ticket.number);
    case 'ticket.subject':
      return v.ticket.subject;
    case 'ticket.status':
      return STATUS[v.ticket.status][locale];
    case 'ticket.priority':
      return PRIORITY[v.ticket.priority][locale];
    case 'ticket.type':
      return TYPE[v.ticket.type][locale];
    case 'requester.name':
      return v.requester.name;
    case 'requester.first_name':
      return firstName(v.requester.name);
    case 'requester.email':
      return v.requester.email ?? '';
    case 'organisation.name':
      return v.organisation?.name ?? '';
    case 'agent.name':
      return v.agent.name;
    case 'agent.first_name':
      return firstName(v.agent.name);
    case 'agent.email':
      return v.agent.email;
    case 'team.name':
      return v.team?.name ?? '';
  }
}

/**
 * Fills in every placeholder; a name that is not a placeholder is left as written (a saved macro
 * has none: callers check with unknownPlaceholders first).
 */
export function renderText(text: string, values: PlaceholderValues, locale: Locale): string {
  return text.replace(PATTERN, (whole, name: string) =>
    known.has(name) ? placeholderValue(name as Placeholder, values, locale) : whole,
  );
}
