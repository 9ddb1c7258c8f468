// Triggers (`/triggers`) and time rules (`/time-rules`): types mirror
// apps/server/src/automation/rules-schema.ts and actions.ts by hand.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api';
import { queryKeys } from '../lib/queryKeys';
import type {
  FieldValue,
  TicketChannel,
  TicketPriority,
  TicketStatus,
  TicketSummary,
  TicketType,
} from '../tickets/api';
import type { MacroAction } from './api';

export type Is = 'is' | 'is_not';
export type Condition =
  | { field: 'status'; op: Is; value: TicketStatus[] }
  | { field: 'priority'; op: Is; value: TicketPriority[] }
  | { field: 'type'; op: Is; value: TicketType[] }
  | { field: 'channel'; op: Is; value: TicketChannel[] }
  | { field: 'team'; op: Is; value: (number | null)[] }
  | { field: 'assignee'; op: Is; value: (number | null)[] }
  | { field: 'requester'; op: Is; value: number[] }
  | { field: 'organisation'; op: Is; value: (number | null)[] }
  | { field: 'requester_locale'; op: Is; value: ('en' | 'hi')[] }
  | { field: 'tags'; op: 'contains_any' | 'contains_all' | 'contains_none'; value: string[] }
  | { field: 'custom_field'; key: string; op: 'is' | 'is_not' | 'is_set' | 'is_not_set'; value?: FieldValue }
  | { field: 'subject'; op: 'contains' | 'not_contains'; value: string }
  | { field: 'message'; op: 'contains' | 'not_contains'; value: string }
  | { field: 'update'; op: 'is'; value: 'created' | 'updated' }
  | {
      field: 'changed';
      key: 'status' | 'priority' | 'type' | 'assignee' | 'team';
      from?: string | number | null;
      to?: string | number | null;
    }
  | { field: 'business_hours'; op: Is };
export type ConditionField = Condition['field'];

/** The fields the editor offers (requester and organisation by id: through the API). */
export const CONDITION_FIELDS: readonly ConditionField[] = [
  'update',
  'changed',
  'status',
  'priority',
  'type',
  'channel',
  'team',
  'assignee',
  'requester_locale',
  'tags',
  'subject',
  'message',
  'custom_field',
  'business_hours',
];
/** About the change as it happens: triggers only. */
export const CHANGE_FIELDS: readonly ConditionField[] = ['update', 'changed', 'message'];

export interface Conditions {
  all: Condition[];
  any: Condition[];
}

export type RuleAction =
  | MacroAction
  | { type: 'notify'; recipients: ('assignee' | 'team_lead')[]; userIds: number[] }
  | { type: 'send_email'; subjectEn: string; bodyEn: string; subjectHi: string; bodyHi: string }
  | { type: 'webhook'; url: string };
export type EffectAction = Extract<RuleAction, { type: 'notify' | 'send_email' | 'webhook' }>;
export const EFFECT_TYPES = ['notify', 'send_email', 'webhook'] as const;
export const isEffect = (a: RuleAction): a is EffectAction =>
  a.type === 'notify' || a.type === 'send_email' || a.type === 'webhook';

interface RuleBase {
  id: number;
  name: string;
  description: string;
  position: number;
  active: boolean;
  conditions: Conditions;
  actions: RuleAction[];
  createdBy: { id: number; name: string } | null;
  createdAt: string;
  updatedAt: string;
}
export type Trigger = RuleBase;
export type Since = 'created' | 'updated' | 'pending' | 'solved';
export const SINCE: readonly Since[] = ['created', 'updated', 'pending', 'solved'];
export interface TimeRule extends RuleBase {
  since: Since;
  hours: number;
}
export type TriggerBody = Pick<Trigger, 'name' | 'description' | 'active' | 'conditions' | 'actions'>;
export type TimeRuleBody = TriggerBody & Pick<TimeRule, 'since' | 'hours'>;

export interface Preview {
  count: number;
  items: TicketSummary[];
  ignored: string[];
}

function ruleHooks<R extends RuleBase, B>(path: string, key: readonly string[], envelope: string) {
  return {
    useList: () =>
      useQuery({
        queryKey: key,
        queryFn: ({ signal }) => api<{ items: R[] }>(path, { signal }),
        select: (data) => data.items,
      }),
    useSave: () => {
      const queryClient = useQueryClient();
      return useMutation({
        mutationFn: async ({ id, body }: { id: number | null; body: Partial<B> }) => {
          const res =
            id === null
              ? await api<Record<string, R>>(path, { method: 'POST', body })
              : await api<Record<string, R>>(`${path}/${encodeURIComponent(id)}`, { method: 'PATCH', body });
          return res[envelope]!;
        },
        onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
      });
    },
    useDelete: () => {
      const queryClient = useQueryClient();
      return useMutation({
        mutationFn: (id: number) => api<void>(`${path}/${encodeURIComponent(id)}`, { method: 'DELETE' }),
        onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
      });
    },
    useReorder: () => {
      const queryClient = useQueryClient();
      return useMutation({
        mutationFn: (ids: number[]) => api<{ items: R[] }>(`${path}/reorder`, { method: 'POST', body: { ids } }),
        onSuccess: (data) => queryClient.setQueryData(key, data),
        onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
      });
    },
  };
}

export const triggerApi = ruleHooks<Trigger, TriggerBody>('/triggers', queryKeys.triggers, 'trigger');
export const timeRuleApi = ruleHooks<TimeRule, TimeRuleBody>('/time-rules', queryKeys.timeRules, 'timeRule');

export function usePreviewConditions() {
  return useMutation({
    mutationFn: (conditions: Conditions) => api<Preview>('/triggers/preview', { method: 'POST', body: { conditions } }),
  });
}
