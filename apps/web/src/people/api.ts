// Users and teams (`/users`, `/teams`).
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role, User } from '../auth/api';
import { api } from '../lib/api';
import { queryKeys } from '../lib/queryKeys';

export type AssignmentMode = 'manual' | 'round_robin' | 'fewest_open';
export const ASSIGNMENT_MODES: readonly AssignmentMode[] = ['manual', 'round_robin', 'fewest_open'];

export interface Team {
  id: number;
  name: string;
  description: string;
  leadId: number | null;
  memberIds: number[];
  /** How the team's new tickets find an agent. */
  assignmentMode: AssignmentMode;
  /** Support tier: 1 = first line (L1), 2 = L2 …; escalation moves tickets up. */
  tier: number;
  createdAt: string;
  updatedAt: string;
}

export interface UserFilter {
  q: string;
  role: Role | '';
  active: 'true' | 'false' | '';
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const PAGE_SIZE = 50;

export function useUsers(filter: UserFilter) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.users, 'list', filter],
    queryFn: ({ pageParam, signal }) =>
      api<Page<User>>('/users', {
        query: { q: filter.q.trim(), role: filter.role, active: filter.active, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** Every user, following the cursor to the end; for pickers (team lead, members, audit actor). */
export function useAllUsers() {
  return useQuery({
    queryKey: [...queryKeys.users, 'all'],
    queryFn: async ({ signal }) => {
      const users: User[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<User> = await api<Page<User>>('/users', { query: { limit: PAGE_SIZE, cursor }, signal });
        users.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return users;
    },
    staleTime: 30_000,
  });
}

export interface CreateUserBody {
  name: string;
  email: string;
  role: Role;
  locale?: 'en' | 'hi';
  timeZone?: string;
  capacity?: number;
  password?: string;
}

export type UpdateUserBody = Partial<Omit<CreateUserBody, 'password'>> & { active?: boolean };

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => api<{ user: User }>('/users', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateUserBody & { id: number }) =>
      api<{ user: User }>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}

export function useTeams() {
  return useQuery({
    queryKey: queryKeys.teams,
    queryFn: () => api<{ items: Team[] }>('/teams'),
    select: (data) => data.items,
  });
}

export interface TeamBody {
  name: string;
  description?: string;
  leadId?: number | null;
  memberIds?: number[];
  assignmentMode?: AssignmentMode;
  tier?: number;
}

export function useSaveTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: TeamBody & { id?: number }) =>
      id
        ? api<{ team: Team }>(`/teams/${encodeURIComponent(id)}`, { method: 'PATCH', body })
        : api<{ team: Team }>('/teams', { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.teams });
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
    },
  });
}

export function useDeleteTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/teams/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.teams });
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
    },
  });
}
