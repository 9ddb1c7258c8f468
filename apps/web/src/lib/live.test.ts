import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { handleLiveMessage, LiveChannel, liveUrl, reconnectDelay, VIEW_COUNTS_EVERY_MS } from './live';
import { queryKeys } from './queryKeys';

function clientWithData() {
  const client = new QueryClient();
  for (const key of [queryKeys.users, queryKeys.teams, queryKeys.settings, queryKeys.tokens, queryKeys.sessions]) {
    client.setQueryData([...key, 'x'], 1);
  }
  return client;
}

const invalidated = (client: QueryClient) =>
  client
    .getQueryCache()
    .getAll()
    .filter((q) => q.state.isInvalidated)
    .map((q) => q.queryKey[0]);

describe('live updates', () => {
  it('invalidates the queries an event names, and no others', () => {
    const client = clientWithData();
    handleLiveMessage(client, JSON.stringify({ type: 'settings.changed', data: {} }));
    expect(invalidated(client)).toEqual(['settings']);

    const other = clientWithData();
    handleLiveMessage(other, JSON.stringify({ type: 'tokens.changed' }));
    expect(invalidated(other)).toEqual(['tokens']);
  });

  it('ignores unknown events and malformed messages', () => {
    const client = clientWithData();
    handleLiveMessage(client, JSON.stringify({ type: 'tickets.changed' }));
    handleLiveMessage(client, 'not json');
    expect(invalidated(client)).toEqual([]);
  });

  it('on tickets.changed invalidates ticket lists, view counts and only the tickets named', () => {
    const client = new QueryClient();
    for (const key of [
      [...queryKeys.ticketLists, { status: ['open'] }],
      [...queryKeys.views, 'counts'],
      [...queryKeys.ticket(1042), 'detail'],
      [...queryKeys.ticket(7), 'detail'],
      [...queryKeys.users, 'x'],
    ]) {
      client.setQueryData(key, 1);
    }
    handleLiveMessage(client, JSON.stringify({ type: 'tickets.changed', data: { numbers: [1042] } }));
    const keys = client
      .getQueryCache()
      .getAll()
      .filter((q) => q.state.isInvalidated)
      .map((q) => q.queryKey.slice(0, 2));
    expect(keys).toEqual([
      ['tickets', 'list'],
      ['views', 'counts'],
      ['tickets', 1042],
    ]);
  });

  it('refreshes the view counts at most once per interval while tickets keep changing, and not the views', () => {
    vi.useFakeTimers();
    try {
      const client = new QueryClient();
      const counts = () => client.getQueryCache().find({ queryKey: [...queryKeys.views, 'counts'] })!;
      const views = () => client.getQueryCache().find({ queryKey: [...queryKeys.views, 'list'] })!;
      const reset = () => {
        client.setQueryData([...queryKeys.views, 'counts'], {});
        client.setQueryData([...queryKeys.views, 'list'], []);
      };
      const changed = (n: number) =>
        handleLiveMessage(client, JSON.stringify({ type: 'tickets.changed', data: { numbers: [n] } }));
      reset();
      changed(1);
      expect(counts().state.isInvalidated).toBe(true);
      expect(views().state.isInvalidated).toBe(false);
      reset();
      changed(2);
      changed(3);
      vi.advanceTimersByTime(VIEW_COUNTS_EVERY_MS - 100);
      expect(counts().state.isInvalidated).toBe(false);
      vi.advanceTimersByTime(100);
      expect(counts().state.isInvalidated).toBe(true);
      // Quiet for an interval: the next change refreshes them at once again.
      reset();
      vi.advanceTimersByTime(VIEW_COUNTS_EVERY_MS);
      changed(4);
      expect(counts().state.isInvalidated).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('hands every event to the channel subscribers of its type, and sends only while connected', () => {
    const channel = new LiveChannel();
    const heard = vi.fn();
    const stop = channel.subscribe('ticket.presence', heard);
    const presence = { number: 5, userId: 2, name: 'Asha', typing: true, left: false };
    handleLiveMessage(new QueryClient(), JSON.stringify({ type: 'ticket.presence', data: presence }), channel);
    expect(heard).toHaveBeenCalledWith(presence);
    stop();
    handleLiveMessage(new QueryClient(), JSON.stringify({ type: 'ticket.presence', data: presence }), channel);
    expect(heard).toHaveBeenCalledTimes(1);

    const sent: string[] = [];
    const socket = { readyState: 1, send: (s: string) => sent.push(s) };
    expect(channel.send('presence', { number: 5 })).toBe(false);
    const connected = vi.fn();
    channel.onConnect(connected);
    channel.attach(socket);
    expect(connected).toHaveBeenCalledTimes(1);
    expect(channel.send('presence', { number: 5, typing: false })).toBe(true);
    expect(sent).toEqual(['{"type":"presence","data":{"number":5,"typing":false}}']);
    channel.detach(socket);
    expect(channel.send('presence', { number: 5 })).toBe(false);
  });

  it('uses wss on https and backs off up to 30 s', () => {
    expect(liveUrl({ protocol: 'https:', host: 'help.example.in' })).toBe('wss://help.example.in/api/v1/live');
    expect(liveUrl({ protocol: 'http:', host: 'localhost:5173' })).toBe('ws://localhost:5173/api/v1/live');
    const mid = () => 0.5;
    expect([0, 1, 2, 10].map((n) => reconnectDelay(n, mid))).toEqual([1000, 2000, 4000, 30000]);
  });
});
