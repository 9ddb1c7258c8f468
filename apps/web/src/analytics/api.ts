// Analytics: the metric query API and the tickets behind a number (`/analytics/query`,
// `/analytics/tickets`). Types mirror apps/server/src/analytics/schema.ts by hand.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../lib/api';
import type { TicketSummary } from '../tickets/api';
import type { ApiParams } from './filters';

/** Analytics answers are not pushed by live updates; they are refetched when older than this. */
const STALE_MS = 60_000;

/** Query key root of everything analytics (not in lib/queryKeys: no live event invalidates it). */
export const analyticsKey = ['analytics'] as const;

export type CellValue = string | number | null;

export interface AnalyticsResult {
  from: string;
  to: string;
  tz: string;
  metrics: string[];
  dimensions: string[];
  /** One row per combination of dimension values: the dimensions' values and each metric's. */
  rows: Record<string, CellValue>[];
  totals: Record<string, number | null>;
  /** Names of the ids in `agent`, `team` and `organisation` columns. */
  labels: Partial<Record<'agent' | 'team' | 'organisation', Record<string, string>>>;
  /** The totals of the period of the same length just before (compare=previous). */
  previous?: Record<string, number | null>;
}

export interface AnalyticsRequest {
  metrics: readonly string[];
  dimensions?: readonly string[];
  params: ApiParams;
  compare?: boolean;
}

export function useAnalytics(request: AnalyticsRequest, enabled = true) {
  const query = {
    ...request.params,
    metrics: request.metrics.join(','),
    dimensions: request.dimensions?.length ? request.dimensions.join(',') : undefined,
    compare: request.compare ? 'previous' : undefined,
  };
  return useQuery({
    queryKey: [...analyticsKey, 'query', query],
    queryFn: ({ signal }) => api<AnalyticsResult>('/analytics/query', { query, signal }),
    placeholderData: keepPreviousData,
    staleTime: STALE_MS,
    enabled,
  });
}

export interface TicketsBehind {
  items: TicketSummary[];
  nextCursor: string | null;
  /** How many tickets in all, over every page. */
  total: number;
}

export const DRILL_PAGE_SIZE = 50;

/** The tickets behind one number: a metric, the period and filters, and the cell's time bucket. */
export function useTicketsBehind(metric: string, params: ApiParams, enabled = true) {
  const query = { ...params, metric };
  return useInfiniteQuery({
    queryKey: [...analyticsKey, 'tickets', query],
    queryFn: ({ pageParam, signal }) =>
      api<TicketsBehind>('/analytics/tickets', {
        query: { ...query, limit: DRILL_PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: STALE_MS,
    enabled,
  });
}
