// The portal's API client: its own session (a cookie only the portal's routes receive) and its own
// CSRF token. A 401 here means "not signed in to the portal", which the portal's pages handle
// themselves: it never sends anyone to the staff sign-in.
import { type QueryClient, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import i18n from '../i18n';
import { ApiError, apiUrl } from '../lib/api';

let portalCsrf: string | null = null;
let onSignedOut: (() => void) | null = null;

/** Called when a portal call finds the session gone (expired, signed out elsewhere). */
export function setPortalSignedOutHandler(handler: (() => void) | null): void {
  onSignedOut = handler;
}

export type PortalStatus = 'open' | 'pending' | 'solved' | 'closed';

export interface PortalCustomer {
  id: number;
  name: string;
  email: string;
  locale: 'en' | 'hi';
  organisation: { id: number; name: string; sharesTickets: boolean } | null;
}

export interface PortalMe {
  customer: PortalCustomer;
  csrfToken: string;
}

export interface PortalTicketSummary {
  number: number;
  subject: string;
  status: PortalStatus;
  createdAt: string;
  updatedAt: string;
  requesterName: string;
  relation: 'requester' | 'cc' | 'organisation';
}

export interface PortalMessage {
  id: number;
  author: { type: 'customer' | 'agent'; name: string };
  mine: boolean;
  html: string;
  createdAt: string;
  attachments: { id: number; fileName: string; contentType: string; size: number; url: string }[];
}

export interface PortalTicket extends PortalTicketSummary {
  messages: PortalMessage[];
}

async function request<T>(
  path: string,
  options: { method?: 'GET' | 'POST' | 'PATCH'; body?: unknown; form?: FormData } = {},
): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': i18n.language || 'en' };
  if (method !== 'GET') {
    if (!options.form) headers['Content-Type'] = 'application/json';
    if (portalCsrf) headers['X-CSRF-Token'] = portalCsrf;
  }
  const response = await fetch(apiUrl(path), {
    method,
    headers,
    credentials: 'same-origin',
    body: method === 'GET' ? undefined : (options.form ?? JSON.stringify(options.body ?? {})),
  });
  if (response.status === 204 || response.status === 202) return undefined as T;
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (response.ok) return data as T;
  if (response.status === 401 && path !== '/portal/me' && path !== '/portal/verify') onSignedOut?.();
  const retryHeader = response.headers.get('Retry-After');
  const retryAfter = retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : undefined;
  const error = (data as { error?: { code: string; message: string; details?: Record<string, unknown> } } | null)
    ?.error;
  throw new ApiError(
    response.status,
    error?.code ?? 'http_error',
    error?.message ?? (response.statusText || `HTTP ${response.status}`),
    error?.details,
    retryAfter,
  );
}

const keys = {
  company: ['portal', 'company'] as const,
  me: ['portal', 'me'] as const,
  tickets: ['portal', 'tickets'] as const,
  ticket: (number: number) => ['portal', 'ticket', number] as const,
};

export function usePortalCompany() {
  return useQuery({
    queryKey: keys.company,
    queryFn: () => request<{ companyName: string }>('/portal/company'),
    staleTime: 5 * 60_000,
  });
}

/** The signed-in customer; a 401 (not signed in) is an answer, not an error to retry. */
export function usePortalMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async () => {
      try {
        const me = await request<PortalMe>('/portal/me');
        portalCsrf = me.csrfToken;
        return me;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          portalCsrf = null;
          return null;
        }
        throw error;
      }
    },
    retry: false,
  });
}

export function usePortalSignedOutHandler() {
  const queryClient = useQueryClient();
  useEffect(() => {
    setPortalSignedOutHandler(() => signedIn(queryClient, null));
    return () => setPortalSignedOutHandler(null);
  }, [queryClient]);
}

function signedIn(queryClient: QueryClient, me: PortalMe | null) {
  portalCsrf = me?.csrfToken ?? null;
  queryClient.setQueryData(keys.me, me);
}

export function useRequestSignInLink() {
  return useMutation({
    mutationFn: (body: { email: string; locale: 'en' | 'hi' }) =>
      request<void>('/portal/sign-in', { method: 'POST', body }),
  });
}

export function useVerifySignInLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => request<PortalMe>('/portal/verify', { method: 'POST', body: { token } }),
    onSuccess: (me) => signedIn(queryClient, me),
  });
}

export function usePortalSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => request<void>('/portal/sign-out', { method: 'POST' }),
    onSettled: () => {
      signedIn(queryClient, null);
      queryClient.removeQueries({ queryKey: keys.tickets });
    },
  });
}

export function useUpdatePortalLocale() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (locale: 'en' | 'hi') => request<PortalMe>('/portal/me', { method: 'PATCH', body: { locale } }),
    onSuccess: (me) => signedIn(queryClient, me),
  });
}

export function usePortalTickets() {
  return useInfiniteQuery({
    queryKey: keys.tickets,
    queryFn: ({ pageParam }) =>
      request<{ items: PortalTicketSummary[]; nextCursor: string | null }>(
        `/portal/tickets${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function usePortalTicket(number: number) {
  return useQuery({
    queryKey: keys.ticket(number),
    queryFn: () => request<{ ticket: PortalTicket }>(`/portal/tickets/${number}`),
    enabled: Number.isInteger(number) && number > 0,
  });
}

function messageForm(fields: Record<string, string>, files: File[]): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append('files', f);
  return form;
}

export function useCreatePortalTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { subject: string; text: string; files: File[] }) =>
      request<{ ticket: PortalTicket }>('/portal/tickets', {
        method: 'POST',
        form: messageForm({ subject: input.subject, text: input.text }, input.files),
      }),
    onSuccess: ({ ticket }) => {
      queryClient.setQueryData(keys.ticket(ticket.number), { ticket });
      void queryClient.invalidateQueries({ queryKey: keys.tickets });
    },
  });
}

export function usePortalReply(number: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { text: string; files: File[] }) =>
      request<{ ticket: PortalTicket }>(`/portal/tickets/${number}/messages`, {
        method: 'POST',
        form: messageForm({ text: input.text }, input.files),
      }),
    onSuccess: ({ ticket }) => {
      queryClient.setQueryData(keys.ticket(number), { ticket });
      void queryClient.invalidateQueries({ queryKey: keys.tickets });
    },
  });
}

export function useContact() {
  return useMutation({
    mutationFn: (body: {
      name: string;
      email: string;
      subject: string;
      message: string;
      locale: 'en' | 'hi';
      website: string;
    }) => request<void>('/portal/contact', { method: 'POST', body }),
  });
}
