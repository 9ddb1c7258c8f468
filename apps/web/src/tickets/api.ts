// Tickets, their conversation and event log, views, custom fields and attachments (`/tickets`, `/views`,
// `/custom-fields`, `/attachments`). Types mirror apps/server/src/tickets/schema.ts by hand.
import {
  type InfiniteData,
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { ApiError, api, apiUpload } from '../lib/api';
import { queryKeys } from '../lib/queryKeys';

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export const TICKET_TYPES = ['question', 'incident', 'problem', 'task', 'return'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];
export const TICKET_CHANNELS = ['email', 'chat', 'phone', 'social', 'portal', 'web', 'api'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];
export const REFUND_STATES = ['requested', 'approved', 'refunded', 'rejected'] as const;
export type RefundState = (typeof REFUND_STATES)[number];
export const CUSTOM_FIELD_KINDS = ['text', 'number', 'dropdown', 'multiselect', 'date', 'checkbox'] as const;
export type CustomFieldKind = (typeof CUSTOM_FIELD_KINDS)[number];
export const TICKET_SORTS = [
  'updated_desc',
  'updated_asc',
  'created_desc',
  'created_asc',
  'priority_desc',
  'number_desc',
  'relevance',
  'sla_due',
] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];
/** Statuses an agent may set by hand or with a message (new and closed are the system's). */
export const SETTABLE_STATUSES = ['open', 'pending', 'on_hold', 'solved'] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

export interface Ref {
  id: number;
  name: string;
}

export interface RequesterRef {
  id: number;
  name: string;
  email: string | null;
  organisationId: number | null;
}

export type SlaMetricName = 'first_reply' | 'next_reply' | 'resolution';

/** An SLA target the ticket still owes (met and breached ones are events in its history). */
export interface SlaTimer {
  metric: SlaMetricName;
  targetMinutes: number;
  startedAt: string;
  /** Stopped by a pausing status (or, for a reply target, by solving). */
  paused: boolean;
  /** When it runs or ran out; null while paused before that. */
  dueAt: string | null;
  /** From when it counts as a warning (a quarter of the target left). */
  warnAt: string | null;
  /** Paused before running out: the counting time left, in ms. */
  remainingMs: number | null;
}

export interface TicketSummary {
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  type: TicketType;
  channel: TicketChannel;
  requester: RequesterRef;
  assignee: Ref | null;
  team: Ref | null;
  tags: string[];
  messageCount: number;
  /** Owed SLA targets: first reply, next reply, resolution. */
  sla: SlaTimer[];
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Search only: the best-matching text with the terms marked by « ». */
  snippet?: string;
}

export type FieldValue = string | number | boolean | string[] | null;

/** A return/refund request; the amount in the currency's minor unit (paise for INR). */
export interface ReturnDetails {
  orderRef: string;
  reason: string;
  amountMinor: number;
  currency: string;
  refundState: RefundState;
}

export interface TicketLink {
  number: number;
  subject: string;
  status: TicketStatus;
}

export interface TicketDetail extends TicketSummary {
  fields: Record<string, FieldValue>;
  /** Customers copied on the ticket's mail: replies go to them too. */
  cc: { id: number; name: string; email: string | null }[];
  returnDetails: ReturnDetails | null;
  organisation: Ref | null;
  problem: TicketLink | null;
  incidents: TicketLink[];
  mergedInto: number | null;
  followerIds: number[];
  following: boolean;
  replyCount: number;
  reopenCount: number;
  firstReplyAt: string | null;
  solvedAt: string | null;
  closedAt: string | null;
  /** The CSAT survey about the latest solve that had one: rating 1–5 and comment once answered. */
  satisfaction: {
    score: number | null;
    comment: string | null;
    sentAt: string;
    answeredAt: string | null;
    expiresAt: string;
  } | null;
}

export interface Attachment {
  id: number;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  url: string;
}

export type MessageKind = 'reply' | 'note' | 'customer' | 'system';

export interface Actor {
  type: 'user' | 'customer' | 'system';
  id: number | null;
  name: string;
}

