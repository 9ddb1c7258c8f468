// Customers (`/customers`) and their organisations (`/organisations`): the requester picker, the
// requester sidebar and organisation pickers.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
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
  domain: string | null;
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
