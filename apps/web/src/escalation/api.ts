// Escalation: the escalate action on a ticket (`/tickets/:number/escalate`), the escalations view
// (`/escalations`) and escalation rules (`/escalation-rules`). Types mirror
// apps/server/src/escalation/schema.ts by hand.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api';
import { queryKeys } from '../lib/queryKeys';
import type { TicketDetail, TicketPriority, TicketStatus } from '../tickets/api';

const escalationsKey = ['escalations'] as const;
const rulesKey = ['escalation-rules'] as const;

export interface EscalateBody {
  version: number;
  reason: string;
  teamId?: number;
  priority?: TicketPriority;
}

export function useEscalate(number: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EscalateBody) =>
      api<{ ticket: TicketDetail }>(`/tickets/${encodeURIComponent(number)}/escalate`, { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.ticket(number) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.ticketLists });
      void queryClient.invalidateQueries({ queryKey: escalationsKey });
    },
  });
}

// ---------- the view ----------

export interface Escalation {
  ticketNumber: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  teamId: number | null;
  assigneeId: number | null;
  escalatedAt: string;
  ageSeconds: number;
  fromTier: number | null;
  toTier: number;
  fromTeamId: number | null;
  toTeamId: number | null;
  reason: string;
  actor: { id: number; name: string } | null;
  rule: { id: number; name: string } | null;
  count: number;
}

export interface EscalationFilter {
  status: 'open' | 'all';
  teamId: number | null;
}

export function useEscalations(filter: EscalationFilter) {
  return useQuery({
    queryKey: [...escalationsKey, filter],
    queryFn: ({ signal }) =>
      api<{ items: Escalation[]; nextCursor: string | null }>('/escalations', {
        signal,
        query: { status: filter.status, limit: 200, ...(filter.teamId ? { teamId: filter.teamId } : {}) },
      }),
    select: (data) => data.items,
  });
}

// ---------- rules ----------

export const SLA_BREACH_METRICS = ['first_reply', 'next_reply', 'resolution'] as const;
export type SlaBreachMetric = (typeof SLA_BREACH_METRICS)[number];

export interface RuleConditions {
  priority?: TicketPriority[];
  teamIds?: number[];
  tiers?: number[];
  unassigned?: boolean;
  unassignedForMinutes?: number;
  noReplyForMinutes?: number;
  slaBreached?: SlaBreachMetric[];
}

export interface RuleActions {
  notifyLead: boolean;
  escalate: boolean;
  escalateToTeamId: number | null;
  raisePriorityTo: TicketPriority | null;
}

export interface EscalationRule {
  id: number;
  name: string;
  description: string;
  position: number;
  active: boolean;
  conditions: RuleConditions;
  actions: RuleActions;
  createdAt: string;
  updatedAt: string;
}

export type RuleBody = Pick<EscalationRule, 'name' | 'description' | 'active' | 'conditions' | 'actions'>;

export function useEscalationRules() {
  return useQuery({
    queryKey: rulesKey,
    queryFn: ({ signal }) => api<{ items: EscalationRule[] }>('/escalation-rules', { signal }),
    select: (data) => data.items,
  });
}

export function useSaveRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: Partial<RuleBody> }) =>
      id === null
        ? api<{ rule: EscalationRule }>('/escalation-rules', { method: 'POST', body })
        : api<{ rule: EscalationRule }>(`/escalation-rules/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rulesKey }),
  });
}

export function useDeleteRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/escalation-rules/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rulesKey }),
  });
}

export function useReorderRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: number[]) =>
      api<{ items: EscalationRule[] }>('/escalation-rules/reorder', { method: 'POST', body: { ids } }),
    onSuccess: (data) => queryClient.setQueryData(rulesKey, data),
  });
}
