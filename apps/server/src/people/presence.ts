// Availability (online / away / offline) and its history. The one place that changes a user's
// availability: users.availability says what it is now (assignment reads it), agent_presence keeps
// the intervals behind it (analytics reads them), and both change in the caller's transaction so
// they never disagree.
import type { Executor } from '../platform/db/index.js';
import * as repo from './repo.js';

export type Availability = 'online' | 'away' | 'offline';

/**
 * Sets a user's availability at `now`: closes the open interval and, unless they go offline, opens
 * one with the new status. Setting the status they already have changes nothing (the interval goes
 * on). Returns whether anything changed.
 */
export async function setAvailability(trx: Executor, userId: number, status: Availability, now: number) {
  // Writing the user's row first also locks it (PostgreSQL), so two changes of the same user queue
  // up instead of both opening an interval.
  await repo.updateUser(trx, userId, { availability: status });
  const open = await repo.openPresence(trx, userId);
  if (open?.status === status) return false;
  if (!open && status === 'offline') return false;
  // Clocks of two nodes may disagree by a little; an interval never ends before it starts.
  if (open) await repo.closePresence(trx, open.id, Math.max(now, Number(open.started_at)));
  if (status !== 'offline')
    await repo.insertPresence(trx, { user_id: userId, status, started_at: now, ended_at: null });
  return true;
}
