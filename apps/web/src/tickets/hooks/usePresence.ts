// Presence on one ticket: tells others we are here (and typing), and lists who else is.
import { useCallback, useEffect, useRef, useState } from 'react';
import { live, useLiveEvent } from '../../lib/live';
import { activePresence, applyPresence, isPresenceEvent, PRESENCE_HEARTBEAT_MS, type PresenceEntry } from '../presence';

export function usePresence(number: number, selfId: number) {
  const [entries, setEntries] = useState<PresenceEntry[]>([]);
  const [now, setNow] = useState(() => Date.now());
  const typing = useRef(false);
  const known = useRef(new Set<number>());

  useLiveEvent('ticket.presence', (data) => {
    if (!isPresenceEvent(data)) return;
    setEntries((e) => applyPresence(e, data, number, selfId, Date.now()));
    if (data.number !== number || data.userId === selfId) return;
    if (data.left) known.current.delete(data.userId);
    else if (!known.current.has(data.userId)) {
      // Someone new arrived: tell them at once that we are here too, not at our next heartbeat.
      known.current.add(data.userId);
      live.send('presence', { number, typing: typing.current });
    }
  });

  useEffect(() => {
    setEntries([]);
    known.current = new Set();
    typing.current = false;
    const announce = () => live.send('presence', { number, typing: typing.current });
    const leave = () => live.send('presence', { number, left: true });
    announce();
    const stopConnect = live.onConnect(announce);
    const heartbeat = window.setInterval(() => {
      announce();
      setNow(Date.now());
    }, PRESENCE_HEARTBEAT_MS);
    // Expiry shows within a few seconds, between heartbeats too.
    const clock = window.setInterval(() => setNow(Date.now()), 5_000);
    window.addEventListener('pagehide', leave);
    return () => {
      window.clearInterval(heartbeat);
      window.clearInterval(clock);
      window.removeEventListener('pagehide', leave);
      stopConnect();
      leave();
    };
  }, [number]);

  const setTyping = useCallback(
    (value: boolean) => {
      if (typing.current === value) return;
      typing.current = value;
      live.send('presence', { number, typing: value });
    },
    [number],
  );

  return { others: activePresence(entries, now), setTyping };
}