/** What Sahayak said on a system message (the server's tickets/system-notes.ts): tickets.system.<key>. */
export interface SystemNote {
  key: 'mergedInto' | 'mergedFrom' | 'solvedWithProblem' | 'malformedMail';
  params: Record<string, string | number>;
}

export interface Message {
  id: number;
  kind: MessageKind;
  channel: TicketChannel;
  author: Actor;
  /** Sanitised by the server. */
  html: string;
  text: string;
  attachments: Attachment[];
  /** A customer's mail: the quoted history folded away, and whether the original .eml can be downloaded. */
  mail: { quotedHtml: string | null; hasOriginal: boolean } | null;
  /** A reply sent as mail. */
  delivery: {
    status: 'queued' | 'sent' | 'failed';
    error: string | null;
    attempts: number;
    deliveredAt: string | null;
  } | null;
  /** What Sahayak said on a system message, for the reader's language (its English words are the text). */
  system: SystemNote | null;
  createdAt: string;
}

export interface TicketEvent {
  id: number;
  type: string;
  version: number;
  actor: Actor;
  data: Record<string, unknown>;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The filters shared by search, lists and views. */
export interface TicketFilters {
  status?: TicketStatus[];
  priority?: TicketPriority[];
  type?: TicketType[];
  channel?: TicketChannel[];
  /** User ids, "me" or "none" (unassigned). */
  assignee?: (number | 'me' | 'none')[];
  team?: (number | 'none')[];
  tags?: string[];
  requesterId?: number;
  organisationId?: number;
  createdFrom?: string;
  createdTo?: string;
  updatedFrom?: string;
  updatedTo?: string;
  fields?: Record<string, string>;
}

export interface View {
  id: number;
  name: string;
  systemKey: string | null;
  shared: boolean;
  ownerId: number | null;
  filters: TicketFilters;
  sort: TicketSort;
  position: number;
  count: number;
}

export interface ViewBody {
  name: string;
  shared: boolean;
  filters: TicketFilters;
  sort: TicketSort;
  position?: number;
}

export interface FieldOption {
  value: string;
  labelEn: string;
  labelHi: string;
}

export interface CustomField {
  id: number;
  key: string;
  labelEn: string;
  labelHi: string;
  kind: CustomFieldKind;
  options: FieldOption[];
  requiredOnSolve: boolean;
  active: boolean;
  position: number;
}

export interface CreateCustomFieldBody {
  key: string;
  labelEn: string;
  labelHi: string;
  kind: CustomFieldKind;
  options: FieldOption[];
  requiredOnSolve: boolean;
  position?: number;
}

export type UpdateCustomFieldBody = Partial<Omit<CreateCustomFieldBody, 'key' | 'kind'>> & { active?: boolean };

export type RequesterInput = { id: number } | { email: string; name?: string };

export interface CreateTicketBody {
  subject: string;
  requester: RequesterInput;
  channel?: TicketChannel;
  priority?: TicketPriority;
  type?: TicketType;
  status?: Exclude<TicketStatus, 'closed'>;
  assigneeId?: number | null;
  teamId?: number | null;
  tags?: string[];
  fields?: Record<string, FieldValue>;
  returnDetails?: ReturnDetails | null;
  message: { kind?: 'customer' | 'reply' | 'note'; html: string; attachmentIds?: number[] };
}

export interface TicketChanges {
  subject?: string;
  status?: TicketStatus;
  priority?: TicketPriority;
  type?: TicketType;
  assigneeId?: number | null;
  teamId?: number | null;
  requesterId?: number;
  tags?: string[];
  fields?: Record<string, FieldValue>;
  returnDetails?: ReturnDetails | null;
  problemNumber?: number | null;
  solveIncidents?: boolean;
}

export interface BulkChanges {
  status?: SettableStatus;
  priority?: TicketPriority;
  assigneeId?: number | null;
  teamId?: number | null;
  addTags?: string[];
  removeTags?: string[];
}

export interface BulkResult {
  updated: number[];
  failed: { number: number; code: string; message: string }[];
}

export interface NewMessage {
  version: number;
  kind: 'reply' | 'note';
  html: string;
  attachmentIds: number[];
  status?: SettableStatus;
}

export const PAGE_SIZE = 50;

export const isVersionConflict = (error: unknown) => error instanceof ApiError && error.code === 'version_conflict';
export const isNotFound = (error: unknown) =>
  error instanceof ApiError && (error.status === 404 || error.status === 403);

// ---------- filters as query parameters ----------

/** GET /tickets parameters of filters, a search and a sort: lists comma-separated, fields as `field.<key>`. */
export function ticketQuery(
  filters: TicketFilters,
  q = '',
  sort?: TicketSort,
): Record<string, string | number | undefined> {
  const out: Record<string, string | number | undefined> = {};
  const list = (values: readonly (string | number)[] | undefined) =>
    values && values.length > 0 ? values.join(',') : undefined;
  out.status = list(filters.status);
  out.priority = list(filters.priority);
  out.type = list(filters.type);
  out.channel = list(filters.channel);
  out.assignee = list(filters.assignee);
  out.team = list(filters.team);
  out.tags = list(filters.tags);
  out.requesterId = filters.requesterId;
  out.organisationId = filters.organisationId;
  out.createdFrom = filters.createdFrom;
  out.createdTo = filters.createdTo;
  out.updatedFrom = filters.updatedFrom;
  out.updatedTo = filters.updatedTo;
  for (const [key, value] of Object.entries(filters.fields ?? {})) out[`field.${key}`] = value;
  const trimmed = q.trim();
  if (trimmed) out.q = trimmed;
  out.sort = sort ?? (trimmed ? 'relevance' : undefined);
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out;
}

/**
 * The inverse of ticketQuery, for the inbox's address (so a reload, the back button or a shared link
 * keeps the search): what is not a known value is left out, never an error.
 */
export function ticketQueryFromParams(params: URLSearchParams): {
  filters: TicketFilters;
  q: string;
  sort?: TicketSort;
} {
  const list = (key: string) => (params.get(key) ?? '').split(',').filter((v) => v !== '');
  const known = <T extends string>(key: string, values: readonly T[]) =>
    list(key).filter((v): v is T => (values as readonly string[]).includes(v));
  const id = (v: string) => (/^[1-9]\d{0,9}$/.test(v) ? Number(v) : null);
  const ids = <T extends string>(key: string, words: readonly T[]) =>
    list(key).flatMap((v): (number | T)[] => {
      if ((words as readonly string[]).includes(v)) return [v as T];
      const n = id(v);
      return n === null ? [] : [n];
    });
  const time = (key: string) => {
    const v = params.get(key);
    return v && /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined;
  };
  const fields: Record<string, string> = {};
  for (const [key, value] of params)
    if (key.startsWith('field.') && key.length > 6 && value) fields[key.slice(6)] = value;
  const filters = compactFilters({
    status: known('status', TICKET_STATUSES),
    priority: known('priority', TICKET_PRIORITIES),
    type: known('type', TICKET_TYPES),
    channel: known('channel', TICKET_CHANNELS),
    assignee: ids('assignee', ['me', 'none'] as const),
    team: ids('team', ['none'] as const),
    tags: list('tags'),
    requesterId: id(params.get('requesterId') ?? '') ?? undefined,
    organisationId: id(params.get('organisationId') ?? '') ?? undefined,
    createdFrom: time('createdFrom'),
    createdTo: time('createdTo'),
    updatedFrom: time('updatedFrom'),
    updatedTo: time('updatedTo'),
    fields,
  });
  const sort = params.get('sort');
  return {
    filters,
    q: params.get('q') ?? '',
    ...(sort && (TICKET_SORTS as readonly string[]).includes(sort) ? { sort: sort as TicketSort } : {}),
  };
}

/** Drops empty lists so two equal filters compare equal and a saved view carries no noise. */
export function compactFilters(filters: TicketFilters): TicketFilters {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) continue;
    out[key] = value;
  }
  return out as TicketFilters;
}

