import { describe, expect, it } from 'vitest';
import { compactFilters, type TicketFilters, ticketQuery, ticketQueryFromParams } from './api';

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

  it('reads back from an address what it wrote, and leaves out what it does not know', () => {
    const filters: TicketFilters = {
      status: ['open', 'pending'],
      priority: ['urgent'],
      type: ['return'],
      channel: ['email', 'phone'],
      assignee: ['me', 'none', 12],
      team: [3, 'none'],
      tags: ['vip', 'रिफंड'],
      requesterId: 7,
      organisationId: 9,
      createdFrom: '2026-11-01T00:00:00.000+05:30',
      updatedTo: '2026-11-24T18:29:59.999Z',
      fields: { order_source: 'app', gift: 'true' },
    };
    const written = new URLSearchParams(
      Object.entries(ticketQuery(filters, ' वापसी ', 'created_desc')).map(([k, v]) => [k, String(v)]),
    );
    expect(ticketQueryFromParams(written)).toEqual({ filters, q: 'वापसी', sort: 'created_desc' });
    expect(ticketQueryFromParams(new URLSearchParams(''))).toEqual({ filters: {}, q: '' });
    expect(
      ticketQueryFromParams(
        new URLSearchParams(
          'status=open,reopened&assignee=me,-1,abc&team=0&sort=sideways&createdFrom=yesterday&field.=x',
        ),
      ),
    ).toEqual({ filters: { status: ['open'], assignee: ['me'] }, q: '' });
  });

  it('drops empty parts of filters', () => {
    expect(compactFilters({ status: [], priority: ['high'], fields: {}, requesterId: undefined })).toEqual({
      priority: ['high'],
    });
  });
});
