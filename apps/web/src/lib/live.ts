// Live updates: one WebSocket per signed-in tab; server events invalidate the matching queries.
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { queryKeys } from './queryKeys';

const invalidates: Record<string, readonly (readonly string[])[]> = {
  // A change to users may be a change to me (role, name) and shows in teams' member names.
  'users.changed': [queryKeys.users, queryKeys.me, queryKeys.teams],
  'teams.changed': [queryKeys.teams, queryKeys.users],
  'settings.changed': [queryKeys.settings],
  'tokens.changed': [queryKeys.tokens],
};

export function liveUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/v1/live`;
}

/** Delay before the n-th reconnect (0-based): 1 s, 2 s, 4 s … capped at 30 s, with jitter. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** attempt);
  return Math.round(base * (0.75 + random() * 0.5));
}

export function handleLiveMessage(queryClient: QueryClient, raw: string): void {
  let type: unknown;
  try {
    type = (JSON.parse(raw) as { type?: unknown }).type;
  } catch {
    return;
  }
  if (typeof type !== 'string') return;
  const keys = invalidates[type];
  if (!keys) return;
  for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
  // Every change the server announces writes an audit entry.
  void queryClient.invalidateQueries({ queryKey: queryKeys.audit });
}

/** The server closes with this code when the session or token was ended (sign-out, deactivation). */
export const CLOSE_SIGNED_OUT = 4401;

export function useLiveUpdates(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    let socket: WebSocket | null = null;
    let timer: number | undefined;
    let attempt = 0;
    let stopped = false;

    const connect = () => {
      socket = new WebSocket(liveUrl(window.location));
      socket.onopen = () => {
        // Anything may have changed while we were disconnected.
        if (attempt > 0) void queryClient.invalidateQueries();
        attempt = 0;
      };
      socket.onmessage = (event: MessageEvent) => {
        if (typeof event.data === 'string') handleLiveMessage(queryClient, event.data);
      };
      socket.onclose = (event: CloseEvent) => {
        if (stopped) return;
        if (event.code === CLOSE_SIGNED_OUT) {
          // The sign-in ended elsewhere: asking who we are leads to the sign-in page; no reconnect.
          void queryClient.invalidateQueries({ queryKey: queryKeys.me });
          return;
        }
        timer = window.setTimeout(connect, reconnectDelay(attempt));
        attempt += 1;
      };
    };
    connect();

    return () => {
      stopped = true;
      window.clearTimeout(timer);
      socket?.close();
    };
  }, [enabled, queryClient]);
}
