// In-app notifications and their preferences (`/notifications`).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api';
import { queryKeys } from '../lib/queryKeys';

export const NOTIFICATION_KINDS = ['assigned', 'escalated', 'mentioned', 'follower_update', 'automation'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface Notification {
  id: number;
  kind: NotificationKind;
  ticketNumber: number | null;
  ticketSubject: string | null;
  actor: { id: number; name: string } | null;
  createdAt: string;
  readAt: string | null;
}

interface NotificationPage {
  items: Notification[];
  unread: number;
  nextCursor: string | null;
}

export interface NotificationPreference {
  kind: NotificationKind;
  inApp: boolean;
  email: boolean;
}

export function useNotifications() {
  return useInfiniteQuery({
    queryKey: [...queryKeys.notifications, 'list'],
    queryFn: ({ pageParam, signal }) =>
      api<NotificationPage>('/notifications', { query: { limit: 20, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: number[] } | { all: true }) =>
      api<{ unread: number }>('/notifications/read', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications }),
  });
}

export function useNotificationPreferences() {
  return useQuery({
    queryKey: [...queryKeys.notifications, 'preferences'],
    queryFn: ({ signal }) => api<{ items: NotificationPreference[] }>('/notifications/preferences', { signal }),
    select: (data) => data.items,
  });
}

export function useSaveNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: NotificationPreference[]) =>
      api<{ items: NotificationPreference[] }>('/notifications/preferences', { method: 'PUT', body: { items } }),
    onSuccess: (data) => queryClient.setQueryData([...queryKeys.notifications, 'preferences'], data),
  });
}
