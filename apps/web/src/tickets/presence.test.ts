import { describe, expect, it } from 'vitest';
import { activePresence, applyPresence, isPresenceEvent, PRESENCE_TTL_MS, type PresenceEntry } from './presence';

const ME = 1;

describe('presence', () => {
  it('adds others viewing this ticket, updates their typing, removes them when they leave', () => {
    let entries: PresenceEntry[] = [];
    entries = applyPresence(entries, { number: 5, userId: 2, name: 'Meera', typing: false }, 5, ME, 100);
    entries = applyPresence(entries, { number: 5, userId: 3, name: 'Arjun', typing: true }, 5, ME, 200);
    expect(entries.map((e) => [e.name, e.typing])).toEqual([
      ['Arjun', true],
      ['Meera', false],
    ]);
    entries = applyPresence(entries, { number: 5, userId: 3, name: 'Arjun', typing: false }, 5, ME, 300);
    expect(entries.find((e) => e.userId === 3)).toEqual({ userId: 3, name: 'Arjun', typing: false, at: 300 });
    entries = applyPresence(entries, { number: 5, userId: 2, name: 'Meera', left: true }, 5, ME, 400);
    expect(entries.map((e) => e.userId)).toEqual([3]);
  });

  it('ignores my own echo and other tickets', () => {
    const entries: PresenceEntry[] = [];
    expect(applyPresence(entries, { number: 5, userId: ME, name: 'Me' }, 5, ME, 1)).toBe(entries);
    expect(applyPresence(entries, { number: 6, userId: 2, name: 'X' }, 5, ME, 1)).toBe(entries);
  });

  it('expires entries not refreshed for 30 seconds', () => {
    const entries: PresenceEntry[] = [
      { userId: 2, name: 'A', typing: false, at: 0 },
      { userId: 3, name: 'B', typing: true, at: 20_000 },
    ];
    expect(activePresence(entries, PRESENCE_TTL_MS - 1).map((e) => e.userId)).toEqual([2, 3]);
    expect(activePresence(entries, PRESENCE_TTL_MS).map((e) => e.userId)).toEqual([3]);
    expect(activePresence(entries, 50_000)).toEqual([]);
  });

  it('recognises a presence event', () => {
    expect(isPresenceEvent({ number: 1, userId: 2, name: 'A', typing: true, left: false })).toBe(true);
    expect(isPresenceEvent({ number: '1', userId: 2, name: 'A' })).toBe(false);
    expect(isPresenceEvent(null)).toBe(false);
  });
});
