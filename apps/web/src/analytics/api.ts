// Analytics: the metric query API, the tickets behind a number, exports, trend flags and saved reports
// (`/analytics/*`). Types mirror apps/server/src/analytics/schema.ts by hand.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../auth/api';
import { api, apiUrl } from '../lib/api';
import type { TicketChannel, TicketPriority, TicketSummary, TicketType } from '../tickets/api';
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
  const query = { ...queryParams(request), compare: request.compare ? 'previous' : undefined };
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

/** The query API's parameters of a request, as the query and export endpoints both take them. */
export function queryParams(request: AnalyticsRequest): ApiParams {
  return {
    ...request.params,
    metrics: request.metrics.join(','),
    dimensions: request.dimensions?.length ? request.dimensions.join(',') : undefined,
  };
}

export type ExportFormat = 'csv' | 'xlsx';

/** The address of a table as a file; a plain link downloads it (the session cookie signs it in). */
export function exportHref(format: ExportFormat, request: AnalyticsRequest): string {
  return apiUrl('/analytics/export', { format, ...queryParams(request) });
}

/** The overview of a period as a PDF drawn on the server, in the given language. */
export function overviewPdfHref(params: ApiParams, lang: string): string {
  return apiUrl('/analytics/overview.pdf', { ...params, lang });
}

/** A saved report as a PDF, run as the viewer in their time zone and language. */
export function reportPdfHref(id: number, tz: string, lang: string): string {
  return apiUrl(`/analytics/reports/${id}/pdf`, { tz, lang });
}

// ---------- trend flags ----------

export type KpiFlag = {
  kind: 'kpi_worse';
  metric: string;
  /** A team's id, null for tickets without a team, 'all' for the whole desk. */
  team: number | null | 'all';
  current: number;
  previous: number;
  changePct: number;
  volume: number;
};

export type TagFlag = {
  kind: 'emerging_tag';
  tag: string;
  day: string;
  tickets: number;
  baselineMean: number;
  baselineSd: number;
};

export type AlertFlag = KpiFlag | TagFlag;

export interface AnalyticsAlerts {
  from: string;
  to: string;
  tz: string;
  flags: AlertFlag[];
  labels: { team: Record<string, string> };
}

/** What got worse against the period before, and tags rising above their usual volume. */
export function useAlerts(params: ApiParams) {
  return useQuery({
    queryKey: [...analyticsKey, 'alerts', params],
    queryFn: ({ signal }) => api<AnalyticsAlerts>('/analytics/alerts', { query: params, signal }),
    placeholderData: keepPreviousData,
    staleTime: STALE_MS,
  });
}

// ---------- the catalogue ----------

export interface MetricCatalogue {
  metrics: { name: string; kind: string; anchor: string; keys: string[] }[];
  dimensions: string[];
}

export function useMetricCatalogue() {
  return useQuery({
    queryKey: [...analyticsKey, 'metrics'],
    queryFn: ({ signal }) => api<MetricCatalogue>('/analytics/metrics', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

// ---------- saved reports ----------

export const REPORT_PRESETS = [
  'today',
  'last_7_days',
  'last_30_days',
  'last_90_days',
  'this_month',
  'last_month',
] as const;
export type ReportPreset = (typeof REPORT_PRESETS)[number];

export type ReportPeriod = { preset: ReportPreset } | { from: string; to: string };

export interface ReportFilters {
  team?: (number | 'none')[];
  /** 'me' is whoever runs the report. */
  agent?: (number | 'me')[];
  channel?: TicketChannel[];
  priority?: TicketPriority[];
  type?: TicketType[];
  tag?: string[];
  organisation?: number[];
}

export const REPORT_CHARTS = ['table', 'bar', 'line'] as const;
export type ReportChart = (typeof REPORT_CHARTS)[number];

/** What a saved report asks: the query API's parameters, with a period that moves (a preset) or not. */
export interface ReportDefinition {
  metrics: string[];
  /** None, one or two. */
  dimensions: string[];
  period: ReportPeriod;
  filters: ReportFilters;
  chart: ReportChart;
}

export interface ReportBody {
  name: string;
  definition: ReportDefinition;
  /** Roles that see the report besides its owner. */
  sharedRoles: Role[];
  /** Shown at the foot of the overview of everyone who sees it. */
  pinned: boolean;
}

export interface Report extends ReportBody {
  id: number;
  ownerId: number;
  ownerName: string;
  /** The viewer may change or delete it (its owner, or an admin). */
  editable: boolean;
  createdAt: string;
  updatedAt: string;
}

const reportsKey = [...analyticsKey, 'reports'] as const;

export function useReports() {
  return useQuery({
    queryKey: reportsKey,
    queryFn: ({ signal }) => api<{ items: Report[] }>('/analytics/reports', { signal }),
    select: (data) => data.items,
    staleTime: STALE_MS,
  });
}

export function useReport(id: number, enabled = true) {
  return useQuery({
    queryKey: [...reportsKey, id],
    queryFn: ({ signal }) => api<{ report: Report }>(`/analytics/reports/${id}`, { signal }),
    select: (data) => data.report,
    enabled,
  });
}

/** A report's figures as the viewer may see them, its period resolved today in their time zone. */
export function useReportRun(id: number, timeZone: string, enabled = true) {
  return useQuery({
    queryKey: [...reportsKey, id, 'run', timeZone],
    queryFn: ({ signal }) => api<AnalyticsResult>(`/analytics/reports/${id}/run`, { query: { tz: timeZone }, signal }),
    staleTime: STALE_MS,
    enabled,
  });
}

export function useSaveReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: ReportBody }) =>
      id === null
        ? api<{ report: Report }>('/analytics/reports', { method: 'POST', body })
        : api<{ report: Report }>(`/analytics/reports/${id}`, { method: 'PATCH', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reportsKey }),
  });
}