// ---------- lists ----------

export function useTicketList(filters: TicketFilters, q: string, sort: TicketSort | undefined, enabled = true) {
  const query = ticketQuery(filters, q, sort);
  return useInfiniteQuery({
    queryKey: [...queryKeys.ticketLists, query],
    queryFn: ({ pageParam, signal }) =>
      api<Page<TicketSummary>>('/tickets', { query: { ...query, limit: PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useViewTickets(viewId: number | null) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.ticketLists, 'view', viewId],
    queryFn: ({ pageParam, signal }) =>
      api<Page<TicketSummary>>(`/views/${encodeURIComponent(viewId ?? 0)}/tickets`, {
        query: { limit: PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled: viewId !== null,
  });
}

/** A requester's tickets, newest first; for the requester sidebar. */
export function useRequesterTickets(requesterId: number | undefined) {
  return useQuery({
    queryKey: [...queryKeys.ticketLists, 'requester', requesterId],
    queryFn: ({ signal }) =>
      api<Page<TicketSummary>>('/tickets', {
        query: { requesterId, sort: 'created_desc', limit: 10 },
        signal,
      }),
    enabled: requesterId !== undefined,
    select: (data) => data.items,
  });
}

// ---------- one ticket ----------

const detailKey = (number: number) => [...queryKeys.ticket(number), 'detail'] as const;

export function useTicket(number: number) {
  return useQuery({
    queryKey: detailKey(number),
    queryFn: ({ signal }) => api<{ ticket: TicketDetail }>(`/tickets/${number}`, { signal }),
    select: (data) => data.ticket,
  });
}

export function useMessages(number: number) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.ticket(number), 'messages'],
    queryFn: ({ pageParam, signal }) =>
      api<Page<Message>>(`/tickets/${number}/messages`, { query: { limit: 100, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Sends the mail of a reply whose delivery failed again. */
export function useRetryMail(number: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (messageId: number) =>
      api<{ message: Message }>(`/tickets/${number}/messages/${messageId}/retry`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...queryKeys.ticket(number), 'messages'] }),
  });
}

/** The whole event log, following the cursor to the end (oldest first). */
export function useEvents(number: number, enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.ticket(number), 'events'],
    queryFn: async ({ signal }) => {
      const events: TicketEvent[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<TicketEvent> = await api<Page<TicketEvent>>(`/tickets/${number}/events`, {
          query: { limit: 200, cursor },
          signal,
        });
        events.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return events;
    },
    enabled,
  });
}

/** After a write: show the ticket the server returned, and let lists, counts and the log catch up. */
function storeTicket(queryClient: QueryClient, ticket: TicketDetail) {
  queryClient.setQueryData(detailKey(ticket.number), { ticket });
  void queryClient.invalidateQueries({ queryKey: [...queryKeys.ticket(ticket.number), 'events'] });
  void queryClient.invalidateQueries({ queryKey: queryKeys.ticketLists });
  void queryClient.invalidateQueries({ queryKey: queryKeys.views });
}

export function useUpdateTicket(number: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TicketChanges & { version: number }) =>
      api<{ ticket: TicketDetail }>(`/tickets/${number}`, { method: 'PATCH', body }),
    onSuccess: ({ ticket }) => storeTicket(queryClient, ticket),
  });
}

