import { describe, expect, it } from 'vitest';
import { compactFilters, ticketQuery } from './api';

describe('ticket filters as query parameters', () => {
  it('joins lists with commas and names custom fields field.<key>', () => {
    expect(
      ticketQuery({
        status: ['open', 'pending'],
        assignee: ['me', 'none', 12],
        team: [3, 'none'],
        tags: ['vip', 'refund'],
        priority: [],
        fields: { order_source: 'app' },
      }),
    ).toEqual({
      status: 'open,pending',
      assignee: 'me,none,12',
      team: '3,none',
      tags: 'vip,refund',
      'field.order_source': 'app',
    });
  });

  it('searches by relevance unless a sort is chosen', () => {
    expect(ticketQuery({}, '  रिफंड ')).toEqual({ q: 'रिफंड', sort: 'relevance' });
    expect(ticketQuery({}, 'refund', 'updated_desc')).toEqual({ q: 'refund', sort: 'updated_desc' });
    expect(ticketQuery({}, '   ')).toEqual({});
  });

  it('drops empty parts of filters', () => {
    expect(compactFilters({ status: [], priority: ['high'], fields: {}, requesterId: undefined })).toEqual({
      priority: ['high'],
    });
  });
});
