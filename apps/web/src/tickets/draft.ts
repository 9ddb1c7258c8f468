// The composer's draft, kept in localStorage per ticket so a reload (or a 409 reload) loses nothing.
import type { Attachment, SettableStatus } from './api';
import type { Mention } from './html';

export interface Draft {
  kind: 'reply' | 'note';
  text: string;
  mentions: Mention[];
  status: SettableStatus | '';
  attachments: Attachment[];
  savedAt: number;
}

type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** A draft untouched for this long is not worth restoring. */
export const DRAFT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export const draftKey = (number: number) => `sahayak.draft.${number}`;

export function isEmptyDraft(draft: Pick<Draft, 'text' | 'attachments'>): boolean {
  return draft.text.trim() === '' && draft.attachments.length === 0;
}

function storage(): DraftStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function loadDraft(number: number, now = Date.now(), store: DraftStorage | null = storage()): Draft | null {
  if (!store) return null;
  try {
    const raw = store.getItem(draftKey(number));
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Draft>;
    if (typeof value.text !== 'string' || typeof value.savedAt !== 'number') return null;
    if (now - value.savedAt > DRAFT_MAX_AGE_MS) {
      store.removeItem(draftKey(number));
      return null;
    }
    return {
      kind: value.kind === 'note' ? 'note' : 'reply',
      text: value.text,
      mentions: Array.isArray(value.mentions) ? value.mentions : [],
      status: typeof value.status === 'string' ? value.status : '',
      attachments: Array.isArray(value.attachments) ? value.attachments : [],
      savedAt: value.savedAt,
    };
  } catch {
    return null;
  }
}

/** Saves the draft, or forgets it once it is empty. */
export function saveDraft(number: number, draft: Draft, store: DraftStorage | null = storage()): void {
  if (!store) return;
  try {
    if (isEmptyDraft(draft)) store.removeItem(draftKey(number));
    else store.setItem(draftKey(number), JSON.stringify(draft));
  } catch {
    // A full or blocked storage only costs the convenience of a restored draft.
  }
}

export function clearDraft(number: number, store: DraftStorage | null = storage()): void {
  try {
    store?.removeItem(draftKey(number));
  } catch {
    // See saveDraft.
  }
}
