// Company settings and the audit log (`/settings`, `/audit-log`).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api';
import { queryKeys } from '../lib/queryKeys';

export interface Settings {
  companyName: string;
  defaultLocale: 'en' | 'hi';
  defaultTimeZone: string;
  /** Days after which a solved ticket is closed for good (1–365). */
  ticketAutoCloseDays: number;
  /** A KPI is flagged on the analytics overview when worse than the period before by more than this (1–500 %). */
  analyticsAlertThresholdPct: number;
  /** …and only with at least this many tickets in both periods (1–100,000). */
  analyticsAlertMinVolume: number;
  /** Lets trigger and time rule webhooks call loopback and private network addresses (off: refused). */
  webhookAllowPrivateTargets: boolean;
}

export const AUDIT_ACTIONS = [
  'user.created',
  'user.updated',
  'user.deactivated',
  'user.reactivated',
  'user.password_reset',
  'user.password_changed',
  'team.created',
  'team.updated',
  'team.deleted',
  'calendar.created',
  'calendar.updated',
  'calendar.deleted',
  'sla_policy.created',
  'sla_policy.updated',
  'sla_policy.deleted',
  'sla_policy.reordered',
  'token.created',
  'token.revoked',
  'settings.updated',
  'setup.completed',
  'custom_field.created',
  'custom_field.updated',
  'escalation_rule.created',
  'escalation_rule.updated',
  'escalation_rule.deleted',
  'escalation_rule.reordered',
  'macro.created',
  'macro.updated',
  'macro.deleted',
  'trigger.created',
  'trigger.updated',
  'trigger.deleted',
  'trigger.reordered',
  'time_rule.created',
  'time_rule.updated',
  'time_rule.deleted',
  'time_rule.reordered',
  'organisation.created',
  'organisation.updated',
  'organisation.deleted',
  'support_address.created',
  'support_address.updated',
  'support_address.deleted',
  'mail_account.created',
  'mail_account.updated',
  'mail_account.deleted',
  'mail_outgoing.updated',
  'mail_outgoing.cleared',
  'feedback.tags_updated',
  'feedback.followed_up',
  'feedback.forwarded',
  'surveys.settings_updated',
] as const;

export const AUDIT_ENTITY_TYPES = [
  'user',
  'team',
  'calendar',
  'sla_policy',
  'api_token',
  'settings',
  'custom_field',
  'escalation_rule',
  'macro',
  'trigger',
  'time_rule',
  'organisation',
  'support_address',
  'mail_account',
  'mail_outgoing',
  'survey',
] as const;

export interface AuditEntry {
  id: number;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
  createdAt: string;
}

export interface AuditFilter {
  actorId: string;
  action: string;
  entityType: string;
  /** YYYY-MM-DD */
  from: string;
  to: string;
}

export function useSettings() {
  return useQuery({
    queryKey: queryKeys.settings,
    queryFn: () => api<{ settings: Settings }>('/settings'),
    select: (data) => data.settings,
  });
}

export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<Settings>) => api<{ settings: Settings }>('/settings', { method: 'PATCH', body }),
    onSuccess: (data) => {
      queryClient.setQueryData(queryKeys.settings, data);
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit });
    },
  });
}

export function useAuditLog(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.audit, filter],
    queryFn: ({ pageParam, signal }) =>
      api<{ items: AuditEntry[]; nextCursor: string | null }>('/audit-log', {
        query: { ...filter, limit: 50, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

/** The fields of an audit entry, changed ones first, each with its value before and after. */
export function auditChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): FieldChange[] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes = [...fields].map((field) => {
    const b = before?.[field];
    const a = after?.[field];
    return { field, before: b, after: a, changed: JSON.stringify(b) !== JSON.stringify(a) };
  });
  return changes.sort((x, y) => Number(y.changed) - Number(x.changed) || x.field.localeCompare(y.field));
}
