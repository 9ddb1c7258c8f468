import { describe, expect, it } from 'vitest';
import { initialListState, isEditable, type ListEvent, type ListState, listReducer, shortcutFor } from './shortcuts';

const rows = [1042, 1041, 1039];
const run = (events: ListEvent[], start: ListState = initialListState, r: readonly number[] = rows) =>
  events.reduce((s, e) => listReducer(s, e, r), start);

describe('inbox shortcuts', () => {
  it('maps keys to actions, and none while typing or with a modifier', () => {
    expect(['j', 'k', 'Enter', 'x', '/', 'a', 'e', '?'].map((key) => shortcutFor({ key }))).toEqual([
      'down',
      'up',
      'open',
      'toggle',
      'search',
      'assign',
      'solve',
      'help',
    ]);
    expect(shortcutFor({ key: 'j', editing: true })).toBeNull();
    expect(shortcutFor({ key: 'k', ctrlKey: true })).toBeNull();
    expect(shortcutFor({ key: 'a', metaKey: true })).toBeNull();
    expect(shortcutFor({ key: 'q' })).toBeNull();
  });

  it('moves the cursor within the rows', () => {
    expect(run([{ type: 'down' }]).cursor).toBe(0);
    expect(run([{ type: 'up' }]).cursor).toBe(0);
    expect(run([{ type: 'down' }, { type: 'down' }, { type: 'down' }, { type: 'down' }]).cursor).toBe(2);
    expect(run([{ type: 'down' }, { type: 'down' }, { type: 'up' }]).cursor).toBe(0);
    expect(run([{ type: 'down' }], initialListState, []).cursor).toBe(-1);
  });

  it('toggles the selection of the cursor row and of all rows', () => {
    const s = run([{ type: 'down' }, { type: 'toggle' }, { type: 'down' }, { type: 'toggle' }]);
    expect(s.selected).toEqual([1042, 1041]);
    expect(run([{ type: 'toggle' }], s).selected).toEqual([1042]);
    expect(run([{ type: 'toggle' }]).selected).toEqual([]);
    expect(run([{ type: 'select-all' }]).selected).toEqual(rows);
    expect(run([{ type: 'select-all' }, { type: 'select-all' }]).selected).toEqual([]);
    expect(run([{ type: 'select-all' }, { type: 'clear' }]).selected).toEqual([]);
  });

  it('keeps only rows that still exist when the list changes', () => {
    const s = run([{ type: 'set-cursor', index: 2 }, { type: 'select-all' }]);
    const after = listReducer(s, { type: 'rows' }, [1042]);
    expect(after).toEqual({ cursor: 0, selected: [1042] });
    expect(listReducer(after, { type: 'rows' }, [1042])).toBe(after);
  });

  it('treats text fields as editing, but not checkboxes', () => {
    expect(isEditable({ tagName: 'INPUT', type: 'search' } as unknown as EventTarget)).toBe(true);
    expect(isEditable({ tagName: 'TEXTAREA' } as unknown as EventTarget)).toBe(true);
    expect(isEditable({ tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(true);
    expect(isEditable({ tagName: 'INPUT', type: 'checkbox' } as unknown as EventTarget)).toBe(false);
    expect(isEditable({ tagName: 'BUTTON' } as unknown as EventTarget)).toBe(false);
    expect(isEditable(null)).toBe(false);
  });
});
