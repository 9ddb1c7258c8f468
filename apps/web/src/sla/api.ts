// Business calendars (`/calendars`) and SLA policies (`/sla-policies`): types mirror
// apps/server/src/sla/schema.ts by hand.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api';
import { queryKeys } from '../lib/queryKeys';
import type { TicketChannel, TicketPriority, TicketSummary, TicketType } from '../tickets/api';

export interface WorkingHours {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** "HH:MM", local. */
  from: string;
  to: string;
}

export interface Holiday {
  date: string;
  name: string;
  /** The same month and day every year. */
  yearly: boolean;
}

export interface Calendar {
  id: number;
  name: string;
  timeZone: string;
  hours: WorkingHours[];
  holidays: Holiday[];
  isDefault: boolean;
  weeklyHours: number;
  teamIds: number[];
  createdAt: string;
  updatedAt: string;
}

export interface CalendarBody {
  name: string;
  timeZone: string;
  hours: WorkingHours[];
  holidays: Holiday[];
  isDefault: boolean;
  teamIds: number[];
}

export function useCalendars() {
  return useQuery({
    queryKey: queryKeys.calendars,
    queryFn: ({ signal }) => api<{ items: Calendar[] }>('/calendars', { signal }),
    select: (data) => data.items,
  });
}

export function useSaveCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: CalendarBody }) =>
      id === null
        ? api<{ calendar: Calendar }>('/calendars', { method: 'POST', body })
        : api<{ calendar: Calendar }>(`/calendars/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.calendars }),
  });
}

export function useDeleteCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/calendars/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.calendars }),
  });
}

// ---------- SLA policies ----------

export const SLA_METRICS = ['firstReply', 'nextReply', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];
export const PAUSING_STATUSES = ['pending', 'on_hold'] as const;
export type PausingStatus = (typeof PAUSING_STATUSES)[number];

/** Minutes per metric; a missing one is not measured. */
export type PolicyTarget = Partial<Record<SlaMetric, number>>;

/** Each list given must hold (any of its values); a missing one holds for every ticket. */
export interface PolicyConditions {
  priority?: TicketPriority[];
  channel?: TicketChannel[];
  type?: TicketType[];
  /** Any of these tags. */
  tags?: string[];
  organisationIds?: number[];
  /** The ticket's organisation has one of these tiers (ignoring case). */
  organisationTiers?: string[];
}

export interface SlaPolicy {
  id: number;
  name: string;
  description: string;
  /** 1 = matched first. */
  position: number;
  active: boolean;
  conditions: PolicyConditions;
  targets: Partial<Record<TicketPriority, PolicyTarget>>;
  /** True: counted in the team's business calendar; false: around the clock. */
  businessHours: boolean;
  pauseOn: PausingStatus[];
  createdAt: string;
  updatedAt: string;
}

export type PolicyBody = Pick<
  SlaPolicy,
  'name' | 'description' | 'active' | 'conditions' | 'targets' | 'businessHours' | 'pauseOn'
>;

export function useSlaPolicies() {
  return useQuery({
    queryKey: queryKeys.slaPolicies,
    queryFn: ({ signal }) => api<{ items: SlaPolicy[] }>('/sla-policies', { signal }),
    select: (data) => data.items,
  });
}

export function useSavePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: Partial<PolicyBody> }) =>
      id === null
        ? api<{ policy: SlaPolicy }>('/sla-policies', { method: 'POST', body })
        : api<{ policy: SlaPolicy }>(`/sla-policies/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.slaPolicies }),
  });
}

export function useDeletePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/sla-policies/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.slaPolicies }),
  });
}

/** Every policy's id once, in the new order. */
export function useReorderPolicies() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: number[]) =>
      api<{ items: SlaPolicy[] }>('/sla-policies/reorder', { method: 'POST', body: { ids } }),
    onSuccess: (data) => queryClient.setQueryData(queryKeys.slaPolicies, data),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.slaPolicies }),
  });
}

// ---------- tickets at risk ----------

export interface AtRisk {
  /** Most overdue first; each carries its owed targets. */
  items: TicketSummary[];
  /** The server's now. */
  at: string;
}

/** How often "at risk now" asks again; its badges count down between asks. */
export const AT_RISK_REFRESH_MS = 60_000;

/**
 * The visible tickets whose SLA target ran out or is in its last quarter, most overdue first. Kept
 * under the ticket lists' key, so a live ticket change refreshes it too.
 */
export function useAtRisk(teamIds: readonly number[], limit = 50) {
  const query = { limit, teamId: teamIds.length ? teamIds.join(',') : undefined };
  return useQuery({
    queryKey: [...queryKeys.ticketLists, 'sla-at-risk', query],
    queryFn: ({ signal }) => api<AtRisk>('/sla/at-risk', { query, signal }),
    refetchInterval: AT_RISK_REFRESH_MS,
  });
}
