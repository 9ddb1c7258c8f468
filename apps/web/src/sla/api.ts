// Business calendars (`/calendars`): types mirror apps/server/src/sla/schema.ts by hand.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api';
import { queryKeys } from '../lib/queryKeys';

export interface WorkingHours {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** "HH:MM", local. */
  from: string;
  to: string;
}

export interface Holiday {
  date: string;
  name: string;
  /** The same month and day every year. */
  yearly: boolean;
}

export interface Calendar {
  id: number;
  name: string;
  timeZone: string;
  hours: WorkingHours[];
  holidays: Holiday[];
  isDefault: boolean;
  weeklyHours: number;
  teamIds: number[];
  createdAt: string;
  updatedAt: string;
}

export interface CalendarBody {
  name: string;
  timeZone: string;
  hours: WorkingHours[];
  holidays: Holiday[];
  isDefault: boolean;
  teamIds: number[];
}

export function useCalendars() {
  return useQuery({
    queryKey: queryKeys.calendars,
    queryFn: ({ signal }) => api<{ items: Calendar[] }>('/calendars', { signal }),
    select: (data) => data.items,
  });
}

export function useSaveCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: CalendarBody }) =>
      id === null
        ? api<{ calendar: Calendar }>('/calendars', { method: 'POST', body })
        : api<{ calendar: Calendar }>(`/calendars/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.calendars }),
  });
}

export function useDeleteCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/calendars/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.calendars }),
  });
}
