import { describe, expect, it } from 'vitest';
import { relativeTime } from './format';

describe('relativeTime', () => {
  const now = new Date('2025-03-10T12:00:00Z');
  it('says how long ago in the largest whole unit', () => {
    expect(relativeTime('2025-03-10T11:55:00Z', now, 'en')).toBe('5 minutes ago');
    expect(relativeTime('2025-03-10T09:00:00Z', now, 'en')).toBe('3 hours ago');
    expect(relativeTime('2025-03-10T11:59:40Z', now, 'en')).toBe('now');
    expect(relativeTime('2025-03-03T12:00:00Z', now, 'en')).toBe('last week');
  });
  it('speaks Hindi', () => {
    expect(relativeTime('2025-03-10T11:55:00Z', now, 'hi')).toMatch(/[\u0900-\u097F]/);
  });
});
