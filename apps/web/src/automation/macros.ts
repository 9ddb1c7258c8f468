// Pure helpers of the macro editor and picker: placeholders in reply texts, new actions, searching
// the list, and reading the server's errors about one field or one action.
import { ApiError } from '../lib/api';
import type { ActionType, Macro, MacroAction, MacroLocale } from './api';

const PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

export const placeholderToken = (name: string) => `{{${name}}}`;

/** The names a text uses that are not in `known`, each once (the server refuses them on save). */
export function unknownPlaceholders(text: string, known: readonly string[]): string[] {
  const set = new Set(known);
  return [...new Set([...text.matchAll(PATTERN)].map((m) => m[1] ?? ''))].filter((name) => !set.has(name));
}

/** `insert` put in place of the selection [start, end) of `text`, and where the caret goes after it. */
export function insertAt(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + insert + text.slice(to), caret: from + insert.length };
}

/** A new action of this type with a sensible first value. */
export function newAction(type: ActionType): MacroAction {
  switch (type) {
    case 'set_status':
      return { type, value: 'pending' };
    case 'set_priority':
      return { type, value: 'normal' };
    case 'set_type':
      return { type, value: 'question' };
    case 'set_assignee':
      return { type, value: 'current_user' };
    case 'set_team':
      return { type, value: null };
    case 'add_tags':
    case 'remove_tags':
      return { type, value: [] };
    case 'set_field':
      return { type, key: '', value: null };
  }
}

/** Macros whose name or description holds every word of the query, in any case. */
export function filterMacros(items: Macro[], query: string): Macro[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return items.filter((m) => words.every((w) => `${m.name} ${m.description}`.toLowerCase().includes(w)));
}

/** The reply text in this language, else the other; '' when the macro has none. */
export function replyFor(macro: Pick<Macro, 'replyEn' | 'replyHi'>, locale: MacroLocale): string {
  const [first, second] = locale === 'hi' ? [macro.replyHi, macro.replyEn] : [macro.replyEn, macro.replyHi];
  return first.trim() ? first : second;
}

/** The unknown placeholders the server named for one field, if that is what it refused. */
export function refusedPlaceholders(error: unknown, field: string): string[] {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return [];
  const named = error.details?.placeholders;
  if (!named || typeof named !== 'object') return [];
  const list = (named as Record<string, unknown>)[field];
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
}

/** The server's message about action `index` (any of its parts), if it refused one. */
export function actionError(error: unknown, index: number): string | undefined {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return undefined;
  const prefix = `actions.${index}`;
  const hit = Object.entries(error.fields).find(([k]) => k === prefix || k.startsWith(`${prefix}.`));
  return hit?.[1];
}