export function useSendMessage(number: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewMessage) =>
      api<{ message: Message; ticket: TicketDetail }>(`/tickets/${number}/messages`, { method: 'POST', body }),
    onSuccess: ({ message, ticket }) => {
      queryClient.setQueryData<InfiniteData<Page<Message>>>([...queryKeys.ticket(number), 'messages'], (old) => {
        if (!old) return old;
        const pages = [...old.pages];
        const last = pages[pages.length - 1];
        if (last && !last.items.some((m) => m.id === message.id)) {
          pages[pages.length - 1] = { ...last, items: [...last.items, message] };
        }
        return { ...old, pages };
      });
      storeTicket(queryClient, ticket);
    },
  });
}

export function useMergeTicket(number: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (intoNumber: number) =>
      api<{ ticket: TicketDetail }>(`/tickets/${number}/merge`, { method: 'POST', body: { intoNumber } }),
    onSuccess: ({ ticket }) => {
      storeTicket(queryClient, ticket);
      void queryClient.invalidateQueries({ queryKey: queryKeys.ticket(number) });
    },
  });
}

/** Follows (self when no user is given) or unfollows a ticket. */
export function useFollow(number: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ follow, userId }: { follow: boolean; userId?: number }) =>
      follow
        ? api<{ ticket: TicketDetail }>(`/tickets/${number}/followers`, {
            method: 'POST',
            body: userId ? { userId } : {},
          })
        : api<{ ticket: TicketDetail }>(`/tickets/${number}/followers/${encodeURIComponent(userId ?? 0)}`, {
            method: 'DELETE',
          }),
    onSuccess: ({ ticket }) => storeTicket(queryClient, ticket),
  });
}

