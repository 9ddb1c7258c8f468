// Live updates: one WebSocket per signed-in tab; server events invalidate the matching queries, and
// components subscribe to events (presence) and send their own through the same socket.
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { queryKeys } from './queryKeys';

type Listener = (data: unknown) => void;

interface Sendable {
  readonly readyState: number;
  send(data: string): void;
}

const OPEN = 1;

/** The tab's end of the socket for components: subscribe to event types, send messages, hear (re)connects. */
export class LiveChannel {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly connectListeners = new Set<() => void>();
  private socket: Sendable | null = null;

  subscribe(type: string, listener: Listener): () => void {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /** Called after every (re)connect: what a component announced before must be announced again. */
  onConnect(listener: () => void): () => void {
    this.connectListeners.add(listener);
    return () => {
      this.connectListeners.delete(listener);
    };
  }

  emit(type: string, data: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener(data);
  }

  /** Sends when connected; a message while disconnected is dropped (presence is re-sent on connect). */
  send(type: string, data: unknown): boolean {
    if (!this.socket || this.socket.readyState !== OPEN) return false;
    this.socket.send(JSON.stringify({ type, data }));
    return true;
  }

  attach(socket: Sendable): void {
    this.socket = socket;
    for (const listener of this.connectListeners) listener();
  }

  detach(socket: Sendable): void {
    if (this.socket === socket) this.socket = null;
  }
}

/** The one channel of this tab. */
export const live = new LiveChannel();

/** Calls `handler` with the data of each live event of this type while the component is mounted. */
export function useLiveEvent(type: string, handler: (data: unknown) => void): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => live.subscribe(type, (data) => ref.current(data)), [type]);
}

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

function ticketNumbers(data: unknown): number[] {
  const numbers = (data as { numbers?: unknown } | null)?.numbers;
  return Array.isArray(numbers) ? numbers.filter((n): n is number => typeof n === 'number') : [];
}

/**
 * How often the view counts are refetched at most while tickets keep changing: the server counts every
 * view for it (tens of ms on a million tickets), and a busy desk changes tickets several times a
 * second. The first change refreshes them at once, later ones at the end of the interval.
 */
export const VIEW_COUNTS_EVERY_MS = 5000;

const viewCounts = new WeakMap<QueryClient, { last: number; timer: ReturnType<typeof setTimeout> | undefined }>();

function refreshViewCounts(queryClient: QueryClient): void {
  let state = viewCounts.get(queryClient);
  if (!state) {
    state = { last: Number.NEGATIVE_INFINITY, timer: undefined };
    viewCounts.set(queryClient, state);
  }
  if (state.timer !== undefined) return;
  const s = state;
  const refresh = () => {
    s.timer = undefined;
    s.last = Date.now();
    void queryClient.invalidateQueries({ queryKey: [...queryKeys.views, 'counts'] });
  };
  const wait = s.last + VIEW_COUNTS_EVERY_MS - Date.now();
  if (wait <= 0) refresh();
  else s.timer = setTimeout(refresh, wait);
}

export function handleLiveMessage(queryClient: QueryClient, raw: string, channel: LiveChannel = live): void {
  let message: { type?: unknown; data?: unknown };
  try {
    message = JSON.parse(raw) as { type?: unknown; data?: unknown };
  } catch {
    return;
  }
  if (!message || typeof message.type !== 'string') return;
  const { type, data } = message;
  if (type === 'tickets.changed') {
    void queryClient.invalidateQueries({ queryKey: queryKeys.ticketLists });
    // Only the views' counts change with tickets (the sidebar shows those); not the views themselves.
    refreshViewCounts(queryClient);
    for (const number of ticketNumbers(data))
      void queryClient.invalidateQueries({ queryKey: queryKeys.ticket(number) });
  } else if (type === 'notifications.changed') {
    void queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
  } else {
    const keys = invalidates[type];
    if (keys) {
      for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
      // Every change to people, settings and tokens writes an audit entry.
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit });
    }
  }
  channel.emit(type, data);
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
      const current = new WebSocket(liveUrl(window.location));
      socket = current;
      current.onopen = () => {
        // Anything may have changed while we were disconnected.
        if (attempt > 0) void queryClient.invalidateQueries();
        attempt = 0;
        live.attach(current);
      };
      current.onmessage = (event: MessageEvent) => {
        if (typeof event.data === 'string') handleLiveMessage(queryClient, event.data);
      };
      current.onclose = (event: CloseEvent) => {
        live.detach(current);
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
      if (socket) live.detach(socket);
      socket?.close();
    };
  }, [enabled, queryClient]);
}
