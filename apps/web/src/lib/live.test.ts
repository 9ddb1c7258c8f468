import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { handleLiveMessage, liveUrl, reconnectDelay } from './live';
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

  it('uses wss on https and backs off up to 30 s', () => {
    expect(liveUrl({ protocol: 'https:', host: 'help.example.in' })).toBe('wss://help.example.in/api/v1/live');
    expect(liveUrl({ protocol: 'http:', host: 'localhost:5173' })).toBe('ws://localhost:5173/api/v1/live');
    const mid = () => 0.5;
    expect([0, 1, 2, 10].map((n) => reconnectDelay(n, mid))).toEqual([1000, 2000, 4000, 30000]);
  });
});