export function useCreateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTicketBody) => api<{ ticket: TicketDetail }>('/tickets', { method: 'POST', body }),
    onSuccess: ({ ticket }) => storeTicket(queryClient, ticket),
  });
}

export function useBulkUpdate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { numbers: number[]; changes: BulkChanges }) =>
      api<BulkResult>('/tickets/bulk', { method: 'POST', body }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.tickets });
      void queryClient.invalidateQueries({ queryKey: queryKeys.views });
    },
  });
}

/** Merges several tickets into one, one request each; returns the numbers that failed with why. */
export function useMergeMany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ numbers, intoNumber }: { numbers: number[]; intoNumber: number }) => {
      const failed: BulkResult['failed'] = [];
      const updated: number[] = [];
      for (const number of numbers) {
        if (number === intoNumber) continue;
        try {
          await api(`/tickets/${number}/merge`, { method: 'POST', body: { intoNumber } });
          updated.push(number);
        } catch (error) {
          const code = error instanceof ApiError ? error.code : 'error';
          failed.push({ number, code, message: error instanceof Error ? error.message : String(error) });
        }
      }
      return { updated, failed } satisfies BulkResult;
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.tickets });
      void queryClient.invalidateQueries({ queryKey: queryKeys.views });
    },
  });
}

export function uploadAttachment(file: File, onProgress?: (fraction: number) => void, signal?: AbortSignal) {
  return apiUpload<{ attachment: Attachment }>('/attachments', file, onProgress, signal).then((r) => r.attachment);
}

// ---------- views ----------

export function useViews() {
  return useQuery({
    queryKey: [...queryKeys.views, 'list'],
    queryFn: ({ signal }) => api<{ items: View[] }>('/views', { signal }),
    select: (data) => [...data.items].sort((a, b) => a.position - b.position || a.id - b.id),
  });
}

export function useViewCounts() {
  return useQuery({
    queryKey: [...queryKeys.views, 'counts'],
    queryFn: ({ signal }) => api<{ counts: Record<string, number> }>('/views/counts', { signal }),
    select: (data) => data.counts,
    // Live events keep counts fresh; this catches changes made by time (SLA, auto-close).
    refetchInterval: 120_000,
  });
}

export function useSaveView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: Partial<ViewBody> & { id?: number }) =>
      id
        ? api<{ view: View }>(`/views/${encodeURIComponent(id)}`, { method: 'PATCH', body })
        : api<{ view: View }>('/views', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.views }),
  });
}

export function useDeleteView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/views/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.views }),
  });
}

// ---------- custom fields ----------

export function useCustomFields() {
  return useQuery({
    queryKey: queryKeys.customFields,
    queryFn: ({ signal }) => api<{ items: CustomField[] }>('/custom-fields', { signal }),
    select: (data) => [...data.items].sort((a, b) => a.position - b.position || a.id - b.id),
    staleTime: 60_000,
  });
}

export function useSaveCustomField() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (
      input: { id: number; body: UpdateCustomFieldBody } | { id?: undefined; body: CreateCustomFieldBody },
    ) =>
      input.id
        ? api<{ field: CustomField }>(`/custom-fields/${encodeURIComponent(input.id)}`, {
            method: 'PATCH',
            body: input.body,
          })
        : api<{ field: CustomField }>('/custom-fields', { method: 'POST', body: input.body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.customFields }),
  });
}

/** A custom field's label, or an option's, in the UI language. */
export function localLabel(item: { labelEn: string; labelHi: string }, language: string): string {
  return language === 'hi' ? item.labelHi : item.labelEn;
}
