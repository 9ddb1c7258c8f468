// The inbox's keyboard: which key means what, and the cursor/selection state the keys move.

export type ShortcutAction = 'down' | 'up' | 'open' | 'toggle' | 'search' | 'assign' | 'solve' | 'help';

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** True while focus is in a text field: keys then belong to the field. */
  editing?: boolean;
}

const KEYS: Record<string, ShortcutAction> = {
  j: 'down',
  ArrowDown: 'down',
  k: 'up',
  ArrowUp: 'up',
  Enter: 'open',
  o: 'open',
  x: 'toggle',
  '/': 'search',
  a: 'assign',
  e: 'solve',
  '?': 'help',
};

/** The shortcuts listed in the help, in order; `keys` are shown as typed. */
export const SHORTCUTS: readonly { keys: string[]; action: ShortcutAction }[] = [
  { keys: ['j', '↓'], action: 'down' },
  { keys: ['k', '↑'], action: 'up' },
  { keys: ['Enter', 'o'], action: 'open' },
  { keys: ['x'], action: 'toggle' },
  { keys: ['/'], action: 'search' },
  { keys: ['a'], action: 'assign' },
  { keys: ['e'], action: 'solve' },
  { keys: ['?'], action: 'help' },
];

export function shortcutFor(input: KeyInput): ShortcutAction | null {
  if (input.editing || input.ctrlKey || input.metaKey || input.altKey) return null;
  return KEYS[input.key] ?? null;
}

export function isEditable(target: EventTarget | null): boolean {
  if (!target || typeof target !== 'object') return false;
  const el = target as { tagName?: string; isContentEditable?: boolean; type?: string };
  const tag = el.tagName?.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable) return true;
  if (tag !== 'INPUT') return false;
  return !['checkbox', 'radio', 'button', 'submit'].includes((el.type ?? 'text').toLowerCase());
}

export interface ListState {
  /** Index of the row the keyboard is on, -1 before the first key. */
  cursor: number;
  /** Selected ticket numbers, in the order they were selected. */
  selected: number[];
}

export type ListEvent =
  | { type: 'down' | 'up' | 'toggle' }
  | { type: 'set-cursor'; index: number }
  | { type: 'toggle-number'; number: number }
  | { type: 'select-all' }
  | { type: 'clear' }
  /** The list changed (new page, live update): keep what still exists. */
  | { type: 'rows' };

export const initialListState: ListState = { cursor: -1, selected: [] };

/** Moves the cursor and selection over `rows` (ticket numbers in display order). */
export function listReducer(state: ListState, event: ListEvent, rows: readonly number[]): ListState {
  const last = rows.length - 1;
  const clamp = (i: number) => Math.max(rows.length === 0 ? -1 : 0, Math.min(i, last));
  switch (event.type) {
    case 'down':
      return { ...state, cursor: clamp(state.cursor + 1) };
    case 'up':
      return { ...state, cursor: clamp(state.cursor < 0 ? 0 : state.cursor - 1) };
    case 'set-cursor':
      return { ...state, cursor: clamp(event.index) };
    case 'toggle': {
      const number = rows[state.cursor];
      return number === undefined ? state : listReducer(state, { type: 'toggle-number', number }, rows);
    }
    case 'toggle-number':
      return {
        ...state,
        selected: state.selected.includes(event.number)
          ? state.selected.filter((n) => n !== event.number)
          : [...state.selected, event.number],
      };
    case 'select-all':
      return { ...state, selected: state.selected.length === rows.length ? [] : [...rows] };
    case 'clear':
      return { ...state, selected: [] };
    case 'rows': {
      const selected = state.selected.filter((n) => rows.includes(n));
      const cursor = state.cursor > last ? last : state.cursor;
      return selected.length === state.selected.length && cursor === state.cursor ? state : { cursor, selected };
    }
  }
}
