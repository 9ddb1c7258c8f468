// Customers (`/customers`) and their organisations (`/organisations`): the requester picker, the
// requester sidebar, organisation pickers, and the organisations admin page.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api';
import { queryKeys } from '../lib/queryKeys';

export interface Customer {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  organisation: { id: number; name: string } | null;
  locale: 'en' | 'hi';
  createdAt: string;
}

export function useCustomerSearch(q: string) {
  const trimmed = q.trim();
  return useQuery({
    queryKey: [...queryKeys.customers, 'search', trimmed],
    queryFn: ({ signal }) =>
      api<{ items: Customer[]; nextCursor: string | null }>('/customers', { query: { q: trimmed, limit: 10 }, signal }),
    select: (data) => data.items,
    enabled: trimmed.length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(id: number | undefined) {
  return useQuery({
    queryKey: [...queryKeys.customers, id],
    queryFn: ({ signal }) => api<{ customer: Customer }>(`/customers/${encodeURIComponent(id ?? 0)}`, { signal }),
    select: (data) => data.customer,
    enabled: id !== undefined,
  });
}

export interface Organisation {
  id: number;
  name: string;
  /** New customers with an address at this domain are filed under the organisation. */
  domain: string | null;
  /** A free label SLA policies can match on; null: none. */
  tier: string | null;
  notes: string;
  /** The organisation's customers see each other's tickets in the portal. */
  portalSharesTickets: boolean;
  customerCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface OrganisationBody {
  name: string;
  domain: string | null;
  tier: string | null;
  notes: string;
  portalSharesTickets: boolean;
}

/** The admin list: by name, a page at a time, searched by name or domain and narrowed to a tier. */
export function useOrganisationList(q: string, tier: string | null) {
  const trimmed = q.trim();
  return useInfiniteQuery({
    queryKey: [...queryKeys.customers, 'organisations', 'list', trimmed, tier],
    queryFn: ({ pageParam, signal }) =>
      api<{ items: Organisation[]; nextCursor: string | null }>('/organisations', {
        query: { q: trimmed || undefined, tier: tier ?? undefined, limit: 50, cursor: pageParam ?? undefined },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** The tiers organisations carry now, for suggestions and the SLA policy condition. */
export function useTiers() {
  return useQuery({
    queryKey: [...queryKeys.customers, 'organisations', 'tiers'],
    queryFn: ({ signal }) =>
      api<{ items: { tier: string; organisations: number }[] }>('/organisations/tiers', { signal }),
    select: (data) => data.items,
  });
}

export function useSaveOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: OrganisationBody }) =>
      id === null
        ? api<{ organisation: Organisation }>('/organisations', { method: 'POST', body })
        : api<{ organisation: Organisation }>(`/organisations/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.customers }),
  });
}

export function useDeleteOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/organisations/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.customers }),
  });
}

/** Organisations by name or domain, and always those with these ids (so a picker can name them). */
export function useOrganisations(q: string, ids: number[]) {
  const trimmed = q.trim();
  const search = useQuery({
    queryKey: [...queryKeys.customers, 'organisations', trimmed],
    queryFn: ({ signal }) =>
      api<{ items: Organisation[] }>('/organisations', { query: { q: trimmed, limit: 20 }, signal }),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
  });
  const sorted = [...ids].sort((a, b) => a - b);
  const chosen = useQuery({
    queryKey: [...queryKeys.customers, 'organisations', 'ids', sorted.join(',')],
    queryFn: ({ signal }) =>
      api<{ items: Organisation[] }>('/organisations', { query: { ids: sorted.join(','), limit: 100 }, signal }),
    select: (data) => data.items,
    enabled: sorted.length > 0,
  });
  const byId = new Map<number, Organisation>();
  for (const o of [...(chosen.data ?? []), ...(search.data ?? [])]) byId.set(o.id, o);
  return { items: [...byId.values()], isFetching: search.isFetching || chosen.isFetching };
}
