// Who else is on a ticket: the presence events of the live socket, folded into a list that expires.

export interface PresenceEvent {
  number: number;
  userId: number;
  name: string;
  typing?: boolean;
  left?: boolean;
}

export interface PresenceEntry {
  userId: number;
  name: string;
  typing: boolean;
  /** When we last heard from them (ms). */
  at: number;
}

/** Others re-announce every 10 s; silence for this long means they have gone (closed tab, lost network). */
export const PRESENCE_TTL_MS = 30_000;
/** How often we announce ourselves while a ticket stays open. */
export const PRESENCE_HEARTBEAT_MS = 10_000;

export function isPresenceEvent(data: unknown): data is PresenceEvent {
  if (!data || typeof data !== 'object') return false;
  const d = data as Record<string, unknown>;
  return typeof d.number === 'number' && typeof d.userId === 'number' && typeof d.name === 'string';
}

/** Applies one event for ticket `number`; our own echoes and other tickets' events change nothing. */
export function applyPresence(
  entries: readonly PresenceEntry[],
  event: PresenceEvent,
  number: number,
  selfId: number,
  now: number,
): PresenceEntry[] {
  if (event.number !== number || event.userId === selfId) return entries as PresenceEntry[];
  const others = entries.filter((e) => e.userId !== event.userId);
  if (event.left) return others;
  return [...others, { userId: event.userId, name: event.name, typing: !!event.typing, at: now }].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
}

/** The entries heard from within the time to live. */
export function activePresence(entries: readonly PresenceEntry[], now: number, ttl = PRESENCE_TTL_MS): PresenceEntry[] {
  return entries.filter((e) => now - e.at < ttl);
}
