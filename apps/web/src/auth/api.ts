// Sign-in, first-run setup, password reset and the signed-in user (`/auth/*`).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from '../lib/api';
import { queryKeys } from '../lib/queryKeys';

export type Role = 'admin' | 'manager' | 'lead' | 'agent';
export const ROLES: readonly Role[] = ['admin', 'manager', 'lead', 'agent'];
export type Theme = 'light' | 'dark' | 'auto';
export const THEMES: readonly Theme[] = ['light', 'dark', 'auto'];
export type Availability = 'online' | 'away' | 'offline';
export const AVAILABILITIES: readonly Availability[] = ['online', 'away', 'offline'];

export interface User {
  id: number;
  name: string;
  email: string;
  role: Role;
  locale: 'en' | 'hi';
  timeZone: string;
  theme: Theme;
  active: boolean;
  /** Most open tickets at a time. */
  capacity: number;
  /** Whether automatic assignment may pick this person now. */
  availability: Availability;
  teamIds: number[];
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SessionInfo {
  user: User;
  csrfToken: string | null;
}

export interface MePatch {
  name?: string;
  locale?: 'en' | 'hi';
  timeZone?: string;
  theme?: Theme;
  availability?: Availability;
}

export function useSetupStatus() {
  return useQuery({
    queryKey: queryKeys.setup,
    queryFn: () => api<{ needed: boolean }>('/auth/setup'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The signed-in user; the query's error is a 401 ApiError when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async () => {
      const session = await api<SessionInfo>('/auth/me');
      setCsrfToken(session.csrfToken);
      return session;
    },
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    staleTime: 60_000,
  });
}

function useStoreSession() {
  const queryClient = useQueryClient();
  return (session: SessionInfo) => {
    setCsrfToken(session.csrfToken);
    queryClient.setQueryData(queryKeys.me, session);
  };
}

export function useLogin() {
  const store = useStoreSession();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api<SessionInfo>('/auth/login', { method: 'POST', body }),
    onSuccess: store,
  });
}

export function useSetup() {
  const store = useStoreSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; email: string; password: string; locale: 'en' | 'hi' }) =>
      api<SessionInfo>('/auth/setup', { method: 'POST', body }),
    onSuccess: (session) => {
      store(session);
      queryClient.setQueryData(queryKeys.setup, { needed: false });
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST' }),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
    },
  });
}

export function usePatchMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MePatch) => api<{ user: User }>('/auth/me', { method: 'PATCH', body }),
    onSuccess: ({ user }) => {
      queryClient.setQueryData<SessionInfo>(queryKeys.me, (old) => (old ? { ...old, user } : old));
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api<void>('/auth/password', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.sessions }),
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (body: { email: string }) => api<void>('/auth/password-reset', { method: 'POST', body }),
  });
}

export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      api<void>('/auth/password-reset/confirm', { method: 'POST', body }),
  });
}
