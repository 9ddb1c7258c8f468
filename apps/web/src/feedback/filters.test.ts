// The feedback filters: from the URL, to the server's query, and back to the URL.
import { describe, expect, it } from 'vitest';
import {
  EMPTY_FEEDBACK_FILTERS,
  feedbackQuery,
  filtersFromSearch,
  filtersToSearch,
  hasFeedbackFilters,
  themesQuery,
} from './filters';

describe('feedback filters', () => {
  it('start empty on CSAT', () => {
    expect(filtersFromSearch(new URLSearchParams())).toEqual(EMPTY_FEEDBACK_FILTERS);
    expect(feedbackQuery(EMPTY_FEEDBACK_FILTERS)).toEqual({ kind: 'csat' });
    expect(hasFeedbackFilters(EMPTY_FEEDBACK_FILTERS)).toBe(false);
  });

  it('become the query the server takes', () => {
    const filters = {
      ...EMPTY_FEEDBACK_FILTERS,
      scores: [1, 2],
      agentId: 4,
      teamId: 2,
      channel: 'email' as const,
      tag: 'refund',
      from: '2026-05-01',
      to: '2026-05-31',
      mine: true,
    };
    expect(feedbackQuery(filters)).toEqual({
      kind: 'csat',
      scores: '1,2',
      agentId: '4',
      teamId: '2',
      channel: 'email',
      tag: 'refund',
      from: '2026-05-01',
      to: '2026-05-31',
      mine: 'true',
    });
    // Themes are counted over the period and who, whatever the score, tag or "mine".
    expect(themesQuery(filters)).toEqual({
      kind: 'csat',
      agentId: '4',
      teamId: '2',
      channel: 'email',
      from: '2026-05-01',
      to: '2026-05-31',
    });
    expect(hasFeedbackFilters(filters)).toBe(true);
  });

  it('survive a trip through the URL, keeping the tab', () => {
    const filters = { ...EMPTY_FEEDBACK_FILTERS, kind: 'nps' as const, scores: [0, 1, 2, 3, 4, 5, 6], tag: 'delivery' };
    const search = filtersToSearch(filters, new URLSearchParams('tab=themes&scores=3'));
    expect(search.toString()).toBe('tab=themes&kind=nps&scores=0%2C1%2C2%2C3%2C4%2C5%2C6&tag=delivery');
    expect(filtersFromSearch(search)).toEqual(filters);
    expect(filtersToSearch(EMPTY_FEEDBACK_FILTERS).toString()).toBe('');
  });

  it('drop what the URL gets wrong', () => {
    const filters = filtersFromSearch(
      new URLSearchParams(
        'kind=poll&scores=5,9,x,5,1&agentId=-3&teamId=abc&channel=fax&from=2026-02-30&to=2026-03-01&mine=yes',
      ),
    );
    expect(filters).toEqual({ ...EMPTY_FEEDBACK_FILTERS, scores: [1, 5], to: '2026-03-01' });
  });
});
