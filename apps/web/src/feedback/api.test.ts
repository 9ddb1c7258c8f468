// Changing one answer (themes, follow-up, forward) updates it in the loaded pages in place.
import { describe, expect, it } from 'vitest';
import { type FeedbackItem, type FeedbackPage, replaceItem } from './api';

const item = (id: number, tags: string[] = []): FeedbackItem => ({
  id,
  kind: 'csat',
  score: 2,
  comment: 'Slow reply',
  tags,
  answeredAt: 0,
  ticket: { number: 10 + id, subject: 'Order', channel: 'email', priority: 'normal' },
  customer: { id: 1, name: 'Ravi', email: 'ravi@example.com' },
  agent: null,
  team: null,
  followUpTicketNumber: null,
  forwarded: null,
});
const summary = { sent: 4, answered: 3, responseRate: 75, score: 66.7 };

describe('replaceItem', () => {
  it('swaps the changed answer on whichever page holds it and leaves the others alone', () => {
    const first: FeedbackPage = { items: [item(1), item(2)], nextCursor: 'c1', summary };
    const second: FeedbackPage = { items: [item(3)], nextCursor: null, summary };
    const data = { pages: [first, second], pageParams: [null, 'c1'] };
    const next = replaceItem(data, item(3, ['speed']));
    expect(next.pages[0]).toBe(first);
    expect(next.pages[1]?.items[0]?.tags).toEqual(['speed']);
    expect(next.pageParams).toEqual([null, 'c1']);
  });
});
