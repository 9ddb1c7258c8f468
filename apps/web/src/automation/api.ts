// Macros (`/macros`) and applying one to a ticket: types mirror apps/server/src/automation/schema.ts
// by hand.
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api';
import { queryKeys } from '../lib/queryKeys';
import type { FieldValue, Message, TicketDetail, TicketPriority, TicketStatus, TicketType } from '../tickets/api';

export type MacroLocale = 'en' | 'hi';
export type ReplyKind = 'public' | 'internal';
export const REPLY_KINDS: readonly ReplyKind[] = ['public', 'internal'];

/** The statuses an action may set ("new" only starts a ticket; "closed" follows solving). */
export const ACTION_STATUSES = ['open', 'pending', 'on_hold', 'solved'] as const satisfies readonly TicketStatus[];

export type MacroAction =
  | { type: 'set_status'; value: (typeof ACTION_STATUSES)[number] }
  | { type: 'set_priority'; value: TicketPriority }
  | { type: 'set_type'; value: TicketType }
  /** A user id, "current_user" (whoever applies it) or null (unassign). */
  | { type: 'set_assignee'; value: number | 'current_user' | null }
  | { type: 'set_team'; value: number | null }
  | { type: 'add_tags'; value: string[] }
  | { type: 'remove_tags'; value: string[] }
  | { type: 'set_field'; key: string; value: FieldValue };
export type ActionType = MacroAction['type'];
export const ACTION_TYPES: readonly ActionType[] = [
  'set_status',
  'set_priority',
  'set_type',
  'set_assignee',
  'set_team',
  'add_tags',
  'remove_tags',
  'set_field',
];

export interface Macro {
  id: number;
  name: string;
  description: string;
  shared: boolean;
  ownerId: number | null;
  actions: MacroAction[];
  replyEn: string;
  replyHi: string;
  replyKind: ReplyKind;
  active: boolean;
  usageCount: number;
  lastUsedAt: string | null;
  /** Whether the signed-in user may change or delete it. */
  editable: boolean;
  createdBy: { id: number; name: string } | null;
  createdAt: string;
  updatedAt: string;
}

export type MacroBody = Pick<
  Macro,
  'name' | 'description' | 'shared' | 'actions' | 'replyEn' | 'replyHi' | 'replyKind' | 'active'
>;

export interface FieldChange {
  field: 'status' | 'priority' | 'type' | 'assignee' | 'team' | 'tags' | 'custom_field';
  key?: string;
  from: FieldValue;
  to: FieldValue;
  fromName?: string | null;
  toName?: string | null;
}

export interface MacroPreview {
  macro: { id: number; name: string };
  locale: MacroLocale;
  reply: { kind: ReplyKind; text: string } | null;
  changes: FieldChange[];
  ticketVersion: number;
}

interface MacroList {
  items: Macro[];
  placeholders: string[];
}

export function useMacros(options: { activeOnly?: boolean } = {}) {
  return useQuery({
    queryKey: [...queryKeys.macros, options.activeOnly ? 'active' : 'all'],
    queryFn: ({ signal }) =>
      api<MacroList>('/macros', { query: { active: options.activeOnly ? 'true' : undefined }, signal }),
  });
}

export function useSaveMacro() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: Partial<MacroBody> }) =>
      id === null
        ? api<{ macro: Macro }>('/macros', { method: 'POST', body })
        : api<{ macro: Macro }>(`/macros/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.macros }),
  });
}

export function useDeleteMacro() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/macros/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.macros }),
  });
}

export function usePreviewMacro(number: number) {
  return useMutation({
    mutationFn: ({ id, locale }: { id: number; locale?: MacroLocale }) =>
      api<MacroPreview>(`/tickets/${number}/macros/${encodeURIComponent(id)}/preview`, {
        method: 'POST',
        query: { locale },
      }),
  });
}

/** The ticket (its detail, conversation and history), the lists it is in, and the usage counts. */
function refreshAfterApply(queryClient: QueryClient, number: number) {
  void queryClient.invalidateQueries({ queryKey: queryKeys.ticket(number) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.views });
  void queryClient.invalidateQueries({ queryKey: queryKeys.ticketLists });
  void queryClient.invalidateQueries({ queryKey: queryKeys.macros });
}

export function useApplyMacro(number: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: number; version: number; locale?: MacroLocale; reply?: string }) =>
      api<{ message: Message | null; ticket: TicketDetail }>(
        `/tickets/${number}/macros/${encodeURIComponent(id)}/apply`,
        { method: 'POST', body },
      ),
    onSuccess: () => refreshAfterApply(queryClient, number),
  });
}
