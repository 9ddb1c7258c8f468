// Customers (`/customers`): the requester picker and the requester sidebar.
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