export function useDeleteReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/analytics/reports/${id}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reportsKey }),
  });
}

// ---------- scheduled reports ----------

export const SCHEDULE_FREQUENCIES = ['weekly', 'monthly'] as const;
export type ScheduleFrequency = (typeof SCHEDULE_FREQUENCIES)[number];

/** The days a mail covers, counted back from the day it goes out (that day not included). */
export const SCHEDULE_PERIODS = ['previous_week', 'previous_month', 'last_7_days', 'last_30_days'] as const;
export type SchedulePeriod = (typeof SCHEDULE_PERIODS)[number];

export interface ScheduleBody {
  name: string;
  /** A saved report the owner may open; null: the overview dashboard. */
  reportId: number | null;
  frequency: ScheduleFrequency;
  /** 1 = Monday … 7 = Sunday (weekly). */
  weekday: number;
  /** 1–28 (monthly). */
  dayOfMonth: number;
  /** Local hour it goes out, 0–23. */
  hour: number;
  timeZone: string;
  /** The language of the mail. */
  locale: 'en' | 'hi';
  period: SchedulePeriod;
  recipients: string[];
  enabled: boolean;
}

export interface Schedule extends ScheduleBody {
  id: number;
  ownerId: number;
  ownerName: string;
  /** The report's name, or null for the overview. */
  reportName: string | null;
  nextRunAt: string | null;
  lastSentAt: string | null;
  /** Why the last run sent nothing, if it did not. */
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ScheduleSent {
  sentTo: string[];
  from: string;
  to: string;
}

const schedulesKey = [...analyticsKey, 'schedules'] as const;

export function useSchedules() {
  return useQuery({
    queryKey: schedulesKey,
    queryFn: ({ signal }) => api<{ items: Schedule[] }>('/analytics/schedules', { signal }),
    select: (data) => data.items,
  });
}

export function useSchedule(id: number, enabled = true) {
  return useQuery({
    queryKey: [...schedulesKey, id],
    queryFn: ({ signal }) => api<{ schedule: Schedule }>(`/analytics/schedules/${id}`, { signal }),
    select: (data) => data.schedule,
    enabled,
  });
}

export function useSaveSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: Partial<ScheduleBody> }) =>
      id === null
        ? api<{ schedule: Schedule }>('/analytics/schedules', { method: 'POST', body })
        : api<{ schedule: Schedule }>(`/analytics/schedules/${id}`, { method: 'PATCH', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: schedulesKey }),
  });
}

export function useDeleteSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/analytics/schedules/${id}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: schedulesKey }),
  });
}

/** Sends the mail of the period that would go out today: a preview to me, or now to the recipients. */
export function useSendSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, to }: { id: number; to: 'me' | 'recipients' }) =>
      api<ScheduleSent>(`/analytics/schedules/${id}/send`, { method: 'POST', body: { to } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: schedulesKey }),
  });
}
